"""The console's own guards: who may call ``POST /cypher`` and how many queries run at once.

* :func:`require_read_key`: a read key (``DEKG_READ_KEYS``) or any write key
  (``DEKG_API_KEYS``), unless ``DEKG_CYPHER_OPEN=true``.
* :class:`ConsoleLimiter`: at most ``DEKG_CYPHER_CONCURRENCY`` console queries per worker
  process, in threads of their own; one more is refused at once with 429 and ``Retry-After``
  instead of waiting, so slow console queries never hold the threads of the other endpoints.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import TypeVar

import anyio
from anyio import CapacityLimiter, to_thread
from fastapi import Depends, Request

from api.deps import SettingsDep, presented_key
from api.errors import Forbidden, TooManyRequests, Unauthorized

T = TypeVar("T")
#: Seconds a client is told to wait when every console slot is taken.
RETRY_AFTER_S = 2


async def require_read_key(request: Request, settings: SettingsDep) -> None:
    """Refuse a console query without a read or write key (unless the console is open).

    Raises:
        Forbidden: no key is configured at all (the console is off).
        Unauthorized: the key is missing or unknown.
    """
    if settings.cypher_open:
        return
    keys = [*settings.read_keys, *settings.api_keys]
    if not keys:
        raise Forbidden(
            "the Cypher console is off: set DEKG_READ_KEYS (or DEKG_API_KEYS) and send a key "
            "as X-API-Key or Authorization: Bearer, or set DEKG_CYPHER_OPEN=true"
        )
    key = presented_key(request)
    if key is None:
        raise Unauthorized("the Cypher console needs a key: send X-API-Key or Authorization")
    given = key.encode("utf-8", "surrogateescape")
    if not any(secrets.compare_digest(given, k.get_secret_value().encode()) for k in keys):
        raise Unauthorized("unknown API key")


ReadAuth = Depends(require_read_key)


class ConsoleLimiter:
    """A bounded number of console queries at once, each in a thread of the limiter."""

    def __init__(self, slots: int) -> None:
        self._limiter = CapacityLimiter(slots)
        # Threads for admitted queries only (never more than ``slots``): not the default pool.
        self._threads = CapacityLimiter(slots)

    @property
    def slots(self) -> int:
        return int(self._limiter.total_tokens)

    @property
    def busy(self) -> int:
        return int(self._limiter.borrowed_tokens)

    async def run(self, fn: Callable[[], T]) -> T:
        """``fn()`` in a console thread; 429 at once when every slot is taken."""
        try:
            self._limiter.acquire_nowait()
        except anyio.WouldBlock:
            raise TooManyRequests(
                f"{self.slots} console queries are already running in this worker; "
                f"try again in {RETRY_AFTER_S} s",
                retry_after=RETRY_AFTER_S,
            ) from None
        try:
            return await to_thread.run_sync(fn, limiter=self._threads)
        finally:
            self._limiter.release()
