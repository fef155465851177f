"""Fault test: ``kill -9`` of the API in the middle of a batch job; after a restart the job
completes, every article is in the graph once, and ``GET /jobs/{id}`` answers throughout."""

from __future__ import annotations

import json
import time
from pathlib import Path

import httpx
import neo4j
import pytest

from api.settings import Settings
from tests.api.conftest import closed_port
from tests.api.server_process import settings_env, start_server

pytestmark = [pytest.mark.neo4j, pytest.mark.model]

TOTAL = 64
COUNTRIES = ["Russia", "Ukraine", "France", "Germany", "China", "Japan", "Turkey", "Iran"]


def _batch() -> bytes:
    lines = []
    for i in range(TOTAL):
        a, b = COUNTRIES[i % 8], COUNTRIES[(i + 3) % 8]
        text = (
            f"{a} accused {b} of provocations on Thursday, report {i}. "
            f"The foreign minister of {a} met his counterpart from {b} in Geneva on Friday."
        )
        lines.append(json.dumps({"id": f"crash-{i}", "published": "2021-12-02", "text": text}))
    return "\n".join(lines).encode()


def _job(url: str, job_id: str) -> dict[str, object]:
    response = httpx.get(f"{url}/jobs/{job_id}", timeout=10)
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def test_kill_9_in_the_middle_of_a_batch_then_the_job_completes(
    neo4j_clean: neo4j.Driver, api_settings: Settings, api_key: str, tmp_path: Path
) -> None:
    settings = api_settings.model_copy(update={"data_dir": tmp_path / "data"})
    env = settings_env(settings)
    port = closed_port()
    server = start_server(env, port, tmp_path / "serve-1.log")
    try:
        response = httpx.post(
            server.url + "/articles/batch",
            content=_batch(),
            headers={"Content-Type": "application/x-ndjson", "X-API-Key": api_key},
            timeout=60,
        )
        assert response.status_code == 202, response.text
        job_id = response.json()["id"]
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            processed = int(_job(server.url, job_id)["processed"])  # type: ignore[call-overload]
            if processed > 0:
                break
            time.sleep(0.05)
        server.kill()
    finally:
        server.kill()
    assert 0 < processed < TOTAL, f"killed at {processed} of {TOTAL}: not in the middle"

    restarted = start_server(env, port, tmp_path / "serve-2.log")
    try:
        assert _job(restarted.url, job_id)["total"] == TOTAL  # answers after the restart
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            job = _job(restarted.url, job_id)
            if job["status"] in ("done", "failed"):
                break
            time.sleep(0.2)
    finally:
        restarted.stop()
    assert job["status"] == "done", job
    assert (job["processed"], job["failed"]) == (TOTAL, 0), job
    assert int(job["written"]) + int(job["unchanged"]) == TOTAL  # type: ignore[call-overload]
    records, _, _ = neo4j_clean.execute_query(
        "MATCH (a:Article) WHERE a.id STARTS WITH 'crash-' RETURN count(a) AS n, "
        "count(DISTINCT a.id) AS ids"
    )
    assert (records[0]["n"], records[0]["ids"]) == (TOTAL, TOTAL)
