"""Trusted hosts: a request naming another host (DNS rebinding) gets a 400, nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.app import create_app
from api.hosts import TrustedHosts, host_name
from api.settings import Settings
from tests.api.conftest import closed_port


def _client(tmp_path: Path, **overrides: object) -> TestClient:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        neo4j_uri=f"bolt://127.0.0.1:{closed_port()}",
        neo4j_password=SecretStr("unused"),
        data_dir=tmp_path,
        **overrides,  # type: ignore[arg-type]
    )
    return TestClient(create_app(settings), base_url="http://127.0.0.1:8000")


@pytest.mark.parametrize(
    "host", ["attacker.example", "attacker.example:8000", "127.0.0.1.attacker.example", ""]
)
def test_other_hosts_are_refused(tmp_path: Path, host: str) -> None:
    with _client(tmp_path, allowed_hosts=["127.0.0.1", "localhost", "::1"]) as client:
        response = client.get("/openapi.json", headers={"Host": host})
        assert response.status_code == 400
        assert response.json()["type"] == "urn:dekg:problem:host-not-allowed"
        refused = client.post("/cypher", json={"query": "RETURN 1"}, headers={"Host": host})
        assert refused.status_code == 400


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost", "LOCALHOST:8000", "[::1]:8000"])
def test_loopback_names_are_answered_by_default(tmp_path: Path, host: str) -> None:
    default = Settings.model_fields["allowed_hosts"].default_factory()  # type: ignore[misc,call-arg]
    with _client(tmp_path, allowed_hosts=default) as client:
        assert client.get("/openapi.json", headers={"Host": host}).status_code == 200
        assert client.get("/openapi.json", headers={"Host": "evil.example"}).status_code == 400


def test_configured_names_and_wildcards(tmp_path: Path) -> None:
    with _client(tmp_path, allowed_hosts=["dekg.example.org", "*.internal"]) as client:
        assert client.get("/openapi.json", headers={"Host": "dekg.example.org"}).status_code == 200
        assert client.get("/openapi.json", headers={"Host": "a.b.internal"}).status_code == 200
        assert client.get("/openapi.json", headers={"Host": "localhost"}).status_code == 400
    with _client(tmp_path, allowed_hosts=["*"]) as client:
        assert client.get("/openapi.json", headers={"Host": "anything"}).status_code == 200


def test_host_names() -> None:
    assert host_name("[::1]:8000") == "::1"
    assert host_name("::1") == "::1"
    assert host_name("Example.ORG:443") == "example.org"
    assert TrustedHosts(lambda *a: None, ["*.internal"]).allows("x.internal")  # type: ignore[arg-type]
    assert not TrustedHosts(lambda *a: None, ["*.internal"]).allows("internal")  # type: ignore[arg-type]
