"""The runner of ``POST /articles/batch`` jobs, over the durable ``api.jobstore``.

One worker thread runs the jobs one after another (extraction is CPU-bound and this machine
has few cores), ``BATCH_STEP`` articles at a time; at most ``max_pending`` jobs wait, and the
last ``keep`` finished jobs are remembered for ``GET /jobs/{id}``. Jobs survive a restart:
the runner resumes every unfinished job at start.

A bad item never sinks a batch: when a step fails, its articles are run one by one and the
ones that still fail are recorded with their error while the others are loaded. While Neo4j
is unreachable the job waits and tries again (its items stay pending).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

from api.jobstore import ItemFailure, Job, JobStore, NewItem, Outcome, PendingItem
from graph import GraphUnavailable
from ingest.readers import ReadItem
from ontology.model import Article

__all__ = ["BATCH_STEP", "ItemFailure", "Job", "JobRunner", "Process"]

log = logging.getLogger(__name__)

#: Articles extracted and written together in one step of a job.
BATCH_STEP = 16
#: How long a shutdown waits for the step in progress (it is redone at the next start).
SHUTDOWN_WAIT_S = 5.0
#: Extract and load articles; one outcome per article, in order (``position`` ignored).
Process = Callable[[list[Article]], list[Outcome]]


class JobRunner:
    def __init__(
        self,
        store: JobStore,
        process: Process,
        *,
        max_pending: int = 8,
        keep: int = 200,
        retry_s: float = 5.0,
    ) -> None:
        self.store = store
        self._process = process
        self._max_pending = max_pending
        self._keep = keep
        self._retry_s = retry_s
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="dekg-jobs", daemon=True)

    def start(self) -> None:
        """Start the worker; it first resumes the jobs a previous process left unfinished."""
        self._thread.start()

    def submit(self, items: Sequence[ReadItem]) -> Job:
        """Store a job durably and queue it; raises ``Busy`` when ``max_pending`` jobs wait."""
        job_id = self.store.add(
            [_new_item(i) for i in items], max_pending=self._max_pending, keep=self._keep
        )
        self._wake.set()
        return self.store.get(job_id)

    def get(self, job_id: str) -> Job:
        return self.store.get(job_id)

    def shutdown(self) -> None:
        """Stop after the current step (waiting a few seconds for it); unfinished jobs resume
        at the next start."""
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout=SHUTDOWN_WAIT_S)

    def _loop(self) -> None:
        while not self._stop.is_set():
            jobs = self.store.unfinished()
            if not jobs:
                self._wake.wait(timeout=5)
                self._wake.clear()
                continue
            for job_id in jobs:
                if self._stop.is_set() or not self._run(job_id):
                    break

    def _run(self, job_id: str) -> bool:
        """Run a job to its end; False when it must wait (Neo4j unreachable, stopping)."""
        self.store.set_status(job_id, "running")
        try:
            while not self._stop.is_set():
                step = self.store.pending(job_id, BATCH_STEP)
                if not step:
                    self.store.set_status(job_id, "done")
                    return True
                self.store.record(job_id, self._step(step))
            return False
        except GraphUnavailable as e:
            log.warning("job %s waits for Neo4j (%s); retrying in %g s", job_id, e, self._retry_s)
            self._stop.wait(self._retry_s)
            return False
        except Exception as e:
            log.exception("job %s failed", job_id)
            self.store.set_status(job_id, "failed", f"{type(e).__name__}: {e}")
            return True

    def _step(self, step: list[PendingItem]) -> list[Outcome]:
        articles = [Article.model_validate_json(i.payload) for i in step]
        try:
            return _placed(step, self._process(articles))
        except GraphUnavailable:
            raise
        except Exception as e:  # noqa: BLE001 - one bad article: run them one by one
            log.warning("a step of %d articles failed (%s); running them one by one", len(step), e)
        outcomes = []
        for item, article in zip(step, articles, strict=True):
            try:
                outcomes += _placed([item], self._process([article]))
            except GraphUnavailable:
                raise
            except Exception as e:  # noqa: BLE001 - recorded on the item
                outcomes.append(Outcome(item.position, "failed", 0, str(e), type(e).__name__))
        return outcomes


def _placed(step: list[PendingItem], outcomes: list[Outcome]) -> list[Outcome]:
    if len(outcomes) != len(step):
        raise RuntimeError(f"{len(outcomes)} outcomes for {len(step)} articles")
    return [
        Outcome(item.position, o.state, o.events, o.error, o.error_kind)
        for item, o in zip(step, outcomes, strict=True)
    ]


def _new_item(item: ReadItem) -> NewItem:
    if item.error is not None or item.article is None:
        error = item.error or ValueError("no article")
        return NewItem(item.label, error=str(error), error_kind=type(error).__name__)
    return NewItem(item.label, payload=item.article.model_dump_json())
