"""The read cache: stored answers are reused only while no change can have affected them."""

from __future__ import annotations

import asyncio
import base64
import threading
from collections.abc import Iterator
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient
from graph_samples import meeting_result, seed_result

from api.app import create_app
from api.cache import Entry, GraphState, ResponseCache, cache_key
from api.cache_deps import ANYTHING, Groups, affected, dependencies
from api.settings import Settings
from graph.changes import Change, Position, bookmark_position, scoped_changes
from graph.schema import ensure_schema
from graph.session import Graph
from graph.writer import GraphWriter

# --- units (no Neo4j) --------------------------------------------------------------------------


def entry(epoch: int, size: int, groups: Groups = ANYTHING) -> Entry:
    return Entry(epoch, groups, [(b"content-type", b"application/json")], b"x" * size)


def always(_: Entry) -> bool:
    return True


def test_least_recently_used_answers_leave_first() -> None:
    cache = ResponseCache(max_bytes=1600)  # sixteen answers of 100 bytes
    for i in range(17):
        cache.put(f"k{i}", entry(0, 100))
    assert "k0" not in cache.entries and len(cache.entries) == 16 and cache.size == 1600
    assert cache.get("k1", always) is not None  # k1 is now the most recent
    cache.put("k17", entry(0, 100))
    assert "k1" in cache.entries and "k2" not in cache.entries


def test_an_expired_answer_is_a_miss() -> None:
    cache = ResponseCache(max_bytes=10_000)
    cache.put("k", entry(0, 10))
    assert cache.get("k", lambda e: False) is None
    assert cache.get("k", always) is not None
    assert (cache.hits, cache.misses) == (1, 1)


def test_answers_larger_than_a_sixteenth_are_not_stored() -> None:
    cache = ResponseCache(max_bytes=1600)
    cache.put("big", entry(0, 101))
    cache.put("small", entry(0, 100))
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


POSITION = Position("b0", 10, 3)


def change(seq: int, scope: str = "scoped", actors: tuple[str, ...] = ()) -> Change:
    return Change(seq, scope, frozenset(actors), frozenset(), frozenset())


class SlowObserve:
    """An observation source that counts its reads; each read sees one more change."""

    def __init__(self) -> None:
        self.reads = 0
        self.release = threading.Event()

    def __call__(self, since: Position | None) -> tuple[Position, list[Change] | None]:
        self.reads += 1
        self.release.wait(5)
        if since is None:
            return POSITION, None
        return Position(f"b{self.reads}", since.seq + 1, since.seq + 1), [
            change(since.seq + 1, actors=("state:MLI",))
        ]


def test_concurrent_requests_share_one_observation() -> None:
    async def scenario() -> list[int]:
        observe = SlowObserve()
        state = GraphState(observe)
        first = asyncio.ensure_future(state.current())
        await asyncio.sleep(0.05)  # the first observation is in flight
        later = [asyncio.ensure_future(state.current()) for _ in range(20)]
        await asyncio.sleep(0.05)
        observe.release.set()
        results = await asyncio.gather(first, *later)
        # the requests that arrived after the first observation started needed one more
        assert observe.reads == 2
        return results

    results = asyncio.run(scenario())
    assert results[0] == 1 and set(results[1:]) == {2}


def test_an_observation_within_the_staleness_window_is_reused() -> None:
    async def scenario() -> int:
        observe = SlowObserve()
        observe.release.set()
        state = GraphState(observe)
        await state.current()
        await state.current(staleness_s=60)
        await state.current(staleness_s=0)
        return observe.reads

    assert asyncio.run(scenario()) == 2


def test_expire_makes_the_next_request_observe_again() -> None:
    async def scenario() -> int:
        observe = SlowObserve()
        observe.release.set()
        state = GraphState(observe)
        await state.current(staleness_s=60)
        state.expire()  # this process wrote
        await state.current(staleness_s=60)
        return observe.reads

    assert asyncio.run(scenario()) == 2


def test_changes_expire_only_the_answers_they_can_affect() -> None:
    state = GraphState(SlowObserve())
    state.apply(POSITION, None)  # the first look: whatever came before expires
    usa = entry(state.epoch, 1, (frozenset({"actor:state:USA"}),))
    mali = entry(state.epoch, 1, (frozenset({"actor:state:MLI"}),))
    anything = entry(state.epoch, 1)
    state.apply(Position("b1", 11, 4), [change(4, actors=("state:MLI",))])
    assert state.valid(usa) and not state.valid(mali) and not state.valid(anything)
    assert state.valid(entry(state.epoch, 1))  # computed after the change
    state.apply(Position("b2", 12, 5), [change(5, scope="none")])
    assert state.valid(usa) and state.epoch == 2  # nothing changed: no new epoch
    state.apply(Position("b3", 13, 6), [change(6, scope="all")])
    assert not state.valid(usa)
    assert (state.scoped, state.flushes) == (1, 2)


def test_a_change_affects_an_answer_only_through_every_group() -> None:
    groups = dependencies("/events", {"actor": ["state:USA"], "type": ["MEET", "CONSULT"]})
    assert groups == (frozenset({"actor:state:USA"}), frozenset({"type:MEET", "type:CONSULT"}))
    assert not affected(groups, {"graph", "actor:state:USA", "type:THREATEN"})
    assert affected(groups, {"graph", "actor:state:USA", "type:CONSULT"})
    assert dependencies("/events", {"actor": ["USA"]}) == ANYTHING  # resolved by name
    assert dependencies("/actors/state:USA/network", {"depth": ["2"]}) == ANYTHING
    assert dependencies("/actors", {"q": ["mali"]}) == (frozenset({"catalog"}),)
    assert dependencies("/relations", {"a": ["state:USA"], "b": ["state:RUS"]}) == (
        frozenset({"actor:state:USA"}),
        frozenset({"actor:state:RUS"}),
    )
    assert dependencies("/stats", {}) == ANYTHING


def test_changes_count_only_when_they_account_for_every_transaction() -> None:
    one = [change(4)]
    assert scoped_changes(POSITION, one, 11) == one
    assert scoped_changes(POSITION, one, 12) is None  # another program wrote too
    assert scoped_changes(POSITION, [change(5)], 11) is None  # record 4 is missing
    assert scoped_changes(POSITION, [], 10) == []
    assert scoped_changes(Position("b", None, 3), one, 11) is None  # unknown bookmark


def test_a_bookmark_names_its_transaction() -> None:
    uuid = bytes(range(16))
    for tx in (3, 127, 138, 40_000, 3_000_000_000):
        if tx < 128:
            packed = bytes([tx])
        elif tx < 2**15:
            packed = b"\xc9" + tx.to_bytes(2, "big")
        elif tx < 2**31:
            packed = b"\xca" + tx.to_bytes(4, "big")
        else:
            packed = b"\xcb" + tx.to_bytes(8, "big")
        raw = b"\x91\xcc\x10" + uuid + packed + b"\x90"
        assert bookmark_position("FB:" + base64.b64encode(raw).decode()) == tx
    assert bookmark_position("FB:kcwQBbEA1gzxSkSlP5sAQA7ngskBDJA=") == 268  # from Neo4j 5.26
    for other in ("", "FB:", "FB:!!", "a,b", "FB:" + base64.b64encode(b"\x92" * 30).decode()):
        assert bookmark_position(other) is None


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
