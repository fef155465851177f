"""Load benchmark: events/s into Neo4j with batching vs one transaction per event.

Both modes run the same ``GraphWriter`` code on the same synthetic data set (one event per
article, so ``batch_size=1`` is exactly one transaction per event) into an emptied database,
side by side in one run. The whole set (default 50k) is loaded batched; then, because one
transaction per event is slow, the first ``--per-event`` events (default 5k) are loaded both
ways from an empty graph, and the ratio compares those two (equal data, equal graph size;
target: batching at least 10x faster).

Neo4j: ``--uri`` or ``DEKG_NEO4J_URI`` (with ``DEKG_NEO4J_USER``/``DEKG_NEO4J_PASSWORD``), else
a throwaway managed server started for the run. A database that is not empty is only wiped
with ``--wipe``.

Usage:
    python benchmarks/bench_load.py                        # 50k batched, 5k per event
    python benchmarks/bench_load.py --events 10000 --per-event 2000 --json out.json
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph import queries  # noqa: E402
from graph.schema import ensure_schema  # noqa: E402
from graph.session import Graph  # noqa: E402
from graph.writer import GraphWriter  # noqa: E402
from ontology.model import (  # noqa: E402
    Actor,
    ActorKind,
    Article,
    DatePrecision,
    Event,
    Evidence,
    ExtractionResult,
    Place,
)
from ontology.plover import CATEGORIES, EventType, goldstein  # noqa: E402

TARGET_RATIO = 10.0


def synthetic_results(n_events: int, seed: int = 1) -> list[ExtractionResult]:
    """``n_events`` articles with one event each, over 300 actors, 80 places and two years."""
    rng = random.Random(seed)
    actors = [
        Actor(
            id=f"state:{chr(65 + i // 26 % 26)}{chr(65 + i % 26)}X",
            name=f"State {i}",
            kind=ActorKind.STATE,
            country=f"{chr(65 + i // 26 % 26)}{chr(65 + i % 26)}X",
        )
        for i in range(200)
    ] + [
        Actor(
            id=f"person:minister-{i}",
            name=f"Minister {i}",
            kind=ActorKind.PERSON,
            affiliation=f"state:{chr(65 + i // 26 % 26)}{chr(65 + i % 26)}X",
        )
        for i in range(100)
    ]
    places = [
        Place(
            name=f"City {i}",
            lat=rng.uniform(-60, 60),
            lon=rng.uniform(-170, 170),
            geonames_id=100_000 + i,
        )
        for i in range(80)
    ]
    start = dt.date(2020, 1, 1)
    types = list(EventType)
    results = []
    for i in range(n_events):
        article_id = f"bench-{i}"
        type_ = rng.choice(types)
        category = CATEGORIES[type_]
        source, target = rng.sample(actors, 2)
        text = f"Sentence {i} about {source.name} and {target.name}."
        event = Event(
            id=f"ev-bench-{i}",
            article_id=article_id,
            type=type_,
            cameo=category.default_cameo,
            quad_class=category.quad_class,
            goldstein=goldstein(category.default_cameo),
            source=(source,),
            target=(target,),
            date=start + dt.timedelta(days=rng.randrange(730)),
            date_precision=DatePrecision.DAY,
            place=rng.choice(places) if rng.random() < 0.7 else None,
            confidence=round(rng.uniform(0.3, 1.0), 2),
            evidence=(Evidence(text=text, start=0, end=len(text)),),
        )
        article = Article(
            id=article_id,
            text=text,
            title=f"Article {i}",
            publisher=f"Publisher {i % 40}",
            published=event.date,
            language="en",
        )
        results.append(
            ExtractionResult(
                item=article_id, article=article, events=(event,), actors=(source, target)
            )
        )
    return results


def wipe(driver: neo4j.Driver, database: str) -> None:
    """Empty the database in chunks (one transaction cannot delete a large graph)."""
    with driver.session(database=database) as session:
        for statement in queries.DELETE_ALL:
            session.run(statement).consume()


def node_count(driver: neo4j.Driver, database: str) -> int:
    records = driver.execute_query(queries.COUNT_NODES, database_=database).records
    return int(records[0]["count"])


def timed_load(
    driver: neo4j.Driver, database: str, results: list[ExtractionResult], batch_size: int
) -> dict[str, Any]:
    wipe(driver, database)
    ensure_schema(Graph(driver, database))
    began = time.perf_counter()
    report = GraphWriter(Graph(driver, database), batch_size=batch_size).write_results(results)
    seconds = time.perf_counter() - began
    if report.failed or report.events != len(results):
        raise SystemExit(f"load failed: {report}")
    return {
        "batch_size": batch_size,
        "events": report.events,
        "seconds": round(seconds, 3),
        "events_per_s": round(report.events / seconds, 1),
    }


@contextlib.contextmanager
def neo4j_target(uri: str | None) -> Iterator[tuple[neo4j.Driver, str, str]]:
    """A driver to the given or configured server, else to a throwaway managed server."""
    uri = uri or os.environ.get("DEKG_NEO4J_URI")
    database = os.environ.get("DEKG_NEO4J_DATABASE", "neo4j")
    if uri:
        password = os.environ.get("DEKG_NEO4J_PASSWORD")
        auth = (os.environ.get("DEKG_NEO4J_USER", "neo4j"), password) if password else None
        with neo4j.GraphDatabase.driver(uri, auth=auth) as driver:
            yield driver, database, uri
        return
    from api.settings import get_settings
    from managed_neo4j.server import Distribution, ManagedNeo4j

    distribution = Distribution.in_data_dir(get_settings().data_dir)
    with tempfile.TemporaryDirectory(prefix="dekg-bench-") as home:
        server = ManagedNeo4j(Path(home), distribution, heap="1g", ports=None)
        server.provision()  # reuses the verified jar cache when there is one
        status = server.start()
        try:
            credentials = server.credentials()
            auth = (credentials.user, credentials.password)
            with neo4j.GraphDatabase.driver(status.bolt_uri or "", auth=auth) as driver:
                yield driver, database, f"{status.bolt_uri} (throwaway)"
        finally:
            server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=50_000, help="batched set size")
    parser.add_argument(
        "--per-event",
        type=int,
        default=5_000,
        help="prefix of the set loaded one transaction per event",
    )
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--uri", help="Neo4j bolt URI (default: DEKG_NEO4J_URI or throwaway)")
    parser.add_argument("--wipe", action="store_true", help="allow emptying a non-empty db")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)

    results = synthetic_results(args.events)
    with neo4j_target(args.uri) as (driver, database, where):
        if node_count(driver, database) and not args.wipe:
            print(
                f"refusing to wipe the non-empty database at {where}; pass --wipe", file=sys.stderr
            )
            return 2
        # Small runs first: emptying the database after the full set leaves Neo4j busy
        # (checkpointing, index cleanup) and would slow whatever runs next.
        prefix = results[: args.per_event]
        per_event = timed_load(driver, database, prefix, 1)
        batched = timed_load(driver, database, prefix, args.batch_size)
        full = timed_load(driver, database, results, args.batch_size)
        wipe(driver, database)
    ratio = batched["events_per_s"] / per_event["events_per_s"]
    summary = {
        "benchmark": "load",
        "neo4j": where,
        "batched_full_set": full,
        "batched": batched,
        "per_event": per_event,
        "ratio": round(ratio, 1),
        "target_ratio": TARGET_RATIO,
        "ok": ratio >= TARGET_RATIO,
    }
    print(f"{'mode':<34}{'events':>8}{'seconds':>10}{'events/s':>11}")
    for name, row in (
        (f"batched ({args.batch_size}/tx), full set", full),
        (f"batched ({args.batch_size}/tx), same prefix", batched),
        ("one tx per event, same prefix", per_event),
    ):
        print(f"{name:<34}{row['events']:>8}{row['seconds']:>10}{row['events_per_s']:>11}")
    print(
        f"ratio batched/per-event on the same {len(prefix)} events from an empty graph: "
        f"{ratio:.1f}x (target >= {TARGET_RATIO:.0f}x)"
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(summary, indent=2))
    return 0 if summary["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
