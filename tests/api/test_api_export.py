"""``GET /export``: every format streams with its media type and parses back."""

from __future__ import annotations

import io
import json
import zipfile

import networkx as nx
import pytest
import rdflib
from fastapi.testclient import TestClient

pytestmark = pytest.mark.neo4j


def parse(fmt: str, data: bytes) -> int:
    """Parse an export and return how many nodes/subjects it holds."""
    if fmt == "graphml":
        return nx.read_graphml(io.BytesIO(data)).number_of_nodes()
    if fmt == "gexf":
        return nx.read_gexf(io.BytesIO(data)).number_of_nodes()
    if fmt == "cytoscape":
        return nx.cytoscape_graph(json.loads(data)).number_of_nodes()
    if fmt == "d3":
        return nx.node_link_graph(json.loads(data), edges="links").number_of_nodes()
    if fmt in ("jsonld", "turtle"):
        graph = rdflib.Graph().parse(data=data, format="json-ld" if fmt == "jsonld" else "turtle")
        return len(set(graph.subjects()))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert any(n.endswith(".csv") for n in names)
        return sum(
            len(archive.read(n).decode("utf-8").splitlines()) - 1
            for n in names
            if n.endswith(".csv") and "node" in n.lower()
        )


@pytest.mark.parametrize(
    ("fmt", "media"),
    [
        ("graphml", "application/graphml+xml"),
        ("gexf", "application/gexf+xml"),
        ("cytoscape", "application/json"),
        ("d3", "application/json"),
        ("jsonld", "application/ld+json"),
        ("turtle", "text/turtle"),
        ("csv", "application/zip"),
    ],
)
def test_every_format_streams_and_parses(client: TestClient, fmt: str, media: str) -> None:
    response = client.get("/export", params={"format": fmt})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media)
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    assert parse(fmt, response.content) > 0


def test_export_applies_the_filters(client: TestClient) -> None:
    everything = nx.cytoscape_graph(client.get("/export", params={"format": "cytoscape"}).json())
    threats = nx.cytoscape_graph(
        client.get("/export", params={"format": "cytoscape", "type": "THREATEN"}).json()
    )
    events = [n for n, d in threats.nodes(data=True) if d.get("kind") == "Event"]
    assert len(events) == 2
    assert all(threats.nodes[n]["type"] == "THREATEN" for n in events)
    assert threats.number_of_nodes() < everything.number_of_nodes()


def test_unknown_format_is_422(client: TestClient) -> None:
    response = client.get("/export", params={"format": "pdf"})
    assert response.status_code == 422
    assert "format" in response.json()["detail"]
