"""The read cache: stored answers are reused only while the graph is unchanged."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient
from graph_samples import meeting_result, seed_result

from api.app import create_app
from api.cache import Entry, GraphVersion, ResponseCache, cache_key
from api.settings import Settings
from graph.schema import ensure_schema
from graph.session import Graph
from graph.writer import GraphWriter

# --- units (no Neo4j) --------------------------------------------------------------------------


def entry(version: str, size: int) -> Entry:
    return Entry(version, [(b"content-type", b"application/json")], b"x" * size)


def test_least_recently_used_answers_leave_first() -> None:
    cache = ResponseCache(max_bytes=1600)  # sixteen answers of 100 bytes
    for i in range(17):
        cache.put(f"k{i}", entry("v1", 100))
    assert "k0" not in cache.entries and len(cache.entries) == 16 and cache.size == 1600
    assert cache.get("k1", "v1") is not None  # k1 is now the most recent
    cache.put("k17", entry("v1", 100))
    assert "k1" in cache.entries and "k2" not in cache.entries


def test_an_answer_of_another_version_is_a_miss() -> None:
    cache = ResponseCache(max_bytes=10_000)
    cache.put("k", entry("v1", 10))
    assert cache.get("k", "v2") is None
    assert cache.get("k", "v1") is not None
    assert (cache.hits, cache.misses) == (1, 1)


def test_answers_larger_than_a_sixteenth_are_not_stored() -> None:
    cache = ResponseCache(max_bytes=1600)
    cache.put("big", entry("v1", 101))
    cache.put("small", entry("v1", 100))
    assert list(cache.entries) == ["small"]


def scope(path: str, query: bytes) -> dict[str, Any]:
    return {"type": "http", "method": "GET", "path": path, "query_string": query}


def test_key_ignores_the_order_of_parameter_names_only() -> None:
    one = cache_key(scope("/events", b"type=CONSULT&country=RUS&type=THREATEN"))
    two = cache_key(scope("/events", b"country=RUS&type=CONSULT&type=THREATEN"))
    three = cache_key(scope("/events", b"country=RUS&type=THREATEN&type=CONSULT"))
    assert one == two
    assert one != three  # values of one name keep their order
    assert cache_key(scope("/stats", b"")) != cache_key(scope("/events", b""))


class SlowRead:
    """A version source that counts its reads and returns ``v<n>``."""

    def __init__(self) -> None:
        self.reads = 0
        self.release = threading.Event()

    def __call__(self) -> str:
        self.reads += 1
        self.release.wait(5)
        return f"v{self.reads}"


def test_concurrent_requests_share_one_version_read() -> None:
    async def scenario() -> list[str]:
        read = SlowRead()
        version = GraphVersion(read)
        first = asyncio.ensure_future(version.current())
        await asyncio.sleep(0.05)  # the first read is in flight
        later = [asyncio.ensure_future(version.current()) for _ in range(20)]
        await asyncio.sleep(0.05)
        read.release.set()
        results = await asyncio.gather(first, *later)
        # the requests that arrived after the first read started needed one more read
        assert read.reads == 2
        return results

    results = asyncio.run(scenario())
    assert results[0] == "v1" and set(results[1:]) == {"v2"}


def test_a_version_read_within_the_staleness_window_is_reused() -> None:
    async def scenario() -> int:
        read = SlowRead()
        read.release.set()
        version = GraphVersion(read)
        await version.current()
        await version.current(staleness_s=60)
        await version.current(staleness_s=0)
        return read.reads

    assert asyncio.run(scenario()) == 2


def test_expire_discards_a_read_in_flight() -> None:
    async def scenario() -> str:
        read = SlowRead()
        version = GraphVersion(read)
        waiting = asyncio.ensure_future(version.current(staleness_s=60))
        await asyncio.sleep(0.05)
        version.expire()  # a write committed while v1 was being read
        read.release.set()
        token = await waiting
        assert version.known == token
        return token

    assert asyncio.run(scenario()) == "v2"


# --- the middleware against the real Neo4j ------------------------------------------------------


def load_seed(driver: neo4j.Driver, database: str) -> None:
    ensure_schema(Graph(driver, database))
    report = GraphWriter(Graph(driver, database)).write_results([seed_result()])
    assert report.failed == 0, report.errors


@pytest.fixture
def cached_client(neo4j_clean: neo4j.Driver, api_settings: Settings) -> Iterator[TestClient]:
    load_seed(neo4j_clean, api_settings.neo4j_database)
    with TestClient(create_app(api_settings)) as client:
        yield client


@pytest.mark.neo4j
def test_a_repeated_read_is_served_from_the_cache(cached_client: TestClient) -> None:
    first = cached_client.get("/events", params={"type": "CONSULT", "country": "RUS"})
    second = cached_client.get("/events", params={"country": "RUS", "type": "CONSULT"})
    assert first.status_code == second.status_code == 200
    assert first.headers["x-cache"] == "miss" and second.headers["x-cache"] == "hit"
    assert first.content == second.content and first.json()["data"]
    fresh = cached_client.get(
        "/events",
        params={"type": "CONSULT", "country": "RUS"},
        headers={"Cache-Control": "no-cache"},
    )
    assert fresh.headers["x-cache"] == "miss" and fresh.content == first.content


@pytest.mark.neo4j
def test_a_write_from_another_client_is_seen_at_once(
    cached_client: TestClient, neo4j_driver: neo4j.Driver, api_settings: Settings
) -> None:
    before = cached_client.get("/stats").json()
    assert cached_client.get("/stats").headers["x-cache"] == "hit"
    GraphWriter(Graph(neo4j_driver, api_settings.neo4j_database)).write_results(
        [meeting_result("ap-blinken-lavrov", "AP")]
    )
    after = cached_client.get("/stats")
    assert after.headers["x-cache"] == "miss"
    assert after.json()["articles"] == before["articles"] + 1


@pytest.mark.neo4j
def test_errors_and_other_endpoints_are_not_stored(cached_client: TestClient) -> None:
    for _ in range(2):
        missing = cached_client.get("/events/no-such-event")
        assert missing.status_code == 404 and missing.headers["x-cache"] == "miss"
        bad = cached_client.get("/events", params={"date_from": "yesterday"})
        assert bad.status_code == 422 and bad.headers["x-cache"] == "miss"
    health = cached_client.get("/health")
    assert "x-cache" not in health.headers
    assert health.json()["read_cache"]["entries"] == 0
    assert health.json()["read_cache"]["misses"] >= 4


@pytest.mark.neo4j
def test_the_cache_can_be_turned_off(neo4j_clean: neo4j.Driver, api_settings: Settings) -> None:
    load_seed(neo4j_clean, api_settings.neo4j_database)
    settings = api_settings.model_copy(update={"read_cache_mb": 0})
    with TestClient(create_app(settings)) as client:
        for _ in range(2):
            response = client.get("/stats")
            assert response.status_code == 200 and "x-cache" not in response.headers
        assert client.get("/health").json()["read_cache"] is None
