"""Counterpart summaries kept by the writer give exactly the live query's answer."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import graph_samples as s
import neo4j
import pytest

from graph import changes, queries, summaries
from graph.read.actors import actor_interactions
from graph.schema import ensure_schema
from graph.session import Graph
from graph.writer import GraphWriter
from ontology.model import ExtractionResult

pytestmark = pytest.mark.neo4j
DB = "neo4j"


def answers(driver: neo4j.Driver, ids: list[str], limit: int) -> dict[str, list[dict[str, Any]]]:
    graph = Graph(driver, DB)
    return {i: actor_interactions(graph, i, limit=limit) for i in ids}


def same(a: dict[str, list[dict[str, Any]]], b: dict[str, list[dict[str, Any]]]) -> None:
    """Equal, except that Goldstein averages may differ in the last bits (float sums taken
    over the relationships in another order)."""
    assert a.keys() == b.keys()
    for actor, left in a.items():
        right = b[actor]
        assert [r["counterpart"] for r in left] == [r["counterpart"] for r in right], actor
        for x, y in zip(map(dict, left), map(dict, right), strict=True):
            gx, gy = x.pop("goldstein_avg"), y.pop("goldstein_avg")
            assert (gx is None and gy is None) or math.isclose(gx, gy, rel_tol=1e-12)
            assert x == y, actor


def drop(driver: neo4j.Driver) -> None:
    driver.execute_query(queries.DROP_SUMMARIES, database_=DB)


def stored(driver: neo4j.Driver) -> int:
    records, _, _ = driver.execute_query(
        "MATCH (a:Actor) WHERE a.counterparts IS NOT NULL RETURN count(a) AS n", database_=DB
    )
    return int(records[0]["n"])


def test_summaries_answer_like_the_live_query(
    neo4j_clean: neo4j.Driver,
    seed_extraction: ExtractionResult,
    synthetic_results: Callable[..., list[ExtractionResult]],
) -> None:
    ensure_schema(Graph(neo4j_clean, DB))
    writer = GraphWriter(Graph(neo4j_clean, DB), batch_size=40)
    synthetic = synthetic_results(400, seed=5)
    writer.write_results([seed_extraction, s.meeting_result("ap-1", "AP"), *synthetic])
    # A corrected article (its old event's pair is recounted) and one more report.
    changed = synthetic[0].model_copy(
        update={"events": (synthetic[1].events[0].model_copy(update={"article_id": "bench-0"}),)}
    )
    writer.write_results([changed, s.meeting_result("ap-2", "AP", reverse=True)])
    records, _, _ = neo4j_clean.execute_query("MATCH (a:Actor) RETURN a.id AS id", database_=DB)
    ids = sorted(r["id"] for r in records)
    assert stored(neo4j_clean) == len(ids)  # every actor was in a small batch
    for limit in (200, 3):
        kept = answers(neo4j_clean, ids, limit)
        drop(neo4j_clean)
        live = answers(neo4j_clean, ids, limit)
        assert any(live.values()) and sum(map(len, live.values())) > len(ids)
        same(kept, live)
        assert summaries.rebuild(neo4j_clean, DB) == len(ids)
        same(answers(neo4j_clean, ids, limit), live)


def summarised(driver: neo4j.Driver) -> set[str]:
    records, _, _ = driver.execute_query(
        "MATCH (a:Actor) WHERE a.counterparts IS NOT NULL RETURN a.id AS id", database_=DB
    )
    return {r["id"] for r in records}


def test_a_bulk_batch_drops_only_the_summaries_it_may_change(
    neo4j_clean: neo4j.Driver,
    seed_extraction: ExtractionResult,
    synthetic_results: Callable[..., list[ExtractionResult]],
) -> None:
    ensure_schema(Graph(neo4j_clean, DB))
    writer = GraphWriter(Graph(neo4j_clean, DB))
    writer.write_results([seed_extraction])
    seeded = summarised(neo4j_clean)
    assert {"state:USA", "state:RUS", "person:antony-blinken"} <= seeded
    bulk = synthetic_results(300, seed=3)
    assert len(bulk) > changes.SCOPED_MAX_EVENTS
    writer.write_results(bulk)
    assert summarised(neo4j_clean) == seeded  # the bulk batch named none of the seed's actors
    # A second bulk batch: the same articles changed (their old events' actors lose theirs
    # too) and one more Blinken-Lavrov meeting (their summaries and their states' go).
    writer.write_results([*synthetic_results(300, seed=4), s.meeting_result("ap-9", "AP")])
    left = summarised(neo4j_clean)
    gone = {"person:antony-blinken", "person:sergei-lavrov", "state:USA", "state:RUS"}
    assert left == seeded - gone and left
    records, _, _ = neo4j_clean.execute_query("MATCH (a:Actor) RETURN a.id AS id", database_=DB)
    ids = sorted(r["id"] for r in records)
    kept = answers(neo4j_clean, ids, 100)  # the summaries left, the live query for the rest
    drop(neo4j_clean)
    live = answers(neo4j_clean, ids, 100)
    same(kept, live)
    summaries.rebuild(neo4j_clean, DB)
    same(answers(neo4j_clean, ids, 100), live)
