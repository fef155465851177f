"""Continuous ingestion during an API benchmark: one article a second, in its own process.

Each second the ingester

* POSTs one news article (text) to ``POST /articles`` of the service under test: the
  service extracts it (spaCy, in one of its workers) and writes its events, as a feed
  watcher would;
* and writes one synthetic article about two of the benchmark graph's own actors with a
  writer on its OWN driver (another client): the news the benchmark's queries ask about.

The articles through the API name real states (generated from templates below; the
synthetic graph's actors have made-up names no extractor would find), so only the second
kind can expire actor-scoped answers of the benchmark; both expire the answers that depend
on everything (``/stats``, unfiltered ``/events``). It prints one JSON line when stopped
(SIGTERM): articles posted and written, failures, POST latencies.

Usage (internal, started by bench_api.py):
    python benchmarks/live_ingest.py --url http://127.0.0.1:8000 --key KEY --rate 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import signal
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

STATES = [
    ("France", "Paris", "Emmanuel Macron"),
    ("Germany", "Berlin", "Olaf Scholz"),
    ("Japan", "Tokyo", "Fumio Kishida"),
    ("India", "New Delhi", "Narendra Modi"),
    ("Brazil", "Brasilia", "Luiz Inacio Lula da Silva"),
    ("Turkey", "Ankara", "Recep Tayyip Erdogan"),
    ("Egypt", "Cairo", "Abdel Fattah el-Sisi"),
    ("Kenya", "Nairobi", "William Ruto"),
    ("Mexico", "Mexico City", "Andres Manuel Lopez Obrador"),
    ("Indonesia", "Jakarta", "Joko Widodo"),
    ("Nigeria", "Abuja", "Bola Tinubu"),
    ("Poland", "Warsaw", "Andrzej Duda"),
]
TEMPLATES = [
    "{a_leader}, the president of {a}, met {b_leader} of {b} in {b_city} on {day}. "
    "The two leaders discussed trade and security, officials said.",
    "{a} accused {b} of violating the ceasefire agreement on {day}, the foreign ministry "
    "in {a_city} said in a statement.",
    "{a} and {b} signed an agreement on energy cooperation in {a_city} on {day}.",
    "{a} threatened to impose sanctions on {b} on {day} if talks in {b_city} fail.",
    "{b} rejected a request from {a} to extradite two suspects, officials in {b_city} said "
    "on {day}.",
]


def news_article(i: int, rng: random.Random) -> dict[str, Any]:
    """A short news article about two real states (template text, not from any corpus)."""
    (a, a_city, a_leader), (b, b_city, b_leader) = rng.sample(STATES, 2)
    day = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(365))
    text = rng.choice(TEMPLATES).format(
        a=a,
        b=b,
        a_city=a_city,
        b_city=b_city,
        a_leader=a_leader,
        b_leader=b_leader,
        day=day.strftime("%B %d, %Y").replace(" 0", " "),
    )
    return {
        "id": f"live-news-{os.getpid()}-{i}",
        "title": f"{a} and {b}",
        "text": text,
        "published": day.isoformat(),
        "publisher": "Bench Wire",
    }


def gazetteer(seed: int = 1) -> dict[int, Any]:
    """The places of the benchmark graph (``synthetic_results(seed=1)``) by GeoNames id.

    The generator draws its 80 places' coordinates from the seed: articles from another seed
    would move every place they name (a rename, which expires every cached answer), where a
    real gazetteer id always has the same coordinates.
    """
    from bench_load import synthetic_results

    return {
        e.place.geonames_id: e.place
        for r in synthetic_results(2000, seed=seed)
        for e in r.events
        if e.place is not None
    }


def graph_article(i: int, pool: list[Any], places: dict[int, Any] | None = None) -> Any:
    """A synthetic article (the benchmark graph's generator) under a new id, its place as
    the benchmark graph has it (``places``: :func:`gazetteer`)."""
    result = pool[i % len(pool)]
    article_id = f"live-graph-{os.getpid()}-{i}"
    events = tuple(
        e.model_copy(
            update={
                "id": f"{article_id}-{n}",
                "article_id": article_id,
                "place": (places or {}).get(e.place.geonames_id, e.place) if e.place else None,
            }
        )
        for n, e in enumerate(result.events)
    )
    return result.model_copy(
        update={
            "item": article_id,
            "article": result.article.model_copy(update={"id": article_id}),
            "events": events,
        }
    )


def main(argv: list[str] | None = None) -> int:
    import httpx
    import neo4j
    from bench_load import synthetic_results

    from graph.session import Graph
    from graph.writer import GraphWriter

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--rate", type=float, default=1.0, help="articles per second (each kind)")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    stop = False

    def on_term(*_: object) -> None:
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, on_term)
    rng = random.Random(args.seed)
    pool = synthetic_results(2000, seed=args.seed)
    places = gazetteer()
    uri = os.environ["DEKG_NEO4J_URI"]
    auth = (os.environ.get("DEKG_NEO4J_USER", "neo4j"), os.environ["DEKG_NEO4J_PASSWORD"])
    stats: dict[str, Any] = {"posted": 0, "post_failed": {}, "written": 0, "post_ms": []}
    with (
        neo4j.GraphDatabase.driver(uri, auth=auth) as driver,
        httpx.Client(base_url=args.url, timeout=120, headers={"X-API-Key": args.key}) as client,
    ):
        writer = GraphWriter(Graph(driver, os.environ.get("DEKG_NEO4J_DATABASE", "neo4j")))
        # The first article loads the service's NLP pipeline (seconds): before the clock.
        first = client.post("/articles", json=news_article(-1, rng))
        print(f"ready: first article {first.status_code}", file=sys.stderr, flush=True)
        i = 0
        next_at = time.monotonic()
        while not stop:
            began = time.perf_counter()
            response = client.post("/articles", json=news_article(i, rng))
            stats["post_ms"].append(1000 * (time.perf_counter() - began))
            if response.status_code in (200, 201):
                stats["posted"] += 1
            else:
                key = str(response.status_code)
                stats["post_failed"][key] = stats["post_failed"].get(key, 0) + 1
            stats["written"] += writer.write_results([graph_article(i, pool, places)]).written
            i += 1
            next_at += 1.0 / args.rate
            time.sleep(max(0.0, next_at - time.monotonic()))
    posts = sorted(stats.pop("post_ms")) or [0.0]
    stats["post_p50_ms"] = round(statistics.median(posts), 1)
    stats["post_max_ms"] = round(posts[-1], 1)
    print(json.dumps(stats), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
