"""Backfill benchmark: articles/s of `dekg backfill` on 1 and 2 local Dask workers beside the
`dekg ingest` path (one process), on the same articles, side by side in one run.

The first ``--limit`` articles of the Reuters corpus (``DEKG_BENCH_CORPUS``, default
``../shared/corpus/reuters21578.jsonl.gz``) are cut into ``--files`` JSONL files. Each mode
starts from an emptied database and is timed from its start (pipeline load, and for the
backfill the local cluster's start and every worker's pipeline load) to its last commit:
what a user waits for. Every mode must build the same graph (node and relationship counts).

Usage:
    python benchmarks/bench_backfill.py --limit 300 --json out.json
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_load import neo4j_target, wipe  # noqa: E402

from api.backfill import BackfillOptions, backfill, dask_client  # noqa: E402
from api.settings import get_settings  # noqa: E402
from api.usecases.ingestion import ingest_stream  # noqa: E402
from graph.schema import ensure_schema  # noqa: E402
from graph.session import Graph  # noqa: E402

CORPUS = Path(
    os.environ.get("DEKG_BENCH_CORPUS", ROOT.parent / "shared/corpus/reuters21578.jsonl.gz")
)


def split_corpus(corpus: Path, limit: int, files: int, out: Path) -> int:
    """The first ``limit`` lines of the corpus, dealt into ``files`` JSONL files in order."""
    with gzip.open(corpus, "rt", encoding="utf-8") as fp:
        lines = [line for _, line in zip(range(limit), fp, strict=False)]
    per_file = max(1, -(-len(lines) // files))
    out.mkdir(parents=True, exist_ok=True)
    for index in range(0, len(lines), per_file):
        chunk = "".join(lines[index : index + per_file])
        (out / f"part-{index // per_file:04d}.jsonl").write_text(chunk, encoding="utf-8")
    return len(lines)


def counts(driver: Any, database: str) -> tuple[int, int]:
    # The change log (graph.changes) counts transactions, not graph content: left out.
    query = "MATCH (n) WHERE NOT n:GraphChange AND NOT n:GraphChangeLog RETURN count(n)"
    nodes = driver.execute_query(query, database_=database).records[0][0]
    rels = driver.execute_query("MATCH ()-[r]->() RETURN count(r)", database_=database).records
    return int(nodes), int(rels[0][0])


def run_ingest(driver: Any, database: str, inputs: Path) -> dict[str, Any]:
    from ingest.extract import Extractor
    from ingest.nlp import load_pipeline
    from ingest.readers import iter_items

    settings = get_settings()
    began = time.perf_counter()
    nlp = load_pipeline(settings.spacy_model, settings.actor_dictionaries)
    report = ingest_stream(Graph(driver, database), Extractor(nlp), iter_items([inputs]))
    return {"seconds": time.perf_counter() - began, "articles": report.written}


def run_backfill(driver: Any, database: str, inputs: Path, workers: int) -> dict[str, Any]:
    settings = get_settings()
    options = BackfillOptions(model=settings.spacy_model, files_per_partition=1)
    began = time.perf_counter()
    with dask_client(None, workers=workers) as client:
        report = backfill(client, Graph(driver, database), [inputs], options)
    return {"seconds": time.perf_counter() - began, "articles": report.written}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=300, help="articles")
    parser.add_argument("--files", type=int, default=12, help="input files (= partitions)")
    parser.add_argument("--uri", help="Neo4j bolt URI (default: DEKG_NEO4J_URI or throwaway)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if not CORPUS.exists():
        print(f"corpus not found: {CORPUS} (set DEKG_BENCH_CORPUS)", file=sys.stderr)
        return 2
    rows: dict[str, dict[str, Any]] = {}
    with (
        tempfile.TemporaryDirectory(prefix="dekg-backfill-") as tmp,
        neo4j_target(args.uri) as (
            driver,
            database,
            where,
            _,
        ),
    ):
        inputs = Path(tmp) / "inputs"
        total = split_corpus(CORPUS, args.limit, args.files, inputs)
        modes = [
            ("dekg ingest (1 process)", lambda: run_ingest(driver, database, inputs)),
            ("backfill, 1 local worker", lambda: run_backfill(driver, database, inputs, 1)),
            ("backfill, 2 local workers", lambda: run_backfill(driver, database, inputs, 2)),
        ]
        for name, run in modes:
            wipe(driver, database)
            ensure_schema(Graph(driver, database))
            row = run()
            row["graph"] = counts(driver, database)
            row["articles_per_s"] = round(total / row["seconds"], 2)
            row["seconds"] = round(row["seconds"], 2)
            rows[name] = row
        wipe(driver, database)
    graphs = {tuple(r["graph"]) for r in rows.values()}
    print(f"{total} articles in {args.files} files; Neo4j {where}; cores: {os.cpu_count()}")
    print(f"{'mode':<30}{'seconds':>10}{'articles/s':>12}   graph (nodes, rels)")
    for name, row in rows.items():
        print(f"{name:<30}{row['seconds']:>10}{row['articles_per_s']:>12}   {row['graph']}")
    same = len(graphs) == 1
    print("same graph in every mode" if same else "GRAPHS DIFFER")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        summary = {"benchmark": "backfill", "articles": total, "modes": rows, "same_graph": same}
        args.json.write_text(json.dumps(summary, indent=2))
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
