"""Fixtures of the API tests: settings pointing at the test Neo4j, a loaded seed graph, a
client running the app's lifespan, and ``cli_env`` (the ``DEKG_NEO4J_*`` environment of the
CLI commands, for the CLI tests)."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import neo4j
import pytest
import uvicorn
from fastapi.testclient import TestClient
from graph_samples import meeting_result, seed_result
from pydantic import SecretStr
from support import wipe

from api.app import create_app
from api.settings import Settings, get_settings
from graph.schema import ensure_schema
from graph.session import Graph
from graph.writer import GraphWriter

API_KEY = "test-key-0123456789"
# TestClient sends ``Host: testserver``: the test apps answer it besides the loopback names.
os.environ["DEKG_ALLOWED_HOSTS"] = "127.0.0.1,localhost,::1,testserver"


def server_settings(server: Any, tmp: Path, **overrides: object) -> Settings:
    """Settings for the test Neo4j ``server`` (the ``neo4j_server`` fixture's value)."""
    password = server.password
    values: dict[str, object] = {
        "neo4j_uri": server.uri,
        "neo4j_user": getattr(server, "user", "neo4j"),
        "neo4j_password": SecretStr(password) if isinstance(password, str) else password,
        "neo4j_database": getattr(server, "database", "neo4j"),
        "data_dir": tmp,
        "api_keys": [SecretStr(API_KEY)],
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


@pytest.fixture
def api_key() -> str:
    """The key the test settings accept for writes."""
    return API_KEY


@pytest.fixture(scope="module")
def api_settings(neo4j_server: Any, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return server_settings(neo4j_server, tmp_path_factory.mktemp("dekg-api"))


def load_seed(driver: neo4j.Driver, database: str) -> None:
    """The seed article's hand-coded events plus a second report of the meeting."""
    wipe(driver, database)
    ensure_schema(Graph(driver, database))
    report = GraphWriter(Graph(driver, database)).write_results(
        [seed_result(), meeting_result("reuters-blinken-lavrov", "Reuters")]
    )
    assert report.failed == 0, report.errors


@pytest.fixture(scope="module")
def seed_graph(neo4j_driver: neo4j.Driver, api_settings: Settings) -> neo4j.Driver:
    """The seed graph, loaded once per module: tests using it must only read."""
    load_seed(neo4j_driver, api_settings.neo4j_database)
    return neo4j_driver


@pytest.fixture(scope="module")
def client(seed_graph: neo4j.Driver, api_settings: Settings) -> Iterator[TestClient]:
    """A client of the app over the seed graph (read-only tests)."""
    with TestClient(create_app(api_settings)) as test_client:
        yield test_client


@pytest.fixture
def empty_client(neo4j_clean: neo4j.Driver, api_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(api_settings)) as test_client:
        yield test_client


@dataclass
class LiveServer:
    """A real uvicorn serving the app on a loopback port (in a thread of the test process)."""

    url: str
    server: uvicorn.Server
    thread: threading.Thread


def start_live_server(settings: Settings) -> LiveServer:
    port = closed_port()
    config = uvicorn.Config(
        create_app(settings), host="127.0.0.1", port=port, log_level="warning", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="dekg-live-server", daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        if server.started:
            break
        if not thread.is_alive():
            raise RuntimeError("the live server did not start")
        time.sleep(0.05)
    else:
        raise RuntimeError("the live server did not start within 15 s")
    return LiveServer(url, server, thread)


@pytest.fixture(scope="module")
def live_server(seed_graph: neo4j.Driver, api_settings: Settings) -> Iterator[LiveServer]:
    """uvicorn on a free loopback port over the seed graph."""
    live = start_live_server(api_settings)
    try:
        yield live
    finally:
        live.server.should_exit = True
        live.thread.join(timeout=15)


def closed_port() -> int:
    """A loopback port nothing listens on (bound then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def down_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The app pointed at a closed port: Neo4j unreachable."""
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        neo4j_uri=f"bolt://127.0.0.1:{closed_port()}",
        neo4j_password=SecretStr("nothing"),
        data_dir=tmp_path_factory.mktemp("dekg-down"),
        api_keys=[SecretStr(API_KEY)],
    )
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture()
def cli_env(
    neo4j_server: Any, neo4j_clean: neo4j.Driver, monkeypatch: pytest.MonkeyPatch
) -> Iterator[neo4j.Driver]:
    """The CLI's environment pointing at the (wiped) test Neo4j; the driver to check with."""
    monkeypatch.setenv("DEKG_NEO4J_URI", neo4j_server.uri)
    monkeypatch.setenv("DEKG_NEO4J_USER", neo4j_server.user)
    monkeypatch.setenv("DEKG_NEO4J_PASSWORD", neo4j_server.password)
    monkeypatch.setenv("DEKG_NEO4J_DATABASE", neo4j_server.database)
    get_settings.cache_clear()
    yield neo4j_clean
    get_settings.cache_clear()


def post_batch(client: TestClient, lines: list[str]) -> Any:
    """``POST /articles/batch`` of JSON lines with the write key: the response (202 expected)."""
    return client.post(
        "/articles/batch",
        content="\n".join(lines).encode(),
        headers={"Content-Type": "application/x-ndjson", "X-API-Key": API_KEY},
    )


def finished_job(client: TestClient, job_id: str) -> dict[str, Any]:
    """``GET /jobs/{id}`` until the job is done or failed (at most a minute)."""
    job: dict[str, Any] = {}
    for _ in range(600):
        job = client.get(f"/jobs/{job_id}").json()
        if job["status"] in ("done", "failed"):
            break
        time.sleep(0.1)
    return job
