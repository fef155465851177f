"""The durable job store and runner: nothing accepted is lost, a bad item never sinks a job."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from api.errors import Busy, JobNotFound
from api.jobs import JobRunner
from api.jobstore import JobStore, NewItem, Outcome
from graph import GraphUnavailable
from ingest.readers import ReadItem, read_bytes
from ontology.model import Article


def _items(n: int) -> list[ReadItem]:
    lines = [f'{{"id": "a{i}", "text": "Russia warned Ukraine, number {i}."}}' for i in range(n)]
    return read_bytes("\n".join(lines).encode(), kind="jsonl", name="batch")


def test_a_stored_job_survives_reopening_the_store(tmp_path: Path) -> None:
    store = JobStore(tmp_path / "jobs.sqlite3")
    job_id = store.add(
        [
            NewItem("x:1", payload='{"id": "a", "text": "t"}'),
            NewItem("x:2", error="bad", error_kind="E"),
        ],
        max_pending=8,
        keep=10,
    )
    store.record(job_id, [Outcome(0, "written", 3)])
    again = JobStore(tmp_path / "jobs.sqlite3")  # a new process opening the same file
    job = again.get(job_id)
    assert (job.total, job.processed, job.written, job.failed, job.events) == (2, 2, 1, 1, 3)
    assert [(e.item, e.error, e.kind) for e in job.errors] == [("x:2", "bad", "E")]
    again.record(job_id, [Outcome(0, "written", 3)])  # recorded twice: counted once
    assert again.get(job_id).written == 1
    with pytest.raises(JobNotFound):
        again.get("nothing")


def test_pending_jobs_are_bounded(tmp_path: Path) -> None:
    store = JobStore(tmp_path / "jobs.sqlite3")
    for _ in range(2):
        store.add([NewItem("x", payload="{}")], max_pending=2, keep=10)
    with pytest.raises(Busy):
        store.add([NewItem("x", payload="{}")], max_pending=2, keep=10)


def _wait(runner: JobRunner, job_id: str) -> str:
    for _ in range(200):
        job = runner.get(job_id)
        if job.status in ("done", "failed"):
            return job.status
        threading.Event().wait(0.05)
    return runner.get(job_id).status


def test_a_failing_article_fails_alone(tmp_path: Path) -> None:
    def process(articles: list[Article]) -> list[Outcome]:
        if any(a.id == "a3" for a in articles):
            raise UnicodeEncodeError("utf-8", "x", 0, 1, "surrogates not allowed")
        return [Outcome(0, "written", 1) for _ in articles]

    runner = JobRunner(JobStore(tmp_path / "jobs.sqlite3"), process)
    runner.start()
    try:
        job = runner.submit(_items(20))
        assert _wait(runner, job.id) == "done"
        done = runner.get(job.id)
        assert (done.processed, done.written, done.failed) == (20, 19, 1)
        assert done.errors[0].item == "batch:4" and done.errors[0].kind == "UnicodeEncodeError"
    finally:
        runner.shutdown()


def test_a_job_waits_for_neo4j_and_resumes_in_a_new_runner(tmp_path: Path) -> None:
    seen: list[str] = []
    down = threading.Event()
    down.set()

    def process(articles: list[Article]) -> list[Outcome]:
        if down.is_set() and len(seen) >= 16:
            raise GraphUnavailable("Neo4j is not reachable")
        seen.extend(a.id for a in articles)
        return [Outcome(0, "written", 0) for _ in articles]

    store = JobStore(tmp_path / "jobs.sqlite3")
    first = JobRunner(store, process, retry_s=0.05)
    first.start()
    job = first.submit(_items(40))
    for _ in range(100):
        if first.get(job.id).processed == 16:
            break
        threading.Event().wait(0.05)
    first.shutdown()
    assert first.get(job.id).status == "running" and first.get(job.id).processed == 16
    down.clear()  # Neo4j is back; a new process starts
    second = JobRunner(JobStore(tmp_path / "jobs.sqlite3"), process)
    second.start()
    try:
        assert _wait(second, job.id) == "done"
        assert second.get(job.id).written == 40
        assert sorted(seen) == sorted(f"a{i}" for i in range(40))  # each article once
    finally:
        second.shutdown()
