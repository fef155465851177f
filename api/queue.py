"""The durable, bounded queue between fetching/accepting articles and extracting them.

An embedded SQLite database (WAL, one file, e.g. ``DEKG_DATA_DIR/queue.sqlite``): accepted
work survives a restart of the process, and is processed exactly once in effect — an item
claimed but not finished when the process died is handed out again on the next start, and
the writer's content hash makes the second write a no-op. De-duplication keys (canonical
URL, content hash) are kept for every item ever accepted, so an article seen before is never
queued twice, across restarts. The queue is bounded: ``put`` refuses (``QueueFull``) when
``max_items`` are waiting, ``wait_for_room`` lets a producer slow down until there is room.

Tables (the store is meant to be shared with the batch job store, see
docs/decisions/0012-queue.md): ``queue_items`` (id, state, payload, attempts, error, times),
``queue_keys`` (key → item id); the names stay clear of the job store's ``jobs``/``items``.

Example:
    >>> q = DurableQueue(path)  # doctest: +SKIP
    >>> q.put(article, keys=["url:https://example.org/a"])  # doctest: +SKIP
    >>> for item in q.claim(32): ...; q.done([item.id])  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from api import ApiError
from ontology.model import Article

_SCHEMA = """
CREATE TABLE IF NOT EXISTS queue_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
    source TEXT,
    payload TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    enqueued_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS queue_items_state ON queue_items (state, id);
CREATE TABLE IF NOT EXISTS queue_keys (
    key TEXT PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES queue_items (id)
);
"""


class QueueError(ApiError):
    """The queue store cannot be opened or written."""


class QueueFull(QueueError):
    """``max_items`` items are waiting; try again later (backpressure)."""


@dataclass(frozen=True, slots=True)
class QueuedItem:
    id: int
    article: Article
    source: str | None
    attempts: int


@dataclass(frozen=True, slots=True)
class QueueCounts:
    queued: int
    running: int
    done: int
    failed: int


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


class DurableQueue:
    """A bounded FIFO of articles in SQLite, safe to share between threads of one process.

    Args:
        path: the database file (created with its directory).
        max_items: how many items may wait (queued or running) before ``put`` refuses.
        max_attempts: claims of one item before it is marked failed (a poison item stops
            coming back).
    """

    def __init__(self, path: Path, *, max_items: int = 10_000, max_attempts: int = 3) -> None:
        if max_items < 1:
            raise ValueError("max_items must be at least 1")
        self.path = path
        self.max_items = max_items
        self.max_attempts = max_attempts
        self._lock = threading.Lock()
        self._room = threading.Condition(self._lock)
        self._interrupted = False
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.executescript(_SCHEMA)
            # Claimed by a process that died: handed out again (its write is idempotent).
            self._db.execute("UPDATE queue_items SET state = 'queued' WHERE state = 'running'")
        except sqlite3.Error as e:
            raise QueueError(f"cannot open the queue {path}: {e}") from e

    def interrupt(self) -> None:
        """Wake every producer waiting for room, now and from now on (shutting down: the
        consumer has stopped, so room would never come and the shutdown would wait out
        ``wait_for_room``'s timeout)."""
        with self._room:
            self._interrupted = True
            self._room.notify_all()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextlib.contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """One immediate (write-locked) transaction, under the process lock."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        except sqlite3.Error as e:
            raise QueueError(f"queue {self.path}: {e}") from e

    def _waiting(self) -> int:
        row = self._db.execute(
            "SELECT count(*) FROM queue_items WHERE state IN ('queued', 'running')"
        ).fetchone()
        return int(row[0])

    def seen(self, key: str) -> bool:
        """Whether an item with this de-duplication key was ever accepted."""
        with self._lock:
            row = self._db.execute("SELECT 1 FROM queue_keys WHERE key = ?", (key,)).fetchone()
        return row is not None

    def put(self, article: Article, keys: Sequence[str] = (), source: str | None = None) -> bool:
        """Queue ``article`` unless one of ``keys`` was seen before.

        Returns:
            True when queued, False when it is a duplicate.

        Raises:
            QueueFull: ``max_items`` are waiting (nothing was written).
        """
        with self._lock, self._tx() as db:
            marks = ",".join("?" * len(keys))
            if (
                keys
                and db.execute(
                    f"SELECT 1 FROM queue_keys WHERE key IN ({marks})", tuple(keys)
                ).fetchone()
            ):
                return False
            if self._waiting() >= self.max_items:
                raise QueueFull(f"{self.max_items} articles are waiting for extraction")
            now = _now()
            cursor = db.execute(
                "INSERT INTO queue_items (state, source, payload, enqueued_at, updated_at) "
                "VALUES ('queued', ?, ?, ?, ?)",
                (source, article.model_dump_json(), now, now),
            )
            db.executemany(
                "INSERT OR IGNORE INTO queue_keys (key, item_id) VALUES (?, ?)",
                [(k, cursor.lastrowid) for k in dict.fromkeys(keys)],
            )
            return True

    def wait_for_room(self, timeout: float) -> bool:
        """Block until fewer than ``max_items`` wait, or ``timeout`` seconds pass, or
        :meth:`interrupt` is called (then False: the caller gives up, nothing was queued)."""
        deadline = time.monotonic() + timeout
        with self._room:
            while self._waiting() >= self.max_items:
                left = deadline - time.monotonic()
                if left <= 0 or self._interrupted:
                    return False
                self._room.wait(min(left, 1.0))
        return True

    def claim(self, limit: int) -> list[QueuedItem]:
        """Up to ``limit`` of the oldest queued items, now marked running."""
        with self._lock, self._tx() as db:
            rows = db.execute(
                "SELECT id, payload, source, attempts FROM queue_items WHERE state = 'queued' "
                "ORDER BY id LIMIT ?",
                (limit,),
            ).fetchall()
            now = _now()
            items = []
            for ident, payload, source, attempts in rows:
                if attempts >= self.max_attempts:
                    db.execute(
                        "UPDATE queue_items SET state = 'failed', updated_at = ?, "
                        "error = coalesce(error, 'gave up after repeated claims') WHERE id = ?",
                        (now, ident),
                    )
                    continue
                db.execute(
                    "UPDATE queue_items SET state = 'running', attempts = attempts + 1, "
                    "updated_at = ? WHERE id = ?",
                    (now, ident),
                )
                article = Article.model_validate_json(payload)
                items.append(QueuedItem(ident, article, source, attempts + 1))
            return items

    def done(self, ids: Sequence[int]) -> None:
        self._finish(ids, "done", None)

    def fail(self, ident: int, error: str) -> None:
        self._finish([ident], "failed", error)

    def release(self, ids: Sequence[int]) -> None:
        """Put claimed items back (e.g. the database was unreachable): they are retried, and
        the claim does not count as an attempt."""
        self._finish(ids, "queued", None)
        with self._lock, self._tx() as db:
            db.executemany(
                "UPDATE queue_items SET attempts = max(attempts - 1, 0) WHERE id = ?",
                [(i,) for i in ids],
            )

    def _finish(self, ids: Sequence[int], state: str, error: str | None) -> None:
        if not ids:
            return
        with self._room, self._tx() as db:
            db.executemany(
                "UPDATE queue_items SET state = ?, error = ?, updated_at = ? WHERE id = ?",
                [(state, error, _now(), i) for i in ids],
            )
            self._room.notify_all()

    def counts(self) -> QueueCounts:
        with self._lock:
            query = "SELECT state, count(*) FROM queue_items GROUP BY state"
            rows = dict(self._db.execute(query).fetchall())
        return QueueCounts(
            rows.get("queued", 0),
            rows.get("running", 0),
            rows.get("done", 0),
            rows.get("failed", 0),
        )
