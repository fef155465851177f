"""The read cache: answers of the graph's read endpoints, reused while no write affected them.

Every write dekg makes ends its transaction with a change record naming what it may have
changed (``graph.changes``): the actors it touched (and the orgs they act for), the
countries and PLOVER types of the events. Every stored answer carries the *epoch* it was
computed in and the groups of tags it depends on, read from its URL (``api.cache_deps``):
ingesting a story about Mali expires ``/actors/state:MLI/relationships`` and
``/events?country=MLI``, ``/stats`` and unfiltered ``/events``, and leaves
``/actors/state:USA/relationships`` valid.

A stored answer is served only after an observation of the graph that started after the
request arrived (``read_cache_staleness_s``, default 0): one small query (the bookmark of a
trivial read, which moves with every committed write by any client), and only when it moved,
the change records since the last observation. When those records do not account for every
transaction in between (Neo4j Browser, a schema change, another program wrote), or a write
renamed an actor or place that other answers show, every stored answer expires: correctness
never depends on a writer recording its changes. Concurrent requests share one observation:
at most one is in flight, and each serves every request that arrived before it started. A new
answer is tagged with the current epoch without an observation (a change it missed comes in a
later epoch and expires it).

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

from api.cache_deps import Groups, dependencies
from graph import GraphError
from graph.changes import Change, Position

log = logging.getLogger(__name__)

#: Path prefixes of the endpoints whose answers depend only on the graph and the URL.
CACHED_PREFIXES: tuple[str, ...] = ("/events", "/actors", "/relations", "/paths", "/stats")


@dataclass(frozen=True, slots=True)
class Entry:
    epoch: int
    groups: Groups
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

    def get(self, key: str, valid: Callable[[Entry], bool]) -> Entry | None:
        entry = self.entries.get(key)
        if entry is None or not valid(entry):
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


class GraphState:
    """What this worker knows of the graph: its position, and which answers changes expired.

    ``observe`` is the blocking function (run in the thread pool) that returns the new
    position and the changes since a position (``graph.changes.observe``: ``None`` for "treat
    everything as changed"). Each observation that saw a change starts a new *epoch*; an
    answer is tagged with the epoch it was computed in and stays valid until a later epoch's
    changes affect its dependencies (``api.cache_deps``).
    """

    def __init__(
        self, observe: Callable[[Position | None], tuple[Position, list[Change] | None]]
    ) -> None:
        self._observe = observe
        self.position: Position | None = None
        self.epoch = 0
        self.flush_epoch = 0
        self.tag_epochs: dict[str, int] = {}
        self.flushes = 0
        self.scoped = 0
        self._started = float("-inf")
        self._inflight: asyncio.Future[None] | None = None

    def expire(self) -> None:
        """Make the next :meth:`current` read the graph again (after this process wrote)."""
        self._started = float("-inf")

    def valid(self, entry: Entry) -> bool:
        """True when no change seen since ``entry.epoch`` can have changed the answer."""
        if entry.epoch < self.flush_epoch:
            return False
        return not all(
            any(self.tag_epochs.get(t, -1) > entry.epoch for t in group) for group in entry.groups
        )

    async def current(self, staleness_s: float = 0.0) -> int:
        """The epoch after an observation that started no earlier than ``staleness_s`` before
        this call.

        Raises:
            GraphError: the graph cannot be read (Neo4j down): the caller skips the cache.
        """
        arrived = time.monotonic()
        while True:
            if self.position is not None and self._started >= arrived - staleness_s:
                return self.epoch
            if self._inflight is None:
                self._inflight = asyncio.ensure_future(self._refresh())
            await asyncio.shield(self._inflight)

    async def _refresh(self) -> None:
        started = time.monotonic()
        try:
            position, changes = await run_in_threadpool(self._observe, self.position)
        finally:
            self._inflight = None
        self.apply(position, changes)
        self._started = started

    def apply(self, position: Position, changes: list[Change] | None) -> None:
        """Move to ``position``, expiring what ``changes`` can affect (everything if ``None``)."""
        self.position = position
        if changes is None or any(c.scope == "all" for c in changes):
            self.epoch += 1
            self.flush_epoch = self.epoch
            self.flushes += 1
            return
        tags = set().union(*(change_tags(c) for c in changes)) if changes else set()
        if not tags:
            return
        self.epoch += 1
        self.scoped += 1
        for tag in tags:
            self.tag_epochs[tag] = self.epoch


def change_tags(change: Change) -> set[str]:
    """The tags of a change of scope ``none`` or ``scoped`` (``api.cache_deps``); one of
    scope ``all`` is a flush (:meth:`GraphState.apply`)."""
    if change.scope == "none":
        return set()
    tags = {"graph"}
    if change.actors:
        tags.add("catalog")
    tags |= {f"actor:{a}" for a in change.actors}
    tags |= {f"country:{c}" for c in change.countries}
    tags |= {f"type:{t}" for t in change.types}
    return tags


@dataclass
class ReadCache:
    """What the middleware finds in ``app.state.read_cache``."""

    state: GraphState
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
            "scoped_expiries": self.state.scoped,
            "full_expiries": self.state.flushes,
        }


def cache_key(scope: Scope) -> str:
    """Path and query, parameters ordered by name (values of one name keep their order)."""
    return scope["path"] + "?" + urlencode(_pairs(scope))


def _pairs(scope: Scope) -> list[tuple[str, str]]:
    pairs = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    pairs.sort(key=lambda kv: kv[0])
    return pairs


def _groups(scope: Scope) -> Groups:
    params: dict[str, list[str]] = {}
    for name, value in _pairs(scope):
        params.setdefault(name, []).append(value)
    return dependencies(scope["path"], params)


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
    """Serve stored answers of read endpoints while no change affected them."""

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
        state = cache.state
        try:
            # A stored answer needs a fresh observation; a new one is tagged with the epoch
            # it starts in (a change it misses comes in a later epoch).
            epoch = (
                await state.current(cache.staleness_s)
                if stored is not None or state.position is None
                else state.epoch
            )
        except GraphError as e:
            cache.bypassed += 1
            log.warning("read cache bypassed: the graph could not be observed: %s", e)
            await self.app(scope, receive, send)  # the endpoint reports Neo4j's state
            return
        entry = cache.responses.get(key, state.valid) if stored is not None else None
        if entry is not None:
            await _replay(entry, send)
            return
        if stored is None:
            cache.responses.misses += 1
        recorder = _recording(send, cache, key, epoch, _groups(scope))
        await self.app(scope, receive, recorder)


async def _replay(entry: Entry, send: Send) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [*entry.headers, (b"x-cache", b"hit")],
        }
    )
    await send({"type": "http.response.body", "body": entry.body})


def _recording(send: Send, cache: ReadCache, key: str, epoch: int, groups: Groups) -> Send:
    """``send`` that also stores a complete 200 JSON answer sent in one body message (unless
    a change seen while it was computed already expired it)."""
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
                entry = Entry(epoch, groups, state["headers"], message.get("body", b""))
                if cache.state.valid(entry):
                    cache.responses.put(key, entry)
        await send(message)

    return recording_send
