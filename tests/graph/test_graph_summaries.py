"""Counterpart summaries kept by the writer give exactly the live query's answer."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import graph_samples as s
import neo4j
import pytest

from graph import changes, queries, summaries
from graph.filters import GraphFilter
from graph.read.actors import actor_counterparts, actor_interactions, actor_members
from graph.schema import ensure_schema
from graph.session import Graph
from graph.writer import GraphWriter
from ontology.model import ExtractionResult

pytestmark = pytest.mark.neo4j
DB = "neo4j"


def answers(driver: neo4j.Driver, ids: list[str], limit: int) -> dict[str, list[dict[str, Any]]]:
    """Each actor's interactions, checked equal to the unfiltered relationships answer the
    API serves (one round trip from the summary, or the live query without one)."""
    graph = Graph(driver, DB)
    out = {}
    for i in ids:
        rows = actor_interactions(graph, i, limit=limit)
        served = actor_counterparts(graph, i, GraphFilter(), limit=limit)
        assert (served.actor, served.members) == actor_members(graph, i)
        assert served.source == "interactions" and served.data == rows
        out[i] = rows
    return out


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


def actor_ids(driver: neo4j.Driver) -> list[str]:
    records, _, _ = driver.execute_query("MATCH (a:Actor) RETURN a.id AS id", database_=DB)
    return sorted(r["id"] for r in records)


def summary_of(driver: neo4j.Driver, actor_id: str) -> str | None:
    records, _, _ = driver.execute_query(
        "MATCH (a:Actor {id: $id}) RETURN a.counterparts AS s", id=actor_id, database_=DB
    )
    return records[0]["s"]


def set_summary(driver: neo4j.Driver, actor_id: str, summary: str | None) -> None:
    driver.execute_query(
        "MATCH (a:Actor {id: $id}) SET a.counterparts = $s", id=actor_id, s=summary, database_=DB
    )


def test_a_bulk_load_leaves_every_summary_right_and_rebuilds_only_what_it_dropped(
    neo4j_clean: neo4j.Driver,
    seed_extraction: ExtractionResult,
    synthetic_results: Callable[..., list[ExtractionResult]],
) -> None:
    ensure_schema(Graph(neo4j_clean, DB))
    writer = GraphWriter(Graph(neo4j_clean, DB))
    writer.write_results([seed_extraction])
    seeded = summarised(neo4j_clean)
    assert {"state:USA", "state:RUS", "person:antony-blinken", "state:UKR"} <= seeded
    # A marker in a summary no bulk batch below may change (Ukraine is not in them): a
    # summary that is rebuilt although it was not dropped loses it.
    ukraine = summary_of(neo4j_clean, "state:UKR")
    set_summary(neo4j_clean, "state:UKR", "[]")
    bulk = synthetic_results(300, seed=3)
    assert len(bulk) > changes.SCOPED_MAX_EVENTS
    writer.write_results(bulk)
    assert summarised(neo4j_clean) == set(actor_ids(neo4j_clean))  # new actors got theirs
    # A second bulk batch: the same articles changed (their old events' actors lose theirs
    # too) and one more Blinken-Lavrov meeting (their summaries and their states' change).
    set_summary(neo4j_clean, "state:USA", "[]")  # Blinken's state: dropped, so rebuilt
    writer.write_results([*synthetic_results(300, seed=4), s.meeting_result("ap-9", "AP")])
    ids = actor_ids(neo4j_clean)
    assert summarised(neo4j_clean) == set(ids)
    assert summary_of(neo4j_clean, "state:UKR") == "[]"  # not dropped: not rebuilt
    assert summary_of(neo4j_clean, "state:USA") not in (None, "[]")  # dropped and rebuilt
    set_summary(neo4j_clean, "state:UKR", ukraine)
    kept = answers(neo4j_clean, ids, 100)  # every answer from a stored summary
    drop(neo4j_clean)
    live = answers(neo4j_clean, ids, 100)
    assert sum(map(len, live.values())) > len(ids)
    same(kept, live)
