"""The service under an API benchmark: its Neo4j, uvicorn on a loopback port, live ingestion."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j

ROOT = Path(__file__).resolve().parents[1]


#: The API key the benchmark's service accepts (for the live ingester only; loopback).
INGEST_KEY = "bench-ingest-key-0123456789"


@contextlib.contextmanager
def live_ingest(
    url: str, uri: str, user: str, password: str | None, rate: float
) -> Iterator[dict[str, Any]]:
    """``benchmarks/live_ingest.py`` running against the service while the block runs; the
    dict it yields is filled with the ingester's figures when the block ends."""
    env = {**os.environ, "DEKG_NEO4J_URI": uri, "DEKG_NEO4J_USER": user}
    if password:
        env["DEKG_NEO4J_PASSWORD"] = password
    command = [sys.executable, str(Path(__file__).with_name("live_ingest.py")), "--url", url]
    command += ["--key", INGEST_KEY, "--rate", str(rate)]
    process = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stderr is not None
    ready = process.stderr.readline()  # after the first article (the NLP pipeline loaded)
    if not ready.startswith("ready"):
        process.kill()
        raise SystemExit(f"the live ingester did not start: {ready}{process.stderr.read()}")
    print(f"[bench] live ingestion: {ready.strip()}", file=sys.stderr)
    figures: dict[str, Any] = {}
    try:
        yield figures
    finally:
        process.terminate()
        out, err = process.communicate(timeout=180)
        lines = out.strip().splitlines()
        figures.update(json.loads(lines[-1]) if lines else {"error": err[-2000:]})


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_service(
    uri: str,
    user: str,
    password: str | None,
    database: str,
    *,
    workers: int = 1,
    cache: bool = True,
    root: Path = ROOT,
) -> tuple[Any, str]:
    """uvicorn serving the code in ``root`` (this tree, or another revision's for a side by
    side comparison) on a free loopback port, once ``/health`` answers: (process, URL)."""
    port = free_port()
    env = {
        **os.environ,
        "DEKG_API_KEYS": INGEST_KEY,
        "DEKG_NEO4J_URI": uri,
        "DEKG_NEO4J_USER": user,
        "DEKG_NEO4J_DATABASE": database,
        "DEKG_LOG_LEVEL": "WARNING",
    }
    if not cache:
        env["DEKG_READ_CACHE_MB"] = "0"
    if password:
        env["DEKG_NEO4J_PASSWORD"] = password
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "api.app:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
        "--timeout-keep-alive",
        "60",
        "--workers",
        str(workers),
    ]
    process = subprocess.Popen(command, env=env, cwd=root)
    url = f"http://127.0.0.1:{port}"
    import httpx

    for _ in range(300):
        try:
            if httpx.get(url + "/health", timeout=2).status_code in (200, 503):
                return process, url
        except httpx.HTTPError:
            time.sleep(0.1)
        if process.poll() is not None:
            raise SystemExit("the service did not start")
    process.terminate()
    raise SystemExit("the service did not answer within 30 s")


def prepare_graph(
    driver: neo4j.Driver, database: str, events: int, *, reuse: bool, wipe: bool
) -> bool:
    """The synthetic graph of ``events`` events (``bench_load.synthetic_results``) loaded
    by the batched writer (or the one already there with ``reuse``), its counterpart
    summaries rebuilt; False when the database holds other data and ``wipe`` is not given."""
    from bench_load import node_count, synthetic_results
    from bench_load import wipe as empty

    from graph import summaries
    from graph.schema import ensure_schema
    from graph.session import Graph
    from graph.writer import GraphWriter

    stored = event_count(driver, database)
    if reuse and stored:
        print(f"reusing the {stored} events already loaded", file=sys.stderr)
    elif node_count(driver, database) and not wipe:
        print("refusing to wipe a non-empty database; pass --wipe or --reuse", file=sys.stderr)
        return False
    else:
        empty(driver, database)
        ensure_schema(Graph(driver, database))
        began = time.perf_counter()
        report = GraphWriter(Graph(driver, database)).write_results(synthetic_results(events))
        print(
            f"loaded {report.events} events in {time.perf_counter() - began:.1f} s", file=sys.stderr
        )
    began = time.perf_counter()
    summarised = summaries.rebuild(driver, database)  # a bulk load drops them
    print(f"summarised {summarised} actors in {time.perf_counter() - began:.1f} s", file=sys.stderr)
    return True


def event_count(driver: neo4j.Driver, database: str) -> int:
    records, _, _ = driver.execute_query("MATCH (e:Event) RETURN count(e) AS n", database_=database)
    return int(records[0]["n"])
