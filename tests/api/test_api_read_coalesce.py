"""Concurrent reads answered by one query (``api.coalesce``): the coalescer on its own, and
the API's relationships and events answers read together equal those read one at a time."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from collections.abc import Callable, Hashable, Mapping
from typing import Any

import httpx
import neo4j
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.coalesce import Coalescer
from api.settings import Settings
from graph import summaries
from graph.schema import ensure_schema
from graph.session import Graph
from graph.writer import GraphWriter
from ontology.model import ExtractionResult

DB = "neo4j"


class Recorder:
    """A fetch that records the keys of each read; ``gate`` holds reads until set."""

    def __init__(self, fail: set[Hashable] | None = None) -> None:
        self.reads: list[list[Hashable]] = []
        self.gate = threading.Event()
        self.gate.set()
        self.fail = fail or set()

    def __call__(self, keys: list[Hashable]) -> Mapping[Hashable, Any]:
        self.gate.wait(5)
        self.reads.append(list(keys))
        if self.fail & set(keys):
            raise LookupError(f"cannot read {sorted(self.fail & set(keys), key=str)}")
        return {k: f"answer {k}" for k in keys if k != "missing"}


def run(coro: Callable[[], Any]) -> Any:
    return asyncio.run(coro())


def test_keys_asked_in_one_turn_are_read_together_and_each_gets_its_answer() -> None:
    fetch = Recorder()

    async def ask() -> list[Any]:
        coalescer = Coalescer()
        keys = ["a", "b", "a", "missing", "c"]
        return await asyncio.gather(*(coalescer.get("g", k, fetch) for k in keys))

    assert run(ask) == ["answer a", "answer b", "answer a", None, "answer c"]
    assert fetch.reads == [["a", "b", "missing", "c"]]  # one read, each key once


def test_keys_asked_while_reads_run_wait_for_the_next_read_together() -> None:
    fetch = Recorder()
    fetch.gate.clear()

    async def ask() -> list[Any]:
        coalescer = Coalescer(max_inflight=1)
        first = asyncio.ensure_future(coalescer.get("g", 1, fetch))
        await asyncio.sleep(0.05)  # the first read runs (held by the gate)
        later = [asyncio.ensure_future(coalescer.get("g", k, fetch)) for k in (2, 3, 4)]
        other = asyncio.ensure_future(coalescer.get("other", 9, fetch))  # its own group
        await asyncio.sleep(0.05)
        fetch.gate.set()
        return await asyncio.gather(first, *later, other)

    assert run(ask) == [f"answer {k}" for k in (1, 2, 3, 4, 9)]
    assert sorted(fetch.reads, key=lambda r: (len(r), r)) == [[1], [9], [2, 3, 4]]


def test_a_failed_read_fails_its_requests_only() -> None:
    fetch = Recorder(fail={"bad"})

    async def ask() -> tuple[Any, Any]:
        coalescer = Coalescer()
        failed = await asyncio.gather(
            coalescer.get("g", "bad", fetch), coalescer.get("g", "x", fetch), return_exceptions=True
        )
        return failed, await coalescer.get("g", "y", fetch)

    failed, after = run(ask)
    assert [type(e) for e in failed] == [LookupError, LookupError]
    assert "cannot read ['bad']" in str(failed[0])
    assert after == "answer y"  # the next read goes on


def test_a_request_that_goes_away_leaves_the_answer_to_the_others() -> None:
    fetch = Recorder()
    fetch.gate.clear()

    async def ask() -> Any:
        coalescer = Coalescer()
        gone = asyncio.ensure_future(coalescer.get("g", "k", fetch))
        stays = asyncio.ensure_future(coalescer.get("g", "k", fetch))
        await asyncio.sleep(0.05)
        gone.cancel()
        fetch.gate.set()
        return await stays

    assert run(ask) == "answer k"


def test_more_keys_than_a_read_takes_go_into_several_reads() -> None:
    fetch = Recorder()

    async def ask() -> list[Any]:
        coalescer = Coalescer(max_inflight=1, max_batch=3)
        return await asyncio.gather(*(coalescer.get("g", k, fetch) for k in range(7)))

    assert run(ask) == [f"answer {k}" for k in range(7)]
    assert [len(r) for r in fetch.reads] == [3, 3, 1]


COUNTRIES = [f"{chr(65 + i // 26 % 26)}{chr(65 + i % 26)}X" for i in range(12)]


def read_paths() -> list[str]:
    """Relationships of states and ministers (one unknown), and event pages of three filter
    shapes (type + country + window, type only, a country and its next page)."""
    paths = [f"/actors/state:{c}/relationships" for c in COUNTRIES]
    paths += [f"/actors/person:minister-{i}/relationships?limit=5" for i in range(6)]
    paths += ["/actors/state:NOPE/relationships"]
    start = dt.date(2020, 3, 1)
    for i, country in enumerate(COUNTRIES):
        window = f"date_from={start + dt.timedelta(days=30 * i)}&date_to={start.replace(year=2021)}"
        paths += [f"/events?type=CONSULT&country={country}&{window}&limit=7"]
        paths += [f"/events?country={country}&limit=3"]
    paths += [f"/events?type={t}&limit=4" for t in ("CONSULT", "THREATEN", "ACCUSE")]
    return paths


@pytest.mark.neo4j
def test_answers_read_together_equal_answers_read_alone(
    neo4j_clean: neo4j.Driver,
    api_settings: Settings,
    synthetic_results: Callable[..., list[ExtractionResult]],
) -> None:
    graph = Graph(neo4j_clean, DB)
    ensure_schema(graph)
    GraphWriter(graph).write_results(synthetic_results(1200, seed=5))
    summaries.rebuild(neo4j_clean, DB)
    paths = read_paths()
    settings = api_settings.model_copy(update={"read_cache_mb": 0})  # every answer computed
    with TestClient(create_app(settings)) as client:
        alone = {}
        for path in paths:
            response = client.get(path)
            alone[path] = (response.status_code, response.content)
        app = client.app

        async def together() -> list[httpx.Response]:
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
                return await asyncio.gather(*(c.get(p) for p in paths * 2))

        responses = client.portal.call(together)  # type: ignore[union-attr]
        coalescer: Coalescer = client.app.state.coalescer  # type: ignore[attr-defined]
    for path, response in zip(paths * 2, responses, strict=True):
        assert (response.status_code, response.content) == alone[path], path
    assert alone["/actors/state:NOPE/relationships"][0] == 404
    assert sum(status == 200 and len(body) > 200 for status, body in alone.values()) > 30
    assert coalescer.keys > coalescer.reads + 20  # the concurrent requests shared reads
