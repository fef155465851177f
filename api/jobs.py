"""A small in-process runner for ``POST /articles/batch``: bounded queue, progress by id.

One worker thread runs the jobs one after another (extraction is CPU-bound and this machine
has few cores); at most ``max_pending`` jobs wait, and the last ``keep`` jobs are remembered
for ``GET /jobs/{id}``. Jobs do not survive a restart.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Literal

from api.errors import Busy, JobNotFound
from ontology.outcome import ItemError as ItemFailure

log = logging.getLogger(__name__)

Status = Literal["queued", "running", "done", "failed"]


@dataclass(slots=True)
class Job:
    """Progress of one batch; updated by the worker thread under the runner's lock."""

    id: str
    total: int
    status: Status = "queued"
    processed: int = 0
    written: int = 0
    unchanged: int = 0
    failed: int = 0
    events: int = 0
    errors: list[ItemFailure] = field(default_factory=list)
    created: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    finished: dt.datetime | None = None
    message: str | None = None


@dataclass(frozen=True, slots=True)
class Progress:
    """What one step of a job did (added to the job's counts)."""

    processed: int = 0
    written: int = 0
    unchanged: int = 0
    events: int = 0
    errors: tuple[ItemFailure, ...] = ()


#: A job's work: called with a callback that records progress as the work goes.
Work = Callable[[Callable[[Progress], None]], None]


class JobRunner:
    def __init__(self, *, max_pending: int = 8, keep: int = 200) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dekg-job")
        self._lock = threading.Lock()
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._max_pending = max_pending
        self._keep = keep

    def submit(self, total: int, work: Work) -> Job:
        """Queue ``work``; raises ``Busy`` when ``max_pending`` jobs already wait."""
        with self._lock:
            waiting = sum(1 for j in self._jobs.values() if j.status in ("queued", "running"))
            if waiting >= self._max_pending:
                raise Busy(f"{waiting} batch jobs are waiting or running; try again later")
            job = Job(id=uuid.uuid4().hex, total=total)
            self._jobs[job.id] = job
            while len(self._jobs) > self._keep:
                self._jobs.popitem(last=False)
        self._pool.submit(self._run, job, work)
        return job

    def get(self, job_id: str) -> Job:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                raise JobNotFound(f"no job with id {job_id!r}")
            return _copy(job)

    def _record(self, job: Job, step: Progress) -> None:
        with self._lock:
            job.processed += step.processed
            job.written += step.written
            job.unchanged += step.unchanged
            job.events += step.events
            job.failed += len(step.errors)
            job.errors.extend(step.errors)

    def _run(self, job: Job, work: Work) -> None:
        with self._lock:
            job.status = "running"
        status: Status = "done"
        message = None
        try:
            work(lambda step: self._record(job, step))
        except Exception as e:  # noqa: BLE001 - a job's failure is reported on the job
            log.warning("job %s failed: %s", job.id, e)
            status, message = "failed", f"{type(e).__name__}: {e}"
        with self._lock:
            job.status = status
            job.message = message
            job.finished = dt.datetime.now(dt.UTC)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def _copy(job: Job) -> Job:
    return Job(
        id=job.id,
        total=job.total,
        status=job.status,
        processed=job.processed,
        written=job.written,
        unchanged=job.unchanged,
        failed=job.failed,
        events=job.events,
        errors=list(job.errors),
        created=job.created,
        finished=job.finished,
        message=job.message,
    )
