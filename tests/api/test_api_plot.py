"""``GET /relations/plot`` and ``dekg plot`` against the seed graph in the test Neo4j."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.neo4j


def test_plot_png_of_the_seed_pair(client: TestClient) -> None:
    response = client.get("/relations/plot", params={"a": "USA", "b": "RUS"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.content.startswith(b"\x89PNG\r\n\x1a\n")


def test_plot_svg_of_the_seed_pair(client: TestClient) -> None:
    response = client.get("/relations/plot", params={"a": "USA", "b": "RUS", "format": "svg"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert ET.fromstring(response.content).tag.endswith("svg")


def test_plot_follows_the_filters(client: TestClient) -> None:
    params = {"a": "USA", "b": "RUS", "format": "svg"}
    everything = client.get("/relations/plot", params=params).content
    threats = client.get("/relations/plot", params={**params, "type": "THREATEN"}).content
    assert everything != threats


def test_plot_unknown_actor_is_404_and_bad_format_422(client: TestClient) -> None:
    assert client.get("/relations/plot", params={"a": "state:XXX", "b": "RUS"}).status_code == 404
    bad = client.get("/relations/plot", params={"a": "USA", "b": "RUS", "format": "gif"})
    assert bad.status_code == 422
