"""Concurrent reads of one kind answered by one query: ``Coalescer``.

Under load most of a read's cost is fixed per query, not per row: the thread hand-off, the
driver's session and messages, Neo4j's transaction and plan lookup (measured in
``docs/decisions/0007-read-path.md``). A route that can read many keys in one statement
(``graph.read.actors.stored_counterparts``, ``graph.read.events.events_pages``) asks the
worker's coalescer for its key instead: the keys asked while the group's previous reads are
still running go into the next read together, in one thread hop and one round trip. A
request never waits for a timer: when nothing runs, its read starts on the next turn of the
event loop (joined by whatever arrived in the same turn), so one client alone sees the latency
it had; 50 clients share the fixed cost. Each key's answer is what it would be alone: the
read starts after the request arrived and its query reads each key on its own.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable, Hashable, Mapping
from typing import Annotated, Any

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

#: Reads of one group running at once (in the thread pool); the keys asked meanwhile wait
#: for the next.
MAX_INFLIGHT = 3
#: Most keys in one read.
MAX_BATCH = 16

Fetch = Callable[[list[Any]], Mapping[Any, Any]]


class Coalescer:
    """Groups of reads; a group is a key of the caller's (the query's shape and options).

    Used from the event loop only (no locking); the reads run in the thread pool.
    """

    def __init__(self, max_inflight: int = MAX_INFLIGHT, max_batch: int = MAX_BATCH) -> None:
        self.max_inflight = max_inflight
        self.max_batch = max_batch
        self._waiting: dict[Hashable, dict[Hashable, asyncio.Future[Any]]] = {}
        self._fetch: dict[Hashable, Fetch] = {}
        self._running: Counter[Hashable] = Counter()
        self._tasks: set[asyncio.Future[None]] = set()
        #: Reads run and keys read (``keys / reads``: the mean batch).
        self.reads = 0
        self.keys = 0

    async def get(self, group: Hashable, key: Hashable, fetch: Fetch) -> Any:
        """The answer for ``key`` (``None`` when ``fetch`` gives none), read by
        ``fetch(keys)`` together with the keys of ``group`` asked meanwhile.

        ``fetch`` blocks (it runs in the thread pool) and returns answers by key; the same
        group always gets the same kind of ``fetch``. Its exception goes to every request of
        the read.
        """
        waiting = self._waiting.setdefault(group, {})
        future = waiting.get(key)
        if future is None:
            future = waiting[key] = asyncio.get_running_loop().create_future()
            self._fetch[group] = fetch
            if self._running[group] < self.max_inflight and len(waiting) == 1:
                asyncio.get_running_loop().call_soon(self._start, group)
        # A request that goes away (client closed) leaves the answer to the others.
        return await asyncio.shield(future)

    def _start(self, group: Hashable) -> None:
        waiting = self._waiting.get(group, {})
        while waiting and self._running[group] < self.max_inflight:
            keys = list(waiting)[: self.max_batch]
            futures = {k: waiting.pop(k) for k in keys}
            self._running[group] += 1
            self.reads += 1
            self.keys += len(keys)
            task = asyncio.ensure_future(self._read(group, futures, self._fetch[group]))
            self._tasks.add(task)  # held until done (the loop keeps only weak references)
            task.add_done_callback(self._tasks.discard)

    async def _read(
        self, group: Hashable, futures: dict[Hashable, asyncio.Future[Any]], fetch: Fetch
    ) -> None:
        try:
            found = await run_in_threadpool(fetch, list(futures))
        except Exception as e:  # noqa: BLE001 - not swallowed: every request of the read raises it
            for future in futures.values():
                if not future.done():
                    future.set_exception(e)
                    future.exception()  # retrieved: a waiter that went away logs nothing
        else:
            for key, future in futures.items():
                if not future.done():
                    future.set_result(found.get(key))
        finally:
            self._running[group] -= 1
            self._start(group)


async def get_coalescer(request: Request) -> Coalescer:
    """The worker's coalescer (one per app, made on first use)."""
    state = request.app.state
    coalescer: Coalescer | None = getattr(state, "coalescer", None)
    if coalescer is None:
        coalescer = state.coalescer = Coalescer()
    return coalescer


CoalescerDep = Annotated[Coalescer, Depends(get_coalescer)]
