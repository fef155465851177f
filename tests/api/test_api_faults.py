"""Neo4j unreachable: 503 problems with Retry-After, fast, and the process stays up."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize(
    "path",
    [
        "/events",
        "/events/ev-1",
        "/actors?q=x",
        "/actors/state:RUS",
        "/actors/RUS/relationships",
        "/relations?a=USA&b=RUS",
        "/paths?from=USA&to=RUS",
        "/stats",
        "/export?format=d3",
    ],
)
def test_reads_answer_503_with_retry_after(down_client: TestClient, path: str) -> None:
    response = down_client.get(path)
    assert response.status_code == 503
    assert response.headers["retry-after"].isdigit()
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "not reachable" in response.json()["detail"]


def test_cypher_and_writes_answer_503(down_client: TestClient, api_key: str) -> None:
    key = {"X-API-Key": api_key}
    assert down_client.post("/cypher", json={"query": "RETURN 1"}, headers=key).status_code == 503
    response = down_client.post(
        "/articles/batch",
        content=b'{"id": "x", "text": "Russia warned Ukraine."}',
        headers={"Content-Type": "application/x-ndjson", "X-API-Key": api_key},
    )
    assert response.status_code in (202, 503)


def test_health_says_unavailable(down_client: TestClient) -> None:
    response = down_client.get("/health")
    assert response.status_code == 503
    assert response.headers["retry-after"]
    body = response.json()
    assert body["status"] == "unavailable" and body["neo4j"]["ok"] is False


def test_viewer_page_still_served(down_client: TestClient) -> None:
    response = down_client.get("/")
    assert response.status_code == 200
    assert "cy" in response.text
