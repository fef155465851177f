"""`dekg backfill` on a local Dask cluster of 2 workers builds the graph `dekg ingest` builds."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import neo4j
import pytest
from typer.testing import CliRunner

from api.backfill import BackfillUnavailable, dask_client, partitions
from api.cli import app
from graph import queries

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "cyprus-mail-blinken-lavrov.txt"
PAGE = ROOT / "tests" / "ingest" / "data" / "article.html"

TALKS = "Russia and Ukraine agreed on Thursday to hold talks in Istanbul."
CEASEFIRE = "The United Nations called for a ceasefire in Sudan on Monday."


def _archive(root: Path) -> Path:
    """Six files: the seed, an HTML page, and reports of the same happenings from several
    publishers (so that identity merges events across files and partitions)."""
    archive = root / "archive"
    archive.mkdir()
    (archive / "a-seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (archive / "b-page.html").write_bytes(PAGE.read_bytes())
    for i, publisher in enumerate(("Wire", "Daily", "Herald", "Times")):
        lines = [
            {"id": f"talks-{i}", "text": TALKS, "published": "2022-03-10", "publisher": publisher},
            {"id": f"un-{i}", "text": CEASEFIRE, "published": "2023-05-08", "publisher": publisher},
        ]
        text = "\n".join(json.dumps(line) for line in lines) + "\n"
        (archive / f"c-{i}.jsonl").write_text(text, encoding="utf-8")
    return archive


def _snapshot(driver: neo4j.Driver) -> dict[str, Any]:
    nodes = driver.execute_query(
        # The change log (graph.changes) records transactions, not graph content: ingest and
        # backfill cut the same input into different transactions.
        "MATCH (n) WHERE NOT n:GraphChange AND NOT n:GraphChangeLog "
        "RETURN labels(n) AS labels, n.id AS id, properties(n) AS props"
    ).records
    rels = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS a, b.id AS b, properties(r) AS p"
    ).records
    skip = {"ingested_at"}
    return {
        "nodes": sorted(
            (
                sorted(r["labels"]),
                r["id"],
                sorted((k, str(v)) for k, v in r["props"].items() if k not in skip),
            )
            for r in nodes
        ),
        "relationships": sorted(
            (r["type"], r["a"], r["b"], sorted((k, str(v)) for k, v in r["p"].items()))
            for r in rels
        ),
    }


def _wipe(driver: neo4j.Driver) -> None:
    with driver.session() as session:
        for statement in queries.DELETE_ALL:
            session.run(statement).consume()


@pytest.mark.neo4j
@pytest.mark.model
def test_backfill_on_two_workers_builds_the_ingest_graph(
    cli_env: neo4j.Driver, tmp_path: Path
) -> None:
    archive = _archive(tmp_path)
    ingested = CliRunner().invoke(app, ["ingest", str(archive)])
    assert ingested.exit_code == 0, ingested.output
    expected = _snapshot(cli_env)
    merged = cli_env.execute_query(
        "MATCH (e:Event) WHERE e.num_articles > 1 RETURN count(e)"
    ).records[0][0]
    assert merged >= 1, "the archive should hold reports merged across files"

    _wipe(cli_env)
    done = CliRunner().invoke(
        app, ["backfill", str(archive), "--workers", "2", "--files-per-partition", "1"]
    )
    assert done.exit_code == 0, done.output
    assert "partition 6/6" in done.output
    assert _snapshot(cli_env) == expected
    assert len(expected["nodes"]) > 10 and len(expected["relationships"]) > 10

    again = CliRunner().invoke(app, ["backfill", str(archive), "--workers", "2"])
    assert again.exit_code == 0, again.output
    assert "0 written" in again.output and "0 failed" in again.output
    assert _snapshot(cli_env) == expected


def test_partitions_follow_the_reading_order(tmp_path: Path) -> None:
    archive = _archive(tmp_path)
    parts = partitions([archive], 4)
    assert [len(p) for p in parts] == [4, 2]
    flat = [Path(f).name for part in parts for f in part]
    assert flat == ["a-seed.txt", "b-page.html", "c-0.jsonl", "c-1.jsonl", "c-2.jsonl", "c-3.jsonl"]
    with pytest.raises(ValueError, match="at least 1"):
        partitions([archive], 0)


def test_without_dask_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    with pytest.raises(BackfillUnavailable, match=r"dekg\[backfill\]"), dask_client(None):
        pass


def test_an_unreachable_scheduler_is_a_clear_error() -> None:
    with (
        pytest.raises(BackfillUnavailable, match="does not answer"),
        dask_client("tcp://127.0.0.1:9"),
    ):
        pass
