"""API benchmark: req/s and latency percentiles of two read endpoints under 50 clients.

Loads a synthetic graph (``bench_load.synthetic_results``, default 100k events) with the
batched writer, starts the service with uvicorn (``--workers`` processes) on a loopback port,
and runs the load from wrk (C, event-driven, a few % of one core; ``make bench-deps``
installs it, and without it the benchmark stops: ``--client httpx`` is a Python client that
competes with the service for the cores, used only when asked and named in the table);
``--concurrency`` clients, each sending its next request when the previous one answered:

* ``GET /actors/{id}/relationships`` for random actors of the graph's 300 (a working set:
  the same actors come back, as on an analyst's dashboard);
* ``GET /events`` filtered by a random type, country and 90-day window, every request a
  different filter (sampled without repetition, warm-up included), so no answer can come
  from the read cache;
* the same filtered ``GET /events``, drawn from a set of 1,000 filters (a dashboard's
  working set); its warm-up asks every filter of the set three times (the Python client:
  wrk runs for a duration, not a count), so a measured request repeats a query asked
  before (each worker process has its own cache: about 7/8 of the filters are in both).

All run twice side by side: with the read cache (``api.cache``, the default) and without
(``DEKG_READ_CACHE_MB=0``), each first alone and then again during continuous ingestion
(rows ``ingest``: ``live_ingest.py`` POSTs ``--ingest-rate`` news articles a second to
``POST /articles``, extracted by the service, and writes as many synthetic articles about the
graph's own actors from another client). The table shows req/s, p50/p90/p99 and the share of
answers served from the cache (``X-Cache: hit``), and the machine's load average when the
row ended (other work on the same cores shows there: the figures are only the service's on
an otherwise idle machine).

Bounded: ``--duration`` seconds per run after a 5 s warm-up (wrk; the repeated filters:
the warm-up above). Loopback only. Not a
test: it prints a table and writes JSON (``--json``), and exits 1 only when requests failed;
the target on a 2-core machine is p99 < 100 ms (column ``<target``).

Neo4j: ``--uri`` / ``DEKG_NEO4J_URI`` (with ``--wipe`` for a non-empty database), else a
throwaway managed server.

Usage:
    python benchmarks/bench_api.py                      # 100k events, 50 clients
    python benchmarks/bench_api.py --events 20000 --duration 10 --json out.json
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from api_service import event_count, live_ingest, prepare_graph, start_service  # noqa: E402
from httpx_load import run_load  # noqa: E402
from neo4j_target import neo4j_server  # noqa: E402
from wrk_load import WRK_MAX_RATE, wrk  # noqa: E402

TARGET_P99_MS = 100.0
#: ``os.getloadavg()`` when each row ended (the cores may be shared with other work).
LOAD_AVERAGES: dict[str, tuple[float, ...]] = {}


# --- the load (runs in its own process: ``bench_api.py client ...``) -------------------------


def relationship_paths(rng: random.Random, n: int) -> list[str]:
    """``n`` relationship lookups of random actors among the synthetic graph's 300."""
    states = [f"state:{chr(65 + i // 26 % 26)}{chr(65 + i % 26)}X" for i in range(200)]
    people = [f"person:minister-{i}" for i in range(100)]
    return [f"/actors/{rng.choice(states + people)}/relationships" for _ in range(n)]


def event_paths(rng: random.Random, n: int) -> list[str]:
    """``n`` different filtered event queries (type x country x 90-day window)."""
    from ontology.plover import EventType

    types = list(EventType)
    days = 640
    picks = rng.sample(range(len(types) * 200 * days), n)
    out = []
    for pick in picks:
        t, rest = divmod(pick, 200 * days)
        i, day = divmod(rest, days)
        country = f"{chr(65 + i // 26 % 26)}{chr(65 + i % 26)}X"
        start = dt.date(2020, 1, 1) + dt.timedelta(days=day)
        end = start + dt.timedelta(days=90)
        out.append(
            f"/events?type={types[t]}&country={country}&date_from={start}&date_to={end}&limit=50"
        )
    return out


#: The load scenarios: relationship lookups, distinct filtered event queries, and filtered
#: event queries drawn from a set of ``REPEATED_FILTERS`` (a dashboard's working set).
ENDPOINTS = ("relationships", "events", "events-repeated")
REPEATED_FILTERS = 1000


#: Warm-up of ``events-repeated``: every filter of the working set this many times (each
#: worker process has its own cache: a filter asked 3 times reached both with p = 3/4), sent
#: by the Python client (wrk runs for a duration, not a count; only the warm-up is its).
WARM_ROUNDS = 3

#: Runs against one service: alone, then during ingestion (``events`` paths never repeat).
PHASES = 2


def endpoint_paths(
    endpoint: str, seed: int, warmup: int, measured: int, phase: int = 0
) -> tuple[list, list]:
    """(warm-up paths, measured paths) of run ``phase``; for ``events`` no two paths of any
    run of any phase share a query."""
    rng = random.Random(seed)
    if endpoint == "relationships":
        return relationship_paths(rng, warmup), relationship_paths(rng, measured)
    if endpoint == "events-repeated":
        pool = event_paths(rng, REPEATED_FILTERS)
        return rng.choices(pool, k=warmup), rng.choices(pool, k=measured)
    every = event_paths(rng, PHASES * (warmup + measured))
    paths = every[phase * (warmup + measured) : (phase + 1) * (warmup + measured)]
    return paths[:warmup], paths[warmup:]


def client_main(args: argparse.Namespace) -> int:
    warm, measured = endpoint_paths(
        args.endpoint, args.seed, args.warmup, args.requests, args.phase
    )
    asyncio.run(run_load(args.url, warm, args.concurrency))
    result = asyncio.run(run_load(args.url, measured, args.concurrency))
    print(json.dumps(result))
    return 0


# --- the orchestration ---------------------------------------------------------------------


def run_wrk(url: str, endpoint: str, args: argparse.Namespace, phase: int) -> dict[str, Any]:
    """The load from wrk (C, little CPU): ``--duration`` seconds after a warm-up (5 s; for
    ``events-repeated``, the working set ``WARM_ROUNDS`` times)."""
    warm, measured = endpoint_paths(
        endpoint, args.seed, 5 * WRK_MAX_RATE, args.duration * WRK_MAX_RATE, phase
    )
    if endpoint == "events-repeated":  # every filter of the working set, WARM_ROUNDS times
        pool = sorted(set(warm) | set(measured))
        rounds = random.Random(args.seed).sample(pool * WARM_ROUNDS, len(pool) * WARM_ROUNDS)
        asyncio.run(run_load(url, rounds, args.concurrency))  # a count, not a duration
    else:
        wrk(url, warm, 5, args.concurrency)
    raw = wrk(url, measured, args.duration, args.concurrency)
    if endpoint == "events" and raw["requests"] > len(measured):
        raise SystemExit("wrk sent more requests than there are distinct event queries")
    errors = {k: raw[k] for k in ("socket_errors", "non2xx") if raw[k]}
    return {
        "client": "wrk",
        "requests": raw["requests"],
        "seconds": round(raw["duration_us"] / 1e6, 2),
        "req_per_s": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
        "p50_ms": round(raw["p50_us"] / 1000, 1),
        "p90_ms": round(raw["p90_us"] / 1000, 1),
        "p99_ms": round(raw["p99_us"] / 1000, 1),
        "mean_ms": round(raw["mean_us"] / 1000, 1),
        "hit_ratio": round(raw["hits"] / max(1, raw["requests"]), 3),
        "errors": errors,
    }


def run_client(url: str, endpoint: str, args: argparse.Namespace, phase: int = 0) -> dict[str, Any]:
    if args.client == "wrk":
        return run_wrk(url, endpoint, args, phase)
    command = [
        sys.executable,
        __file__,
        "client",
        "--url",
        url,
        "--endpoint",
        endpoint,
        "--requests",
        str(args.requests),
        "--warmup",
        str(args.warmup),
        "--concurrency",
        str(args.concurrency),
        "--phase",
        str(phase),
    ]
    out = subprocess.run(command, capture_output=True, text=True, check=True, timeout=1800)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main_run(args: argparse.Namespace) -> int:
    from bench_load import wipe

    with neo4j_server(args.uri) as server:
        driver, database, where, auth = server.driver, server.database, server.uri, server.auth
        if not prepare_graph(driver, database, args.events, reuse=args.reuse, wipe=args.wipe):
            return 2
        user, password = auth if auth else ("neo4j", None)
        rows: dict[str, dict[str, Any]] = {}
        ingests: dict[str, dict[str, Any]] = {}
        for cache in (False, True):  # the cache last: warm-up effects favour the other run
            process, url = start_service(
                where, user, password, database, workers=args.workers, cache=cache
            )
            mode = f"cache {'on' if cache else 'off'}"
            try:
                for endpoint in ENDPOINTS:
                    rows[f"{endpoint} ({mode})"] = run_client(url, endpoint, args)
                    LOAD_AVERAGES[f"{endpoint} ({mode})"] = _load()
                if args.ingest_rate > 0:
                    with live_ingest(url, where, user, password, args.ingest_rate) as done:
                        for endpoint in ENDPOINTS:
                            row = run_client(url, endpoint, args, phase=1)
                            rows[f"{endpoint} ({mode}, ingest)"] = row
                            LOAD_AVERAGES[f"{endpoint} ({mode}, ingest)"] = _load()
                    ingests[mode] = done
            finally:
                process.terminate()
                process.wait(timeout=30)
        summary = report_rows(rows, event_count(driver, database), args, ingests)
        if not args.keep:
            wipe(driver, database)
    return 0 if summary["ok"] else 1  # a run with failed requests; the timing is reported


def report_rows(
    rows: dict[str, dict[str, Any]],
    events: int,
    args: argparse.Namespace,
    ingests: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    for row in rows.values():  # a run that answered nothing meets nothing
        row["meets_target"] = bool(row["requests"]) and row["p99_ms"] < TARGET_P99_MS
    summary = {
        "benchmark": "api",
        "events": events,
        "concurrency": args.concurrency,
        "workers": args.workers,
        "client": args.client,
        "ingest_rate_per_s": args.ingest_rate,
        "ingest": ingests or {},
        "endpoints": rows,
        "target_p99_ms": TARGET_P99_MS,
        "load_average": LOAD_AVERAGES,
        "ok": not any(r["errors"] or not r["requests"] for r in rows.values()),
    }
    print(
        f"{'endpoint':<38}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p90 ms':>9}"
        f"{'p99 ms':>9}{'hits':>7}{'<target':>8}{'load':>6}  errors"
    )
    for name, row in rows.items():
        print(
            f"{name:<38}{row['requests']:>9}{row['req_per_s']:>9}{row['p50_ms']:>9}"
            f"{row['p90_ms']:>9}{row['p99_ms']:>9}{row['hit_ratio']:>7}"
            f"{'yes' if row['meets_target'] else 'no':>8}"
            f"{LOAD_AVERAGES.get(name, ('-',))[0]:>6}  {row['errors'] or '-'}"
        )
    for endpoint in ENDPOINTS:
        on, off = rows[f"{endpoint} (cache on)"], rows[f"{endpoint} (cache off)"]
        ratio = on["req_per_s"] / off["req_per_s"] if off["req_per_s"] else float("inf")
        print(
            f"{endpoint}: cache on / off = {ratio:.2f}x req/s, "
            f"p99 {on['p99_ms']} vs {off['p99_ms']} ms"
        )
    for mode, figures in (ingests or {}).items():
        print(f"live ingestion ({mode}): {json.dumps(figures)}")
    client = "wrk" if args.client == "wrk" else "httpx (Python, competes with the service)"
    print(
        f"{events} events, {args.concurrency} clients, {args.workers} worker(s), "
        f"load from {client}; ingest rows: {args.ingest_rate:g} article/s through the API "
        f"+ {args.ingest_rate:g}/s from another client; target p99 < {TARGET_P99_MS:g} ms; "
        f"load: the machine's 1-minute load average when the row ended ({os.cpu_count()} cores)"
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(summary, indent=2))
    return summary


def _load() -> tuple[float, ...]:
    return tuple(round(x, 2) for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="mode")
    client = sub.add_parser("client", help="(internal) run the load against a URL")
    client.add_argument("--url", required=True)
    client.add_argument("--endpoint", choices=ENDPOINTS, required=True)
    client.add_argument("--phase", type=int, default=0)
    for p in (parser, client):
        p.add_argument("--requests", type=int, default=3000, help="measured requests per endpoint")
        p.add_argument("--warmup", type=int, default=300)
        p.add_argument("--concurrency", type=int, default=50)
        p.add_argument("--seed", type=int, default=7)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument(
        "--client",
        choices=("wrk", "httpx"),
        default="wrk",
        help="load generator: wrk (default; `make bench-deps` installs it) or asyncio+httpx "
        "(only when asked: it competes with the service for the cores, and the table says so)",
    )
    parser.add_argument(
        "--ingest-rate",
        type=float,
        default=1.0,
        help="articles per second ingested during the extra 'ingest' rows (0: none)",
    )
    parser.add_argument("--duration", type=int, default=20, help="seconds of load with wrk")
    parser.add_argument("--uri", help="Neo4j bolt URI (default: DEKG_NEO4J_URI or throwaway)")
    parser.add_argument("--wipe", action="store_true", help="allow emptying a non-empty db")
    parser.add_argument(
        "--reuse", action="store_true", help="use the events already loaded (from --keep)"
    )
    parser.add_argument("--keep", action="store_true", help="leave the graph loaded at the end")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    if args.mode == "client":
        return client_main(args)
    if args.client == "wrk" and shutil.which("wrk") is None:
        print(
            "wrk is not installed: run `make bench-deps` (Debian, as root) or install wrk; "
            "--client httpx runs a Python client instead, which competes with the service "
            "for the same cores (its figures are the client's as much as the service's)",
            file=sys.stderr,
        )
        return 2
    return main_run(args)


if __name__ == "__main__":
    raise SystemExit(main())
