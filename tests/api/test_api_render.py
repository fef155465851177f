"""Relationships answers rendered by orjson are byte for byte the response model's JSON."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import graph_samples as s
import neo4j
import pytest

from api import render
from api.schemas import ActorRef, ActorRelationship, ActorRelationships
from graph import queries
from graph.filters import GraphFilter
from graph.read.actors import Counterparts, actor_counterparts
from graph.schema import ensure_schema
from graph.session import Graph
from graph.writer import GraphWriter
from ontology.model import ExtractionResult

pytestmark = pytest.mark.neo4j
DB = "neo4j"
FILTERS = (
    GraphFilter(),
    GraphFilter(types=("CONSULT", "THREATEN")),
    GraphFilter(date_from=dt.date(2020, 6, 1), date_to=dt.date(2020, 12, 31)),
)


def model_json(found: Counterparts) -> bytes:
    """The answer as ``ModelResponse`` renders it (every row validated by pydantic)."""
    answer = ActorRelationships(
        actor=ActorRef.model_validate(found.actor),
        members=[ActorRef.model_validate(m) for m in found.members],
        source=found.source,
        data=[ActorRelationship.model_validate(r) for r in found.data],
    )
    return answer.model_dump_json().encode()


def compare_all(graph: Graph, ids: list[str]) -> int:
    """Compare every actor's answer for every filter and two limits; the rows compared."""
    rows = 0
    for actor in ids:
        for flt in FILTERS:
            for limit in (100, 2):
                found = actor_counterparts(graph, actor, flt, limit=limit)
                assert render.relationships(found) == model_json(found), (actor, flt, limit)
                rows += len(found.data)
    return rows


def test_rendered_relationships_equal_the_models_json(
    neo4j_clean: neo4j.Driver, synthetic_results: Callable[..., list[ExtractionResult]]
) -> None:
    graph = Graph(neo4j_clean, DB)
    ensure_schema(graph)
    writer = GraphWriter(graph, batch_size=40)  # small batches: every actor gets a summary
    writer.write_results([s.seed_result(), s.meeting_result("ap-1", "AP")])
    writer.write_results(synthetic_results(300, seed=4))
    records, _, _ = neo4j_clean.execute_query("MATCH (a:Actor) RETURN a.id AS id", database_=DB)
    ids = sorted(r["id"] for r in records)
    assert compare_all(graph, ids) > len(ids)  # from the stored summaries
    neo4j_clean.execute_query(queries.DROP_SUMMARIES, database_=DB)
    assert compare_all(graph, ids) > len(ids)  # from the live INTERACTS_WITH query
