"""Polite HTTP for the watcher: per-host concurrency and rate limits, retries with backoff."""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

import httpx

from api import ApiError
from api.watch.urls import host_of

#: Statuses worth another try later (the server is busy or briefly broken).
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
USER_AGENT = "dekg-watch/0.1 (+https://github.com/dekg; diplomatic event research)"


class FetchError(ApiError):
    """A URL could not be fetched (after the retries)."""


@dataclass(frozen=True, slots=True)
class Politeness:
    """Per host: at most ``concurrency`` requests at once and ``rate`` request starts per
    second; ``attempts`` tries per URL, waiting ``backoff`` × 2^n seconds between them (or the
    server's ``Retry-After``, at most ``max_backoff``)."""

    concurrency: int = 2
    rate: float = 1.0
    attempts: int = 3
    backoff: float = 1.0
    max_backoff: float = 60.0
    timeout: float = 20.0


class _Host:
    def __init__(self, concurrency: int) -> None:
        self.slots = threading.BoundedSemaphore(concurrency)
        self.lock = threading.Lock()
        self.next_start = 0.0


class PoliteClient:
    """An ``httpx.Client`` that keeps to :class:`Politeness` for every host it talks to."""

    def __init__(self, politeness: Politeness | None = None) -> None:
        self.politeness = politeness or Politeness()
        self._client = httpx.Client(
            timeout=self.politeness.timeout,
            follow_redirects=True,
            headers={"User-Agent": USER_AGENT},
        )
        self._hosts: defaultdict[str, _Host] = defaultdict(
            lambda: _Host(self.politeness.concurrency)
        )
        self._hosts_lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def _host(self, url: str) -> _Host:
        with self._hosts_lock:
            return self._hosts[host_of(url)]

    def _wait_turn(self, host: _Host) -> None:
        interval = 1.0 / self.politeness.rate if self.politeness.rate > 0 else 0.0
        with host.lock:
            now = time.monotonic()
            start = max(now, host.next_start)
            host.next_start = start + interval
        if start > now:
            time.sleep(start - now)

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> httpx.Response:
        """GET ``url`` politely; a 2xx/3xx/4xx answer is returned, busy answers and network
        errors are retried.

        Raises:
            FetchError: still failing after ``attempts`` tries.
        """
        host = self._host(url)
        last = ""
        for attempt in range(self.politeness.attempts):
            if attempt:
                time.sleep(self._delay(attempt, last))
            with host.slots:
                self._wait_turn(host)
                try:
                    response = self._client.get(url, headers=dict(headers or {}))
                except httpx.HTTPError as e:
                    last = f"{type(e).__name__}: {e}"
                    continue
            if response.status_code not in RETRY_STATUSES:
                return response
            last = f"HTTP {response.status_code}"
            retry_after = response.headers.get("Retry-After", "")
            if retry_after.isdigit():
                last += f";retry-after={retry_after}"
        raise FetchError(f"{url}: {last} (after {self.politeness.attempts} attempts)")

    def _delay(self, attempt: int, last: str) -> float:
        delay = self.politeness.backoff * 2 ** (attempt - 1)
        if ";retry-after=" in last:
            delay = max(delay, float(last.rsplit("=", 1)[1]))
        return min(delay, self.politeness.max_backoff)
