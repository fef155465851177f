"""The service under an API benchmark: its Neo4j, uvicorn on a loopback port, live ingestion."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import tempfile
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
) -> tuple[Any, str]:
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
    process = subprocess.Popen(command, env=env, cwd=ROOT)
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


@contextlib.contextmanager
def target(uri: str | None) -> Iterator[tuple[neo4j.Driver, str, str, tuple[str, str] | None]]:
    """(driver, database, uri, auth) of the given or configured server, else a throwaway one."""
    uri = uri or os.environ.get("DEKG_NEO4J_URI")
    database = os.environ.get("DEKG_NEO4J_DATABASE", "neo4j")
    if uri:
        password = os.environ.get("DEKG_NEO4J_PASSWORD")
        auth = (os.environ.get("DEKG_NEO4J_USER", "neo4j"), password) if password else None
        with neo4j.GraphDatabase.driver(uri, auth=auth) as driver:
            yield driver, database, uri, auth
        return
    from api.settings import get_settings
    from managed_neo4j.server import Distribution, ManagedNeo4j

    distribution = Distribution.in_data_dir(get_settings().data_dir)
    with tempfile.TemporaryDirectory(prefix="dekg-bench-api-") as home:
        server = ManagedNeo4j(Path(home), distribution, heap="1g", ports=None)
        server.provision()
        status = server.start()
        try:
            credentials = server.credentials()
            auth = (credentials.user, credentials.password)
            with neo4j.GraphDatabase.driver(status.bolt_uri or "", auth=auth) as driver:
                yield driver, database, status.bolt_uri or "", auth
        finally:
            server.stop()
