"""Faults: Neo4j going away in the middle of an ingest, and concurrent overlapping ingests."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from typing import Any

import graph_samples as s
import neo4j
import pytest
from support import wipe

from graph import GraphUnavailable
from graph.schema import ensure_schema
from graph.session import Graph
from graph.writer import GraphWriter, WriteReport
from ontology.model import ExtractionResult

pytestmark = pytest.mark.neo4j
DB = "neo4j"


def corpus() -> list[ExtractionResult]:
    """The seed, reports of its meeting (they merge), and other meetings (they do not)."""
    out = [s.seed_result()]
    for i in range(30):
        day = dt.date(2021, 12, 2) if i % 3 == 0 else dt.date(2022, 1, 1) + dt.timedelta(days=5 * i)
        out.append(
            s.meeting_result(f"report-{i:02d}", f"publisher-{i % 4}", date=day, reverse=bool(i % 2))
        )
    return out


def _rows(driver: neo4j.Driver, query: str) -> list[dict[str, Any]]:
    return [r.data() for r in driver.execute_query(query, database_=DB).records]


def snapshot(driver: neo4j.Driver) -> dict[str, Any]:
    """Everything that must not depend on how the load went: ids, counts, pair totals."""
    return {
        "articles": sorted(r["id"] for r in _rows(driver, "MATCH (a:Article) RETURN a.id AS id")),
        "events": sorted(
            (r["type"], str(r["date"]), r["n"])
            for r in _rows(
                driver,
                "MATCH (e:Event) RETURN e.type AS type, e.date AS date, e.num_articles AS n",
            )
        ),
        "reports": _rows(driver, "MATCH ()-[r:REPORTED_IN]->() RETURN count(r) AS n"),
        "actors": _rows(driver, "MATCH (a:Actor) RETURN count(a) AS n"),
        # Which report of a meeting comes first decides its direction (CONSULT is symmetric),
        # and concurrent loads may order reports differently: compare the undirected totals.
        "pairs": sorted(
            (r["pair"], r["n"])
            for r in _rows(
                driver,
                "MATCH (a)-[r:INTERACTS_WITH]->(b) "
                "WITH CASE WHEN a.id < b.id THEN [a.id, b.id] ELSE [b.id, a.id] END AS pair, r "
                "RETURN pair, sum(r.count) AS n",
            )
        ),
    }


def assert_no_half_written_article(driver: neo4j.Driver) -> None:
    rows = _rows(
        driver,
        "MATCH (a:Article) RETURN a.id AS id, a.event_count AS expected, "
        "a.content_hash AS hash, a.ingesting AS ingesting, "
        "COUNT { ()-[:REPORTED_IN]->(a) } AS reports",
    )
    for row in rows:
        assert row["hash"] is not None and row["ingesting"] is None, row
        assert row["reports"] == row["expected"], row


@pytest.fixture(scope="module")
def reference(neo4j_driver: neo4j.Driver) -> dict[str, Any]:
    """The graph a plain sequential load of the corpus gives."""
    wipe(neo4j_driver, DB)
    ensure_schema(Graph(neo4j_driver, DB))
    GraphWriter(Graph(neo4j_driver, DB)).write_results(corpus())
    return snapshot(neo4j_driver)


def test_concurrent_overlapping_ingests_make_no_duplicates(
    reference: dict[str, Any], neo4j_clean: neo4j.Driver
) -> None:
    ensure_schema(Graph(neo4j_clean, DB))
    items = corpus()
    slices = [items[0:20], items[10:31], items[::-1], items[5:25]]
    reports: list[WriteReport] = []
    errors: list[BaseException] = []

    def load(part: list[ExtractionResult]) -> None:
        try:
            reports.append(GraphWriter(Graph(neo4j_clean, DB), batch_size=3).write_results(part))
        except BaseException as e:  # noqa: BLE001 - handed to the main thread
            errors.append(e)

    threads = [threading.Thread(target=load, args=(part,)) for part in slices]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(r.failed for r in reports) == 0
    assert sum(r.written for r in reports) == len(items)  # each article written exactly once
    assert snapshot(neo4j_clean) == reference
    assert_no_half_written_article(neo4j_clean)


# --- Neo4j stopped during an ingest (a throwaway server of its own) ----------------------------


def _driver(server: Any) -> neo4j.Driver:
    status = server.status()
    credentials = server.credentials()
    return neo4j.GraphDatabase.driver(
        status.bolt_uri,
        auth=(credentials.user, credentials.password),
        max_transaction_retry_time=2.0,
        connection_acquisition_timeout=5.0,
    )


def test_neo4j_stopped_mid_ingest_then_the_same_run_finishes(
    reference: dict[str, Any], own_server: Any
) -> None:
    items = corpus()
    with _driver(own_server) as driver:
        ensure_schema(Graph(driver, DB))

        def stream() -> Iterator[ExtractionResult]:
            for i, item in enumerate(items):
                if i == 12:
                    own_server.stop()  # the server goes away between two batches
                yield item

        with pytest.raises(GraphUnavailable, match=r"not reachable|connection"):
            GraphWriter(Graph(driver, DB), batch_size=4).write_results(stream())

    own_server.start()  # same home: the database survived
    with _driver(own_server) as driver:
        assert_no_half_written_article(driver)
        partial = snapshot(driver)["articles"]
        assert 0 < len(partial) < len(items)
        report = GraphWriter(Graph(driver, DB), batch_size=4).write_results(items)
        assert report.unchanged == len(partial) and report.failed == 0
        assert report.written == len(items) - len(partial)
        assert snapshot(driver) == reference
        assert_no_half_written_article(driver)
