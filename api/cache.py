"""The read cache: answers of the graph's read endpoints, reused while the graph is unchanged.

Every stored answer carries the graph version it was computed at: the bookmark of a trivial
read transaction (``graph.stats.graph_version``), which changes with every committed write
to the database, whoever makes it (``dekg ingest``, ``POST /articles``, another service,
Neo4j Browser). A stored answer is served only while the current version still equals its
own; nothing is ever served from an older state of the graph than
``read_cache_staleness_s`` allows (default 0: the version is read after the request
arrived).

Reading the version costs one small query, paid only when a stored answer exists for the
URL: a new answer is tagged with the last version read, however old (versions only move
forward, so if the graph still has that version later, the answer was computed on it).
Concurrent requests share one read: at most one is in flight, and each serves every request
that arrived before it started.

Only successful JSON answers of ``GET`` requests to the read endpoints are stored, bounded
by total size (least recently used first out). A request with ``Cache-Control: no-cache``
is computed afresh. Answers carry ``X-Cache: hit`` or ``miss``.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph import GraphError

log = logging.getLogger(__name__)

#: Path prefixes of the endpoints whose answers depend only on the graph and the URL.
CACHED_PREFIXES: tuple[str, ...] = ("/events", "/actors", "/relations", "/paths", "/stats")


@dataclass(frozen=True, slots=True)
class Entry:
    version: str
    headers: list[tuple[bytes, bytes]]
    body: bytes


@dataclass
class ResponseCache:
    """Answers by key, least recently used evicted first once ``max_bytes`` is exceeded.

    Used from the event loop only (no locking).
    """

    max_bytes: int
    entries: OrderedDict[str, Entry] = field(default_factory=OrderedDict)
    size: int = 0
    hits: int = 0
    misses: int = 0

    @property
    def max_entry_bytes(self) -> int:
        return self.max_bytes // 16

    def get(self, key: str, version: str) -> Entry | None:
        entry = self.entries.get(key)
        if entry is None or entry.version != version:
            self.misses += 1
            return None
        self.entries.move_to_end(key)
        self.hits += 1
        return entry

    def put(self, key: str, entry: Entry) -> None:
        if len(entry.body) > self.max_entry_bytes:
            return
        self.discard(key)
        self.entries[key] = entry
        self.size += len(entry.body)
        while self.size > self.max_bytes and self.entries:
            _, old = self.entries.popitem(last=False)
            self.size -= len(old.body)

    def discard(self, key: str) -> None:
        old = self.entries.pop(key, None)
        if old is not None:
            self.size -= len(old.body)


class GraphVersion:
    """The current graph version, read at most once at a time and shared by waiting requests.

    ``read`` is the blocking function that returns the version (run in the thread pool).
    """

    def __init__(self, read: Callable[[], str]) -> None:
        self._read = read
        self._token: str | None = None
        self._started = float("-inf")
        self._generation = 0
        self._inflight: asyncio.Future[None] | None = None

    @property
    def known(self) -> str | None:
        """The last version read, however old (``None`` after :meth:`expire`).

        Safe as the tag of an answer computed after it was read: versions only move forward,
        so if the graph later still has this version, the answer was computed on it.
        """
        return self._token

    def expire(self) -> None:
        """Forget the version read so far, and any read in flight (after a write made by this
        process; may be called from any thread)."""
        self._generation += 1
        self._token = None

    async def current(self, staleness_s: float = 0.0) -> str:
        """A version read that started no earlier than ``staleness_s`` before this call.

        Raises:
            GraphError: the version cannot be read (Neo4j down): the caller skips the cache.
        """
        arrived = time.monotonic()
        while True:
            token = self._token
            if token is not None and self._started >= arrived - staleness_s:
                return token
            if self._inflight is None:
                self._inflight = asyncio.ensure_future(self._refresh())
            await asyncio.shield(self._inflight)

    async def _refresh(self) -> None:
        started, generation = time.monotonic(), self._generation
        try:
            token = await run_in_threadpool(self._read)
        finally:
            self._inflight = None
        if generation == self._generation:
            self._token, self._started = token, started


@dataclass
class ReadCache:
    """What the middleware finds in ``app.state.read_cache``."""

    version: GraphVersion
    responses: ResponseCache
    staleness_s: float = 0.0
    bypassed: int = 0

    def stats(self) -> dict[str, Any]:
        return {
            "entries": len(self.responses.entries),
            "bytes": self.responses.size,
            "hits": self.responses.hits,
            "misses": self.responses.misses,
            "bypassed": self.bypassed,
        }


def cache_key(scope: Scope) -> str:
    """Path and query, parameters ordered by name (values of one name keep their order)."""
    pairs = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    pairs.sort(key=lambda kv: kv[0])
    return scope["path"] + "?" + urlencode(pairs)


def _cacheable(scope: Scope) -> bool:
    if scope["type"] != "http" or scope["method"] != "GET":
        return False
    path: str = scope["path"]
    return any(path == p or path.startswith(p + "/") for p in CACHED_PREFIXES)


def _no_cache(scope: Scope) -> bool:
    for name, value in scope.get("headers", []):
        if name == b"cache-control" and b"no-cache" in value.lower():
            return True
    return False


class ReadCacheMiddleware:
    """Serve stored answers of read endpoints while the graph version is unchanged."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        cache: ReadCache | None = None
        if _cacheable(scope):
            cache = getattr(scope["app"].state, "read_cache", None)
        if cache is None:
            await self.app(scope, receive, send)
            return
        key = cache_key(scope)
        stored = None if _no_cache(scope) else cache.responses.entries.get(key)
        try:
            # A stored answer needs the current version; a new one can be tagged with any
            # version read before it is computed (see GraphVersion.known).
            version = (
                await cache.version.current(cache.staleness_s)
                if stored is not None or cache.version.known is None
                else cache.version.known
            )
        except GraphError as e:
            cache.bypassed += 1
            log.warning("read cache bypassed: the graph version could not be read: %s", e)
            await self.app(scope, receive, send)  # the endpoint reports Neo4j's state
            return
        entry = cache.responses.get(key, version) if stored is not None else None
        if entry is not None:
            await _replay(entry, send)
            return
        if stored is None:
            cache.responses.misses += 1
        await self.app(scope, receive, _recording(send, cache.responses, key, version))


async def _replay(entry: Entry, send: Send) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [*entry.headers, (b"x-cache", b"hit")],
        }
    )
    await send({"type": "http.response.body", "body": entry.body})


def _recording(send: Send, responses: ResponseCache, key: str, version: str) -> Send:
    """``send`` that also stores a complete 200 JSON answer sent in one body message."""
    state: dict[str, Any] = {"store": False}

    async def recording_send(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            state["headers"] = headers
            state["store"] = message["status"] == 200 and (
                b"content-type",
                b"application/json",
            ) in [(k.lower(), v.split(b";")[0]) for k, v in headers]
            message = {**message, "headers": [*headers, (b"x-cache", b"miss")]}
        elif message["type"] == "http.response.body" and state["store"]:
            state["store"] = False
            if not message.get("more_body", False):
                responses.put(key, Entry(version, state["headers"], message.get("body", b"")))
        await send(message)

    return recording_send
