"""The durable store of batch jobs: SQLite (stdlib), one file in ``DEKG_DATA_DIR``.

A job is written with all its items (each article as JSON, or the reason it could not be
read) in one transaction before ``POST /articles/batch`` answers 202; each step of the
worker records its items' outcomes and the job's counts in one transaction. After a crash
or a restart the runner resumes every job that is not finished, from its first pending item
(an item loaded into Neo4j just before a crash is loaded again: the writer makes that a
no-op, counted ``unchanged``). See docs/decisions/0009-job-store.md.

The tables are a queue of items grouped by job, not tied to HTTP: a feed watcher can add
its entries as jobs in the same way.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from api.errors import Busy, JobNotFound
from ontology.outcome import ItemCounts

Status = Literal["queued", "running", "done", "failed"]
ItemState = Literal["pending", "written", "unchanged", "failed"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    total INTEGER NOT NULL,
    processed INTEGER NOT NULL DEFAULT 0,
    written INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    events INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL,
    finished TEXT,
    message TEXT
);
CREATE TABLE IF NOT EXISTS items (
    job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    label TEXT NOT NULL,
    payload TEXT,
    state TEXT NOT NULL,
    error TEXT,
    error_kind TEXT,
    PRIMARY KEY (job_id, position)
);
CREATE INDEX IF NOT EXISTS items_pending ON items(job_id, state, position);
"""


@dataclass(frozen=True, slots=True)
class ItemFailure:
    item: str
    error: str
    kind: str | None


@dataclass(slots=True)
class Job(ItemCounts):
    id: str
    total: int
    status: Status = "queued"
    processed: int = 0
    errors: list[ItemFailure] = field(default_factory=list)
    created: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    finished: dt.datetime | None = None
    message: str | None = None


@dataclass(frozen=True, slots=True)
class NewItem:
    """An item of a new job: the article as JSON, or why it could not be read."""

    label: str
    payload: str | None = None
    error: str | None = None
    error_kind: str | None = None


@dataclass(frozen=True, slots=True)
class PendingItem:
    position: int
    label: str
    payload: str


@dataclass(frozen=True, slots=True)
class Outcome:
    position: int
    state: ItemState
    events: int = 0
    error: str | None = None
    error_kind: str | None = None


class JobStore:
    """Jobs and their items in one SQLite file; safe to call from several threads."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        db = sqlite3.connect(path, timeout=30)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)
        finally:
            db.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            try:
                db.execute("PRAGMA synchronous=FULL")  # committed means on disk
                db.execute("PRAGMA foreign_keys=ON")
                db.execute("BEGIN IMMEDIATE")
                try:
                    yield db
                except BaseException:
                    db.execute("ROLLBACK")
                    raise
                db.execute("COMMIT")
            finally:
                db.close()

    def add(self, items: Sequence[NewItem], *, max_pending: int, keep: int) -> str:
        """Store a new job and all its items durably; its id.

        Raises:
            Busy: ``max_pending`` jobs are already queued or running.
        """
        job_id = uuid.uuid4().hex
        bad = sum(1 for i in items if i.payload is None)
        now = _now()
        with self._tx() as db:
            (waiting,) = db.execute(
                "SELECT count(*) FROM jobs WHERE status IN ('queued', 'running')"
            ).fetchone()
            if waiting >= max_pending:
                raise Busy(f"{waiting} batch jobs are waiting or running; try again later")
            db.execute(
                "INSERT INTO jobs (id, status, total, processed, failed, created) "
                "VALUES (?, 'queued', ?, ?, ?, ?)",
                (job_id, len(items), bad, bad, now),
            )
            db.executemany(
                "INSERT INTO items (job_id, position, label, payload, state, error, error_kind) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        job_id,
                        n,
                        i.label,
                        i.payload,
                        "pending" if i.payload is not None else "failed",
                        i.error,
                        i.error_kind,
                    )
                    for n, i in enumerate(items)
                ],
            )
            db.execute(
                "DELETE FROM jobs WHERE id IN (SELECT id FROM jobs "
                "WHERE status IN ('done', 'failed') ORDER BY created DESC LIMIT -1 OFFSET ?)",
                (keep,),
            )
        return job_id

    def get(self, job_id: str) -> Job:
        with self._tx() as db:
            row = db.execute(
                "SELECT id, total, status, processed, written, unchanged, failed, events, "
                "created, finished, message FROM jobs WHERE id = ?",
                (job_id,),
            ).fetchone()
            if row is None:
                raise JobNotFound(f"no job with id {job_id!r}")
            errors = db.execute(
                "SELECT label, error, error_kind FROM items "
                "WHERE job_id = ? AND state = 'failed' ORDER BY position",
                (job_id,),
            ).fetchall()
        return Job(
            id=row[0],
            total=row[1],
            status=row[2],
            processed=row[3],
            written=row[4],
            unchanged=row[5],
            failed=row[6],
            events=row[7],
            errors=[ItemFailure(label, error or "failed", kind) for label, error, kind in errors],
            created=dt.datetime.fromisoformat(row[8]),
            finished=dt.datetime.fromisoformat(row[9]) if row[9] else None,
            message=row[10],
        )

    def unfinished(self) -> list[str]:
        """Ids of the jobs still to run, oldest first."""
        with self._tx() as db:
            rows = db.execute(
                "SELECT id FROM jobs WHERE status IN ('queued', 'running') ORDER BY created, id"
            ).fetchall()
        return [r[0] for r in rows]

    def pending(self, job_id: str, limit: int) -> list[PendingItem]:
        with self._tx() as db:
            rows = db.execute(
                "SELECT position, label, payload FROM items "
                "WHERE job_id = ? AND state = 'pending' ORDER BY position LIMIT ?",
                (job_id, limit),
            ).fetchall()
        return [PendingItem(*r) for r in rows]

    def set_status(self, job_id: str, status: Status, message: str | None = None) -> None:
        finished = _now() if status in ("done", "failed") else None
        with self._tx() as db:
            db.execute(
                "UPDATE jobs SET status = ?, message = ?, finished = ? WHERE id = ?",
                (status, message, finished, job_id),
            )

    def record(self, job_id: str, outcomes: Sequence[Outcome]) -> None:
        """The outcomes of one step and the job's counts, in one transaction."""
        with self._tx() as db:
            for o in outcomes:
                changed = db.execute(
                    "UPDATE items SET state = ?, error = ?, error_kind = ? "
                    "WHERE job_id = ? AND position = ? AND state = 'pending'",
                    (o.state, o.error, o.error_kind, job_id, o.position),
                ).rowcount
                if not changed:
                    continue
                db.execute(
                    "UPDATE jobs SET processed = processed + 1, "
                    "written = written + ?, unchanged = unchanged + ?, failed = failed + ?, "
                    "events = events + ? WHERE id = ?",
                    (
                        o.state == "written",
                        o.state == "unchanged",
                        o.state == "failed",
                        o.events,
                        job_id,
                    ),
                )


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()
