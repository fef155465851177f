"""CORS follows ``DEKG_CORS_ORIGINS``; the OpenAPI document lists every endpoint."""

from __future__ import annotations

import socket
from pathlib import Path

from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.app import create_app
from api.settings import Settings


def _settings(tmp_path: Path, origins: list[str]) -> Settings:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        neo4j_uri=f"bolt://127.0.0.1:{port}",
        neo4j_password=SecretStr("unused"),
        data_dir=tmp_path,
        cors_origins=origins,
    )


def test_cors_allows_only_configured_origins(tmp_path: Path) -> None:
    with TestClient(create_app(_settings(tmp_path, ["https://viewer.example"]))) as client:
        allowed = client.options(
            "/events",
            headers={"Origin": "https://viewer.example", "Access-Control-Request-Method": "GET"},
        )
        assert allowed.headers["access-control-allow-origin"] == "https://viewer.example"
        other = client.options(
            "/events",
            headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"},
        )
        assert "access-control-allow-origin" not in other.headers


def test_no_cors_headers_by_default(tmp_path: Path) -> None:
    with TestClient(create_app(_settings(tmp_path, []))) as client:
        response = client.get("/openapi.json", headers={"Origin": "https://viewer.example"})
        assert "access-control-allow-origin" not in response.headers


def test_openapi_lists_every_endpoint(tmp_path: Path) -> None:
    with TestClient(create_app(_settings(tmp_path, []))) as client:
        paths = set(client.get("/openapi.json").json()["paths"])
    assert paths == {
        "/health",
        "/stats",
        "/stats/feeds",
        "/articles",
        "/articles/batch",
        "/jobs/{job_id}",
        "/events",
        "/events/{event_id}",
        "/actors",
        "/actors/{actor_id}",
        "/actors/{actor_id}/relationships",
        "/actors/{actor_id}/network",
        "/actors/{actor_id}/events",
        "/relations",
        "/relations/plot",
        "/paths",
        "/cypher",
        "/export",
    }
