"""Writes: API keys, request limits, ``POST /articles`` with the real pipeline, batch jobs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from tests.api.conftest import finished_job, post_batch

pytestmark = pytest.mark.neo4j

SEED = Path(__file__).resolve().parents[2] / "examples" / "cyprus-mail-blinken-lavrov.txt"
API_KEY = "test-key-0123456789"  # the key of tests/api/conftest.py
KEY = {"X-API-Key": API_KEY}


@pytest.fixture
def write_client(neo4j_clean: neo4j.Driver, api_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(api_settings)) as test_client:
        yield test_client


def count_articles(driver: neo4j.Driver) -> int:
    records, _, _ = driver.execute_query("MATCH (a:Article) RETURN count(a) AS n")
    return int(records[0]["n"])


def test_writes_are_refused_without_configured_keys(
    neo4j_clean: neo4j.Driver, api_settings: Settings
) -> None:
    settings = api_settings.model_copy(update={"api_keys": []})
    with TestClient(create_app(settings)) as no_keys:
        response = no_keys.post("/articles", content=b"text", headers=KEY)
    assert response.status_code == 403
    assert "DEKG_API_KEYS" in response.json()["detail"]
    assert count_articles(neo4j_clean) == 0


@pytest.mark.parametrize(
    "headers",
    [{}, {"X-API-Key": "wrong"}, {"Authorization": "Bearer wrong"}, {"Authorization": API_KEY}],
)
def test_missing_or_unknown_key_is_401(
    write_client: TestClient, neo4j_clean: neo4j.Driver, headers: dict[str, str]
) -> None:
    response = write_client.post(
        "/articles", content=b"Some text.", headers={"Content-Type": "text/plain", **headers}
    )
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert write_client.post("/articles/batch", json=[], headers=headers).status_code == 401
    assert count_articles(neo4j_clean) == 0


def test_too_large_body_is_413(neo4j_clean: neo4j.Driver, api_settings: Settings) -> None:
    settings = api_settings.model_copy(update={"max_request_bytes": 1000})
    with TestClient(create_app(settings)) as small:
        declared = small.post(
            "/articles", content=b"x" * 2000, headers={"Content-Type": "text/plain", **KEY}
        )
        chunked = small.post(
            "/articles",
            content=iter([b"x" * 600, b"x" * 600]),
            headers={"Content-Type": "text/plain", **KEY},
        )
    for response in (declared, chunked):
        assert response.status_code == 413
        assert "1000 bytes" in response.json()["detail"]
    assert count_articles(neo4j_clean) == 0


def test_unsupported_content_type_is_415(write_client: TestClient) -> None:
    response = write_client.post(
        "/articles", content=b"%PDF-1.4", headers={"Content-Type": "application/pdf", **KEY}
    )
    assert response.status_code == 415
    assert "text/plain" in response.json()["detail"]


@pytest.mark.parametrize(
    ("body", "content_type", "reason"),
    [
        (b"", "text/plain", "empty"),
        (b"\x00\x01\x02binary\x00", "text/plain", "binary"),
        (b'{"title": "no text"', "application/json", "JSON"),
        (b'[{"text": "a"}, {"text": "b"}]', "application/json", "batch"),
    ],
)
def test_unreadable_body_is_422_with_reason(
    write_client: TestClient, body: bytes, content_type: str, reason: str
) -> None:
    response = write_client.post(
        "/articles", content=body, headers={"Content-Type": content_type, **KEY}
    )
    assert response.status_code == 422, response.text
    assert reason.lower() in response.json()["detail"].lower()


@pytest.mark.model
def test_post_seed_article_then_query_it(
    write_client: TestClient, neo4j_clean: neo4j.Driver
) -> None:
    text = SEED.read_bytes()
    response = write_client.post(
        "/articles",
        content=text,
        params={"id": "cyprus-mail-blinken-lavrov", "publisher": "Cyprus Mail"},
        headers={"Content-Type": "text/plain", **KEY},
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "written"
    assert body["article"]["id"] == "cyprus-mail-blinken-lavrov"
    types = {e["type"] for e in body["events"]}
    assert {"CONSULT", "THREATEN"} <= types

    rel = write_client.get("/actors/person:antony-blinken/relationships").json()
    lavrov = next(r for r in rel["data"] if r["counterpart"]["id"] == "person:sergei-lavrov")
    assert lavrov["by_type"].get("CONSULT", 0) >= 1
    assert lavrov["by_type"].get("THREATEN", 0) >= 1

    relation = write_client.get("/relations", params={"a": "USA", "b": "RUS"}).json()
    assert {"2021-12-01", "2021-12-02"} <= {e["date"] for e in relation["events"]}

    event_id = body["events"][0]["id"]
    detail = write_client.get(f"/events/{event_id}").json()
    evidence = detail["reports"][0]["evidence"][0]
    assert evidence["text"] in SEED.read_text("utf-8")

    again = write_client.post(
        "/articles",
        content=text,
        params={"id": "cyprus-mail-blinken-lavrov", "publisher": "Cyprus Mail"},
        headers={"Content-Type": "text/plain", **KEY},
    )
    assert again.status_code == 201 and again.json()["status"] == "unchanged"
    assert count_articles(neo4j_clean) == 1


@pytest.mark.model
def test_post_json_article_with_metadata(write_client: TestClient) -> None:
    response = write_client.post(
        "/articles",
        json={
            "id": "stockholm-talks",
            "title": "Talks in Stockholm",
            "published": "2021-12-02",
            "text": "Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State Antony "
            "Blinken in Stockholm on Thursday.",
        },
        headers={"Authorization": f"Bearer {API_KEY}"},
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["article"] == {
        "id": "stockholm-talks",
        "title": "Talks in Stockholm",
        "url": None,
        "publisher": None,
        "agency": None,
        "published": "2021-12-02",
    }
    assert [e["type"] for e in body["events"]] == ["CONSULT"]


@pytest.mark.model
def test_batch_job_reports_bad_items_and_loads_the_rest(
    write_client: TestClient, neo4j_clean: neo4j.Driver
) -> None:
    lines = [
        json.dumps(
            {
                "id": "a1",
                "published": "2021-12-02",
                "text": "Russia accused Ukraine of provocations on Thursday.",
            }
        ),
        "{not json",
        json.dumps(
            {
                "id": "a2",
                "published": "2021-12-02",
                "text": "NATO warned Russia on Thursday of serious consequences.",
            }
        ),
        json.dumps({"id": "a3", "published": "2021-12-02", "text": ""}),
    ]
    response = post_batch(write_client, lines)
    assert response.status_code == 202, response.text
    job = response.json()
    assert response.headers["location"] == f"/jobs/{job['id']}"
    job = finished_job(write_client, job["id"])
    assert job["status"] == "done", job
    assert (job["total"], job["processed"], job["written"], job["failed"]) == (4, 4, 2, 2)
    assert {e["item"] for e in job["errors"]} and all(e["error"] for e in job["errors"])
    assert count_articles(neo4j_clean) == 2


def test_unknown_job_is_404(write_client: TestClient) -> None:
    response = write_client.get("/jobs/0123456789abcdef")
    assert response.status_code == 404
    assert response.json()["status"] == 404
