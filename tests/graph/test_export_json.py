"""Cytoscape.js and D3 node-link exports parse back with json and networkx."""

from __future__ import annotations

import io
import json
from typing import Any

import networkx as nx
import pytest
from export_samples import sample_graph

from graph.export import FORMATS


def _document(fmt: str, graph: nx.MultiDiGraph) -> dict[str, Any]:
    buffer = io.BytesIO()
    FORMATS[fmt].write(graph, buffer)
    document: dict[str, Any] = json.loads(buffer.getvalue().decode("utf-8"))
    return document


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return sample_graph()


def test_cytoscape_elements_match_the_graph(graph: nx.MultiDiGraph) -> None:
    document = _document("cytoscape", graph)
    nodes = document["elements"]["nodes"]
    edges = document["elements"]["edges"]
    assert {n["data"]["id"] for n in nodes} == set(graph.nodes)
    assert len(edges) == graph.number_of_edges()
    assert len({e["data"]["id"] for e in edges}) == len(edges)
    node_ids = {n["data"]["id"] for n in nodes}
    assert all(e["data"]["source"] in node_ids and e["data"]["target"] in node_ids for e in edges)
    article = next(n["data"] for n in nodes if n["data"]["kind"] == "Article")
    assert article["id"].startswith("article:")


def test_cytoscape_reads_back_with_networkx(graph: nx.MultiDiGraph) -> None:
    back = nx.cytoscape_graph(_document("cytoscape", graph))
    assert back.is_directed() and back.is_multigraph()
    assert set(back.nodes) == set(graph.nodes)
    assert sorted((u, v, k) for u, v, k in back.edges(keys=True)) == sorted(graph.edges(keys=True))
    assert back.nodes["person:sergei-lavrov"]["name"] == "Sergei Lavrov"


def test_d3_matches_networkx_node_link_data(graph: nx.MultiDiGraph) -> None:
    document = _document("d3", graph)
    expected = json.loads(json.dumps(nx.node_link_data(graph, edges="links")))
    assert document["directed"] and document["multigraph"]
    assert sorted(document["nodes"], key=lambda n: n["id"]) == sorted(
        expected["nodes"], key=lambda n: n["id"]
    )
    key = lambda link: (link["source"], link["target"], link["key"])  # noqa: E731
    assert sorted(document["links"], key=key) == sorted(expected["links"], key=key)


def test_d3_reads_back_with_networkx(graph: nx.MultiDiGraph) -> None:
    back = nx.node_link_graph(_document("d3", graph), edges="links")
    # networkx's own round trip (node "id" is the key, so an article's bare id becomes its key)
    own = nx.node_link_graph(nx.node_link_data(graph, edges="links"), edges="links")
    assert nx.utils.graphs_equal(back, own)
    assert set(back.nodes) == set(graph.nodes)


def test_empty_graph_gives_valid_documents() -> None:
    assert _document("cytoscape", nx.MultiDiGraph())["elements"] == {"nodes": [], "edges": []}
    assert _document("d3", nx.MultiDiGraph())["links"] == []
