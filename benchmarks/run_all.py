"""Run every benchmark of `make bench` in turn; each prints its own side-by-side table.

Results (JSON) go to ``benchmarks/results/``. The extraction benchmark needs the Reuters corpus
(``../shared/corpus/reuters21578.jsonl.gz`` by default, or ``DEKG_BENCH_CORPUS``); it is skipped
with a message when the corpus is absent. The others make their own synthetic data and start a
throwaway Neo4j unless ``DEKG_NEO4J_URI`` is set. ``DEKG_BENCH_QUICK=1`` runs smaller sizes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
CORPUS = Path(
    os.environ.get("DEKG_BENCH_CORPUS", HERE.parent.parent / "shared/corpus/reuters21578.jsonl.gz")
)


def _plan(quick: bool) -> list[tuple[str, list[str]]]:
    plan: list[tuple[str, list[str]]] = []
    if CORPUS.exists():
        limit = "300" if quick else "2000"
        plan.append(
            (
                "extract",
                [
                    "bench_extract.py",
                    str(CORPUS),
                    "--limit",
                    limit,
                    "--json",
                    str(RESULTS / "extract.json"),
                ],
            )
        )
    else:
        print(f"[bench] skipping extraction: corpus not found at {CORPUS}", file=sys.stderr)
    load = ["--events", "5000", "--per-event", "1000"] if quick else []
    plan.append(("load", ["bench_load.py", *load, "--json", str(RESULTS / "load.json")]))
    sizes = ["--sizes", "1000", "10000"] if quick else []
    plan.append(("export", ["bench_export.py", *sizes, "--json", str(RESULTS / "export.json")]))
    api = ["--events", "10000", "--requests", "500"] if quick else []
    plan.append(("api", ["bench_api.py", *api, "--json", str(RESULTS / "api.json")]))
    return plan


def main() -> int:
    RESULTS.mkdir(exist_ok=True)
    quick = os.environ.get("DEKG_BENCH_QUICK") == "1"
    failed: list[str] = []
    for name, args in _plan(quick):
        print(f"\n=== {name} ===", flush=True)
        done = subprocess.run([sys.executable, str(HERE / args[0]), *args[1:]], check=False)
        if done.returncode != 0:
            failed.append(name)
    if failed:
        print(f"\n[bench] below target or failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
