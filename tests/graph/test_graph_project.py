"""The networkx projection: from models (pure) and from Neo4j (same shape, filters applied)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import graph_samples as s
import neo4j
import networkx as nx
import pytest

from graph.filters import GraphFilter
from graph.project import events_to_graph, project
from graph.schema import ensure_schema
from graph.session import Graph
from graph.writer import GraphWriter
from ontology.model import ExtractionResult, Modality
from ontology.plover import EventType

RELS = {"SOURCE", "TARGET", "ATTRIBUTED_TO", "AT", "REPORTED_IN", "AFFILIATED_WITH"}


def sample_results() -> list[ExtractionResult]:
    return [
        s.seed_result(),
        s.meeting_result("reuters-1", "Reuters", reverse=True),
        s.meeting_result("ap-9", "AP", date=dt.date(2022, 2, 10), place=s.VIENNA),
    ]


def sample_graph() -> nx.MultiDiGraph:
    results = sample_results()
    return events_to_graph(
        [e for r in results for e in r.events], [r.article for r in results if r.article]
    )


def test_events_to_graph_shape() -> None:
    g = sample_graph()
    kinds = nx.get_node_attributes(g, "kind")
    assert set(kinds.values()) == {"Actor", "Event", "Place", "Article"}
    assert sum(1 for k in kinds.values() if k == "Event") == 5  # 4 seed + 1 other meeting
    assert sum(1 for k in kinds.values() if k == "Article") == 3
    assert (
        "article:reuters-1" in g and g.nodes["article:reuters-1"]["label"] == "title of reuters-1"
    )
    for u, v, key, attrs in g.edges(keys=True, data=True):
        assert key == attrs["rel"] and key in RELS, (u, v, key)
    for node, attrs in g.nodes(data=True):
        assert None not in attrs.values(), node
        assert isinstance(attrs["label"], str)
    blinken = g.nodes["person:antony-blinken"]
    assert blinken["actor_kind"] == "person" and blinken["kind"] == "Actor"
    consult = next(
        n
        for n, a in g.nodes(data=True)
        if a.get("type") == "CONSULT" and a.get("date") == "2021-12-02"
    )
    assert g.nodes[consult]["num_articles"] == 2 and g.nodes[consult]["num_sources"] == 2
    assert len([v for _, v, k in g.out_edges(consult, keys=True) if k == "REPORTED_IN"]) == 2
    assert g.has_edge("person:antony-blinken", "state:USA", key="AFFILIATED_WITH")


def _comparable(g: nx.MultiDiGraph) -> tuple[dict[str, Any], set[tuple[str, str, str]]]:
    volatile = {"content_hash", "ingested_at"}
    nodes = {}
    for node, attrs in g.nodes(data=True):
        clean = {k: v for k, v in attrs.items() if k not in volatile}
        if "aliases" in clean:
            clean["aliases"] = sorted(clean["aliases"])
        nodes[node] = clean
    return nodes, set(g.edges(keys=True))


@pytest.fixture()
def loaded(neo4j_clean: neo4j.Driver) -> neo4j.Driver:
    ensure_schema(Graph(neo4j_clean, "neo4j"))
    GraphWriter(Graph(neo4j_clean, "neo4j")).write_results(sample_results())
    return neo4j_clean


@pytest.mark.neo4j
def test_projection_from_neo4j_matches_the_pure_one(loaded: neo4j.Driver) -> None:
    from_db = project(Graph(loaded, "neo4j"))
    assert _comparable(from_db) == _comparable(sample_graph())
    report = next(a for _, _, k, a in from_db.edges(keys=True, data=True) if k == "REPORTED_IN")
    assert isinstance(report["evidence"], list) and isinstance(report["start"][0], int)
    assert isinstance(from_db.nodes["article:ap-9"]["ingested_at"], str)


def _events(g: nx.MultiDiGraph) -> set[tuple[str, str | None]]:
    return {(a["type"], a.get("date")) for _, a in g.nodes(data=True) if a["kind"] == "Event"}


@pytest.mark.neo4j
@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (GraphFilter(types=(EventType.MOBILIZE,)), {("MOBILIZE", None)}),
        (
            GraphFilter(actors=("state:USA",)),  # includes Blinken, affiliated with the USA
            {
                ("CONSULT", "2021-12-02"),
                ("THREATEN", "2021-12-02"),
                ("THREATEN", "2021-12-01"),
                ("CONSULT", "2022-02-10"),
            },
        ),
        (GraphFilter(countries=("UKR",)), {("MOBILIZE", None)}),
        (
            GraphFilter(date_from=dt.date(2021, 12, 2), date_to=dt.date(2021, 12, 31)),
            {("CONSULT", "2021-12-02"), ("THREATEN", "2021-12-02")},
        ),
        (GraphFilter(place="vienna"), {("CONSULT", "2022-02-10")}),
        (
            GraphFilter(near=(59.3, 18.1, 25.0)),
            {("CONSULT", "2021-12-02"), ("THREATEN", "2021-12-02")},
        ),
        (GraphFilter(modality=Modality.FUTURE), {("THREATEN", "2021-12-01")}),
        (GraphFilter(min_confidence=0.9), set()),
    ],
)
def test_projection_filters(loaded: neo4j.Driver, flt: GraphFilter, expected: set[Any]) -> None:
    g = project(Graph(loaded, "neo4j"), flt)
    assert _events(g) == expected
    events = [n for n, a in g.nodes(data=True) if a["kind"] == "Event"]
    for node, attrs in g.nodes(data=True):  # only what the kept events reach
        if attrs["kind"] != "Event":
            assert any(nx.has_path(g, e, node) for e in events), node
