"""Fault test: ``kill -9`` of Neo4j in the middle of ``dekg ingest`` of 200 articles.

After a restart of the server and a second run of the same command, the graph equals the
graph of a clean run (the same node and relationship counts, the same ids) and no article is
half-written.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import neo4j
import pytest

from graph import queries

pytestmark = [pytest.mark.neo4j, pytest.mark.model]

TOTAL = 200
STATES = ["Russia", "Ukraine", "France", "Germany", "China", "Japan", "Turkey", "Iran", "India"]
VERBS = ["accused", "warned", "praised", "met", "criticized", "threatened", "thanked"]


def _corpus(path: Path) -> Path:
    lines = []
    for i in range(TOTAL):
        a, b = STATES[i % 9], STATES[(i * 4 + 1) % 9]
        verb = VERBS[i % 7]
        text = f"{a} {verb} {b} on Thursday in report {i}. Officials in {b} answered on Friday."
        day = f"2021-12-{1 + i % 28:02d}"
        lines.append(json.dumps({"id": f"kill-{i:03d}", "published": day, "text": text}))
    path.write_text("\n".join(lines) + "\n")
    return path


def _env(server: Any, tmp_path: Path) -> dict[str, str]:
    status, credentials = server.status(), server.credentials()
    return dict(
        os.environ,
        DEKG_NEO4J_URI=status.bolt_uri,
        DEKG_NEO4J_USER=credentials.user,
        DEKG_NEO4J_PASSWORD=credentials.password,
        DEKG_DATA_DIR=str(tmp_path / "data"),
    )


def _ingest(corpus: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    dekg = Path(sys.executable).with_name("dekg")
    return subprocess.Popen(
        [str(dekg), "ingest", str(corpus), "--batch-size", "20"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _driver(server: Any) -> neo4j.Driver:
    credentials = server.credentials()
    return neo4j.GraphDatabase.driver(
        server.status().bolt_uri, auth=(credentials.user, credentials.password)
    )


def _rows(driver: neo4j.Driver, query: str) -> list[dict[str, Any]]:
    return [r.data() for r in driver.execute_query(query, database_="neo4j").records]


def snapshot(driver: neo4j.Driver) -> dict[str, Any]:
    """The graph's content; the change log (one record per write transaction, graph.changes)
    is bookkeeping, and a run that was killed and resumed has written more of it."""
    return {
        "nodes": sorted(
            (r["labels"], r["id"])
            for r in _rows(
                driver,
                "MATCH (n) WHERE NOT n:GraphChange AND NOT n:GraphChangeLog "
                "RETURN apoc.coll.sort(labels(n)) AS labels, n.id AS id",
            )
        ),
        "relationships": sorted(
            (r["type"], r["a"], r["b"], r["n"])
            for r in _rows(
                driver,
                "MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS a, b.id AS b, "
                "coalesce(r.count, 1) AS n",
            )
        ),
    }


def assert_no_half_written_article(driver: neo4j.Driver) -> None:
    for row in _rows(
        driver,
        "MATCH (a:Article) RETURN a.id AS id, a.event_count AS expected, "
        "a.content_hash AS hash, a.ingesting AS ingesting, "
        "COUNT { ()-[:REPORTED_IN]->(a) } AS reports",
    ):
        assert row["hash"] is not None and row["ingesting"] is None, row
        assert row["reports"] == row["expected"], row


def _articles(driver: neo4j.Driver) -> int:
    try:
        return int(_rows(driver, "MATCH (a:Article) RETURN count(a) AS n")[0]["n"])
    except neo4j.exceptions.Neo4jError:
        return 0


def test_kill_9_neo4j_mid_ingest_then_rerun_equals_a_clean_run(
    own_server: Any, tmp_path: Path
) -> None:
    corpus = _corpus(tmp_path / "corpus.jsonl")
    env = _env(own_server, tmp_path)
    run = _ingest(corpus, env)
    with _driver(own_server) as driver:
        deadline = time.monotonic() + 600
        loaded = 0
        while time.monotonic() < deadline and run.poll() is None:
            loaded = _articles(driver)
            if loaded >= 20:
                break
            time.sleep(0.1)
    pid = own_server.status().pid
    os.kill(pid, signal.SIGKILL)  # kill -9 of the Neo4j JVM, mid-ingest
    _, stderr = run.communicate(timeout=300)
    assert 20 <= loaded < TOTAL, f"killed after {loaded} of {TOTAL} articles: not mid-ingest"
    assert run.returncode != 0, stderr.decode()[-2000:]

    own_server.start()  # the same home: Neo4j recovers its transaction log
    env = _env(own_server, tmp_path)
    with _driver(own_server) as driver:
        assert_no_half_written_article(driver)
        assert 0 < _articles(driver) < TOTAL
    rerun = _ingest(corpus, env)
    _, stderr = rerun.communicate(timeout=900)
    assert rerun.returncode == 0, stderr.decode()[-2000:]
    with _driver(own_server) as driver:
        assert_no_half_written_article(driver)
        resumed = snapshot(driver)
        for statement in queries.DELETE_ALL:
            with driver.session(database="neo4j") as session:
                session.run(statement).consume()
    clean = _ingest(corpus, env)
    _, stderr = clean.communicate(timeout=900)
    assert clean.returncode == 0, stderr.decode()[-2000:]
    with _driver(own_server) as driver:
        reference = snapshot(driver)
    assert len([n for n in reference["nodes"] if n[0] == ["Article"]]) == TOTAL
    assert resumed == reference
