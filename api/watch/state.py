"""What the watcher remembers per feed (validators, last poll, counts), in the queue's SQLite
file so that a restart resumes with conditional GETs and the right cadence."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from api.queue import QueueError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    last_poll TEXT,
    last_status TEXT,
    last_error TEXT,
    last_new INTEGER NOT NULL DEFAULT 0,
    total_new INTEGER NOT NULL DEFAULT 0,
    polls INTEGER NOT NULL DEFAULT 0,
    not_modified INTEGER NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0,
    next_due REAL NOT NULL DEFAULT 0
)
"""


@dataclass(frozen=True, slots=True)
class FeedState:
    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_poll: str | None = None
    last_status: str | None = None
    last_error: str | None = None
    last_new: int = 0
    total_new: int = 0
    polls: int = 0
    not_modified: int = 0
    failures: int = 0  # consecutive failed polls (for the backoff)
    next_due: float = 0.0  # unix time

    def polled(
        self, status: str, *, new: int = 0, error: str | None = None, **changes: Any
    ) -> FeedState:
        """The state after a poll that ended with ``status`` (``200``, ``304``, ``error``)."""
        return replace(
            self,
            last_poll=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            last_status=status,
            last_error=error,
            last_new=new,
            total_new=self.total_new + new,
            polls=self.polls + 1,
            not_modified=self.not_modified + (status == "304"),
            failures=self.failures + 1 if status == "error" else 0,
            **changes,
        )


class FeedStore:
    """Feed states in SQLite (thread-safe within one process)."""

    def __init__(self, path: Path) -> None:
        self._lock = threading.Lock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(_SCHEMA)
        except sqlite3.Error as e:
            raise QueueError(f"cannot open the feed store {path}: {e}") from e

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def get(self, url: str) -> FeedState:
        with self._lock:
            cursor = self._db.execute("SELECT * FROM feeds WHERE url = ?", (url,))
            row = cursor.fetchone()
            names = [c[0] for c in cursor.description]
        return FeedState(**dict(zip(names, row, strict=True))) if row else FeedState(url)

    def save(self, state: FeedState) -> None:
        values = asdict(state)
        names = ", ".join(values)
        marks = ", ".join("?" * len(values))
        with self._lock:
            self._db.execute(
                f"INSERT OR REPLACE INTO feeds ({names}) VALUES ({marks})", tuple(values.values())
            )

    def all(self) -> list[FeedState]:
        with self._lock:
            cursor = self._db.execute("SELECT * FROM feeds ORDER BY url")
            names = [c[0] for c in cursor.description]
            rows = cursor.fetchall()
        return [FeedState(**dict(zip(names, row, strict=True))) for row in rows]
