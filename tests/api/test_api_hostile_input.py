"""Hostile input gets a clear 4xx, never a 5xx; a bad item never sinks a batch.

Deep JSON (a ``RecursionError`` before), lone surrogates (``UnicodeEncodeError`` /
``PydanticSerializationError``), deep cursors, thousands of repeated filter values, a
``text/plain`` body in latin-1, ``javascript:`` URLs, empty batches, Neo4j's own messages.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterator
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.bodies import as_utf8, declared_charset
from api.errors import InvalidParameter
from api.settings import Settings
from graph import actor_refs
from graph.read.actors import resolve_actor
from graph.session import Graph
from tests.api.conftest import finished_job, post_batch

pytestmark = pytest.mark.neo4j

KEY = {"X-API-Key": "test-key-0123456789"}  # tests/api/conftest.py API_KEY
DEEP = "[" * 200_000 + "]" * 200_000
GOOD = "Russia accused Ukraine of provocations on Thursday."


@pytest.fixture
def write_client(neo4j_clean: neo4j.Driver, api_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(api_settings), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def safe_client(seed_graph: neo4j.Driver, api_settings: Settings) -> Iterator[TestClient]:
    """A client that answers a 500 instead of raising it (so a test sees the status)."""
    with TestClient(create_app(api_settings), raise_server_exceptions=False) as test_client:
        yield test_client


def _problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    return body


def test_deep_json_bodies_are_422(safe_client: TestClient) -> None:
    json_headers = {"Content-Type": "application/json", **KEY}
    article = '{"text": "x", "extra": ' + DEEP + "}"
    for path, body in (
        ("/articles", article),
        ("/articles/batch", "[" + article + "]"),
        ("/cypher", '{"query": "RETURN $x", "params": {"x": ' + DEEP + "}}"),
    ):
        problem = _problem(safe_client.post(path, content=body, headers=json_headers), 422)
        assert "nested deeper than 64" in problem["detail"], path


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/articles", {"text": "Russia warned Ukraine \ud800 on Thursday."}),
        ("/articles", {"text": GOOD, "title": "A title \udfff"}),
        ("/articles/batch", [{"text": GOOD, "id": "x\ud800"}]),
        ("/cypher", {"query": "RETURN '\ud800' AS s"}),
        ("/cypher", {"query": "RETURN $s AS s", "params": {"s": "\udc00\ud800"}}),
    ],
)
def test_lone_surrogates_are_422(safe_client: TestClient, path: str, body: Any) -> None:
    raw = json.dumps(body)  # ensure_ascii: the surrogate travels as a \\u escape
    problem = _problem(
        safe_client.post(path, content=raw, headers={"Content-Type": "application/json", **KEY}),
        422,
    )
    assert "surrogate" in problem["detail"]


def test_a_surrogate_pair_is_text(safe_client: TestClient) -> None:
    raw = json.dumps({"query": "RETURN $s AS s", "params": {"s": "\U0001f600 \\ud800"}})
    response = safe_client.post(
        "/cypher", content=raw, headers={"Content-Type": "application/json", **KEY}
    )
    assert response.status_code == 200, response.text
    assert response.json()["rows"] == [{"s": "\U0001f600 \\ud800"}]


@pytest.mark.parametrize(
    "cursor",
    [
        base64.urlsafe_b64encode(("[" * 5000 + "]" * 5000).encode()).decode(),
        base64.urlsafe_b64encode(json.dumps(["2021-12-02", "\ud800"]).encode()).decode(),
        "A" * 5000,
    ],
)
def test_hostile_cursors_are_422(safe_client: TestClient, cursor: str) -> None:
    problem = _problem(safe_client.get("/events", params={"cursor": cursor}), 422)
    assert "cursor" in problem["detail"]


def test_repeated_filter_values_are_capped(safe_client: TestClient) -> None:
    started = time.monotonic()
    problem = _problem(safe_client.get("/events", params=[("actor", "RUS")] * 6000), 422)
    assert "at most 50 values" in problem["detail"]
    assert time.monotonic() - started < 5  # refused before any query (5.5 s of queries before)
    assert safe_client.get("/events", params=[("country", "RUS")] * 51).status_code == 422
    many = safe_client.get("/events", params=[("actor", "RUS")] * 50)
    assert many.status_code == 200, many.text
    assert many.json()["data"] == safe_client.get("/events?actor=RUS").json()["data"]


def test_actor_references_are_resolved_in_one_query(
    seed_graph: neo4j.Driver, monkeypatch: pytest.MonkeyPatch
) -> None:
    refs = ["RUS", "state:USA", "antony blinken", "Moscow", "lavrov", "usa"]
    graph = Graph(seed_graph, "neo4j")
    one_by_one = [resolve_actor(graph, ref) for ref in refs]
    calls = []
    real = Graph.read

    def counted(self: Graph, *args: Any, **kwargs: Any) -> Any:
        calls.append(args[0])
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Graph, "read", counted)
    assert actor_refs.resolve_actors(graph, refs) == one_by_one
    assert len(calls) == 1
    with pytest.raises(Exception, match="no actor 'nobody-at-all'"):
        actor_refs.resolve_actors(graph, ["RUS", "nobody-at-all"])


def test_declared_charsets() -> None:
    assert declared_charset("text/plain; charset=ISO-8859-1") == "iso-8859-1"
    assert declared_charset("text/plain") is None
    assert as_utf8("Curaçao".encode("latin-1"), "text/plain; charset=latin-1") == (
        "Curaçao".encode()
    )
    assert as_utf8(b"plain", "text/plain; charset=utf-8") == b"plain"
    with pytest.raises(InvalidParameter, match="unknown charset"):
        as_utf8(b"x", "text/plain; charset=klingon")
    with pytest.raises(InvalidParameter, match="not valid ascii"):
        as_utf8("é".encode(), "text/plain; charset=ascii")


@pytest.mark.parametrize(
    ("kwargs"),
    [
        {"json": {"text": GOOD, "url": "javascript:alert(1)"}},
        {"json": {"text": GOOD, "url": "file:///etc/passwd"}},
        {
            "content": GOOD.encode(),
            "params": {"url": "javascript:alert(1)"},
            "headers": {"Content-Type": "text/plain"},
        },
    ],
)
def test_only_http_article_urls(write_client: TestClient, kwargs: dict[str, Any]) -> None:
    headers = {**KEY, **kwargs.pop("headers", {})}
    response = write_client.post("/articles", headers=headers, **kwargs)
    assert response.status_code == 422, response.text
    assert "url" in response.text


@pytest.mark.parametrize(
    ("body", "media"),
    [
        (b"[]", "application/json"),
        (b"", "application/x-ndjson"),
        (b"\n \n", "application/x-ndjson"),
    ],
)
def test_empty_batch_is_422(write_client: TestClient, body: bytes, media: str) -> None:
    response = write_client.post(
        "/articles/batch", content=body, headers={"Content-Type": media, **KEY}
    )
    problem = _problem(response, 422)
    assert "no articles" in problem["detail"]


def test_neo4j_addresses_are_not_passed_on(down_client: TestClient) -> None:
    detail = down_client.get("/events").json()["detail"]
    assert "not reachable" in detail
    assert "127.0.0.1" not in detail and "Errno" not in detail
    health = down_client.get("/health").json()["neo4j"]["detail"]
    assert "127.0.0.1" not in health


@pytest.mark.model
def test_latin1_text_plain_is_read_as_latin1(
    write_client: TestClient, neo4j_clean: neo4j.Driver
) -> None:
    text = "Talks in Curaçao\n\nRussia accused Ukraine of provocations in Curaçao on Thursday."
    response = write_client.post(
        "/articles",
        content=text.encode("latin-1"),
        params={"id": "latin1"},
        headers={"Content-Type": "text/plain; charset=ISO-8859-1", **KEY},
    )
    assert response.status_code == 201, response.text
    assert response.json()["article"]["title"] == "Talks in Curaçao"
    records, _, _ = neo4j_clean.execute_query(
        "MATCH (a:Article {id: 'latin1'}) RETURN a.title AS t"
    )
    assert records[0]["t"] == "Talks in Curaçao"


@pytest.mark.model
def test_bad_lines_never_sink_a_batch(write_client: TestClient, neo4j_clean: neo4j.Driver) -> None:
    lines = [
        json.dumps({"id": "good-1", "published": "2021-12-02", "text": GOOD}),
        '{"id": "deep", "text": "x", "x": ' + DEEP + "}",
        json.dumps({"id": "surrogate", "text": "Russia \ud800 warned Ukraine."}),
        json.dumps({"id": "bad-url", "text": GOOD, "url": "javascript:alert(1)"}),
        json.dumps(
            {"id": "good-2", "published": "2021-12-02", "text": "NATO warned Russia on Thursday."}
        ),
    ]
    response = post_batch(write_client, lines)
    assert response.status_code == 202, response.text
    job = response.json()
    job = finished_job(write_client, job["id"])
    assert job["status"] == "done", job
    assert (job["total"], job["processed"], job["written"], job["failed"]) == (5, 5, 2, 3)
    reasons = " ".join(e["error"] for e in job["errors"])
    assert "nested deeper" in reasons and "surrogate" in reasons and "http(s)" in reasons
    records, _, _ = neo4j_clean.execute_query("MATCH (a:Article) RETURN collect(a.id) AS ids")
    assert sorted(records[0]["ids"]) == ["good-1", "good-2"]
