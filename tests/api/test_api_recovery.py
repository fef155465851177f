"""The service outlives Neo4j: 503 while it is stopped, answers again once it is back."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.app import create_app
from api.settings import Settings
from managed_neo4j.server import Distribution, ManagedNeo4j

pytestmark = pytest.mark.neo4j


def _free_ports() -> tuple[int, int]:
    import socket

    with socket.socket() as a, socket.socket() as b:
        a.bind(("127.0.0.1", 0))
        b.bind(("127.0.0.1", 0))
        return int(a.getsockname()[1]), int(b.getsockname()[1])


def test_service_recovers_when_neo4j_comes_back(neo4j_server: Any, tmp_path: Path) -> None:
    # Its own throwaway server (fixed ports, so a restart comes back at the same address);
    # depending on ``neo4j_server`` makes sure Java and the cached jars are there.
    server = ManagedNeo4j(
        tmp_path / "neo4j",
        Distribution.in_data_dir(Settings(_env_file=None).data_dir),  # type: ignore[call-arg]
        heap="512m",
        pagecache="64m",
        ports=_free_ports(),
        fast_start=True,
        tied=True,
    )
    status = server.start()
    try:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            neo4j_uri=status.bolt_uri,
            neo4j_user=server.credentials().user,
            neo4j_password=SecretStr(server.credentials().password),
            data_dir=tmp_path / "data",
        )
        with TestClient(create_app(settings)) as client:
            assert client.get("/stats").status_code == 200
            server.stop()
            down = client.get("/stats")
            assert down.status_code == 503 and down.headers["retry-after"]
            assert client.get("/health").status_code == 503
            assert client.get("/events").status_code == 503
            again = server.start()
            assert again.bolt_uri == status.bolt_uri
            deadline = time.monotonic() + 60
            while client.get("/stats").status_code != 200:
                assert time.monotonic() < deadline, "the service did not recover in 60 s"
                time.sleep(0.5)
            assert client.get("/health").status_code == 200
            assert client.get("/events").status_code == 200
    finally:
        server.stop()
