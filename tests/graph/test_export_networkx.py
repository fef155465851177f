"""GraphML and GEXF exports read back with networkx into the same graph."""

from __future__ import annotations

import io
import json
from typing import Any

import networkx as nx
import pytest
from export_samples import TRICKY_TEXT, sample_graph
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.export import FORMATS
from graph.export.networkx_formats import xml_safe


def _written(fmt: str, graph: nx.MultiDiGraph) -> bytes:
    buffer = io.BytesIO()
    FORMATS[fmt].write(graph, buffer)
    return buffer.getvalue()


def _read_back(fmt: str, data: bytes) -> nx.MultiDiGraph:
    if fmt == "graphml":
        return nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    return nx.MultiDiGraph(nx.read_gexf(io.BytesIO(data)))


def _same_kind(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return a.get("kind") == b.get("kind") and a.get("label") == b.get("label")


def _same_rels(a: dict[Any, dict[str, Any]], b: dict[Any, dict[str, Any]]) -> bool:
    return sorted(d["rel"] for d in a.values()) == sorted(d["rel"] for d in b.values())


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return sample_graph()


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_read_back_is_isomorphic_to_the_projection(fmt: str, graph: nx.MultiDiGraph) -> None:
    back = _read_back(fmt, _written(fmt, graph))
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    assert set(back.nodes) == {str(n) for n in graph.nodes}
    assert nx.is_isomorphic(back, graph, node_match=_same_kind, edge_match=_same_rels)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_values_keep_their_types_and_lists_become_json(fmt: str, graph: nx.MultiDiGraph) -> None:
    back = _read_back(fmt, _written(fmt, graph))
    event_id, data = next(
        (n, d) for n, d in graph.nodes(data=True) if d["kind"] == "Event" and d["type"] == "REQUEST"
    )
    read = back.nodes[event_id]
    assert read["goldstein"] == data["goldstein"]
    assert read["quad_class"] == data["quad_class"]
    assert "date" not in read  # None is dropped, not written as "None"
    (_, _, report), *_ = [
        e for e in back.out_edges(event_id, data=True) if e[2]["rel"] == "REPORTED_IN"
    ]
    assert json.loads(report["evidence"]) == [TRICKY_TEXT, "It asked again."]
    assert json.loads(report["start"]) == [0, 60]
    un = back.nodes["org:U.N."]
    assert json.loads(un["aliases"]) == ["UN", "the U.N.; New York"]
    assert un["label"] == "United Nations"


def test_graphml_edge_ids_are_unique(graph: nx.MultiDiGraph) -> None:
    back = nx.read_graphml(io.BytesIO(_written("graphml", graph)), force_multigraph=True)
    keys = [k for _, _, k in back.edges(keys=True)]
    assert len(keys) == len(set(keys)) == graph.number_of_edges()


def test_gexf_declares_the_gephi_essentials(graph: nx.MultiDiGraph) -> None:
    text = _written("gexf", graph).decode("utf-8")
    assert 'defaultedgetype="directed"' in text
    assert 'label="Antony Blinken"' in text
    assert 'title="kind"' in text


def test_an_empty_graph_exports_and_reads_back() -> None:
    for fmt in ("graphml", "gexf"):
        back = _read_back(fmt, _written(fmt, nx.MultiDiGraph()))
        assert back.number_of_nodes() == 0


@settings(max_examples=150, deadline=None)
@given(st.text(), st.text())
def test_any_text_survives_graphml_and_gexf(name: str, text: str) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("person:x", kind="Actor", id="person:x", label=name, name=name)
    graph.add_node("ev-1", kind="Event", id="ev-1", label="CONSULT")
    graph.add_edge("ev-1", "person:x", key="SOURCE", rel="SOURCE", note=text)
    for fmt in ("graphml", "gexf"):
        back = _read_back(fmt, _written(fmt, graph))
        assert back.nodes["person:x"]["name"] == xml_safe(name)
        assert back.nodes["person:x"]["label"] == xml_safe(name)
        ((_, _, data),) = back.out_edges("ev-1", data=True)
        assert data["note"] == xml_safe(text)
