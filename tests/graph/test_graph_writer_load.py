"""The fast write path (one events statement, INTERACTS_WITH added in place, stats only for
merged events) keeps every derived value equal to a recount from the events themselves."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import neo4j
import pytest
from synthetic_samples import coded_event

from graph import queries
from graph.interactions import interaction_props, pair_key
from graph.schema import ensure_schema
from graph.session import Graph
from graph.writer import GraphWriter
from ontology.model import Actor, ActorKind, Article, ExtractionResult, Place
from ontology.plover import EventType

pytestmark = pytest.mark.neo4j
DB = "neo4j"


def _results(n: int, seed: int) -> list[ExtractionResult]:
    """Articles of 1-2 events over 6 actors, 3 places and 4 days: many pairs repeat and many
    reports of different articles merge into one event."""
    rng = random.Random(seed)
    actors = [Actor(id=f"state:S{i}", name=f"State {i}", kind=ActorKind.STATE) for i in range(6)]
    places = [Place(name=f"City {i}", geonames_id=500 + i) for i in range(3)]
    types = [EventType.CONSULT, EventType.THREATEN, EventType.AID]
    out = []
    for i in range(n):
        article_id = f"load-{seed}-{i}"
        events = []
        for k in range(rng.choice((1, 2))):
            type_ = rng.choice(types)
            source, target = rng.sample(actors, 2)
            events.append(
                coded_event(
                    f"ev-{article_id}-{k}",
                    article_id,
                    type_,
                    (source,),
                    (target,),
                    text=f"Report {i}.{k}.",
                    date=dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(4)),
                    place=rng.choice([*places, None]),
                    confidence=round(rng.uniform(0.3, 1.0), 2),
                )
            )
        article = Article(id=article_id, text="x", publisher=f"P{i % 5}")
        out.append(ExtractionResult(item=article_id, article=article, events=tuple(events)))
    return out


def _rows(driver: neo4j.Driver, query: str, **params: Any) -> list[dict[str, Any]]:
    return [r.data() for r in driver.execute_query(query, params, database_=DB).records]


def _plain(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v.to_native() if hasattr(v, "to_native") else v for k, v in props.items()}


def test_batched_load_keeps_interactions_and_event_counts_exact(
    neo4j_clean: neo4j.Driver,
) -> None:
    ensure_schema(Graph(neo4j_clean, DB))
    writer = GraphWriter(Graph(neo4j_clean, DB), batch_size=7)
    report = writer.write_results(_results(60, seed=3))
    assert report.failed == 0 and report.written == 60
    report = writer.write_results(_results(40, seed=4))  # later articles join stored events
    assert report.failed == 0

    merged = _rows(neo4j_clean, "MATCH (e:Event) WHERE e.num_articles > 1 RETURN count(e) AS n")
    assert merged[0]["n"] > 5
    stats = _rows(
        neo4j_clean,
        "MATCH (e:Event)-[r:REPORTED_IN]->(a:Article) "
        "WITH e, count(DISTINCT a) AS n, count(DISTINCT a.publisher) AS s, max(r.confidence) AS c "
        "RETURN e.num_articles = n AND e.num_sources = s AND e.confidence = c AS ok, e.id AS id",
    )
    assert stats and all(row["ok"] for row in stats), [r["id"] for r in stats if not r["ok"]]

    stored = {
        (r["s"], r["t"]): _plain(r["p"])
        for r in _rows(
            neo4j_clean,
            "MATCH (s)-[r:INTERACTS_WITH]->(t) RETURN s.id AS s, t.id AS t, properties(r) AS p",
        )
    }
    pairs = [{"s": s, "t": t} for s, t in stored]
    totals: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in _rows(neo4j_clean, queries.PAIR_TOTALS, pairs=pairs):
        native = {k: v.to_native() if hasattr(v, "to_native") else v for k, v in row.items()}
        totals.setdefault((row["s"], row["t"]), []).append(native)
    assert stored and set(totals) == set(stored)
    for pair, rows in totals.items():
        want = interaction_props(rows)
        got = stored[pair]
        assert got.pop("pair") == pair_key(*pair)  # the key the loader finds the pair by
        assert abs(got.pop("goldstein_sum") - want.pop("goldstein_sum")) < 1e-6, pair
        assert got == want, pair

    places = _rows(
        neo4j_clean, "MATCH (e:Event) WHERE COUNT { (e)-[:AT]->() } > 1 RETURN count(e) AS n"
    )
    assert places[0]["n"] == 0  # an event keeps one place


def test_affiliations_do_not_depend_on_batch_boundaries(neo4j_clean: neo4j.Driver) -> None:
    ensure_schema(Graph(neo4j_clean, DB))
    results = []
    for i, org in enumerate(("state:USA", "state:IRN")):
        person = Actor(id="person:p", name="P", kind=ActorKind.PERSON, affiliation=org)
        article = Article(id=f"aff-{i}", text="x")
        results.append(ExtractionResult(item=article.id, article=article, actors=(person,)))

    def edges() -> set[tuple[str, str]]:
        query = "MATCH (p)-[:AFFILIATED_WITH]->(o) RETURN p.id AS p, o.id AS o"
        return {(r["p"], r["o"]) for r in _rows(neo4j_clean, query)}

    GraphWriter(Graph(neo4j_clean, DB)).write_results(results)  # one transaction
    together = edges()
    with neo4j_clean.session(database=DB) as session:
        for statement in queries.DELETE_ALL:  # auto-commit: CALL ... IN TRANSACTIONS
            session.run(statement).consume()
    for result in results:  # one transaction each
        GraphWriter(Graph(neo4j_clean, DB)).write_results([result])
    assert together == edges() == {("person:p", "state:USA"), ("person:p", "state:IRN")}


def test_pairs_stored_without_a_key_get_one_and_are_not_duplicated(
    neo4j_clean: neo4j.Driver,
) -> None:
    ensure_schema(Graph(neo4j_clean, DB))
    writer = GraphWriter(Graph(neo4j_clean, DB), batch_size=5)
    writer.write_results(_results(20, seed=5))
    # A graph written before pairs had keys (the migration in ensure_schema gives them theirs).
    neo4j_clean.execute_query("MATCH ()-[r:INTERACTS_WITH]->() REMOVE r.pair", database_=DB)
    ensure_schema(Graph(neo4j_clean, DB))
    more = _results(20, seed=6)  # the same pairs again: each must be found by its key
    assert writer.write_results(more).failed == 0
    rows = _rows(
        neo4j_clean,
        "MATCH (s)-[r:INTERACTS_WITH]->(t) "
        "RETURN s.id AS s, t.id AS t, r.pair AS pair, r.count AS n",
    )
    assert len({(r["s"], r["t"]) for r in rows}) == len(rows)  # one relationship per pair
    assert all(r["pair"] == pair_key(r["s"], r["t"]) for r in rows)
    events = _rows(
        neo4j_clean, "MATCH (s)<-[:SOURCE]-(e:Event)-[:TARGET]->(t) RETURN count(e) AS n"
    )
    assert sum(r["n"] for r in rows) == events[0]["n"] > 0  # every event counted once
