"""Start-up cost of the actor knowledge base: pipeline load with and without it, side by side.

Each run is a fresh process that loads the small English model, then adds the actor
components (which load the dictionary) and reports the wall and CPU seconds and the peak
resident memory of each step; runs alternate between the shipped knowledge base and an empty
one. On a shared machine the CPU seconds are the steadier figure.

Usage: .venv/bin/python benchmarks/bench_actor_kb.py [RUNS] [--json PATH]
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

CHILD = """
import json, resource, sys, time
if sys.argv[1] == "without":
    import ingest.actors.kb as kb
    kb.read_knowledge_base = lambda *a, **k: kb.KnowledgeBase()
from ingest.components.actor_ruler import add_actor_components
from ingest.nlp import load_base
t0, c0 = time.perf_counter(), time.process_time()
nlp = load_base("en_core_web_sm")
t1, c1 = time.perf_counter(), time.process_time()
rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
add_actor_components(nlp)
t2, c2 = time.perf_counter(), time.process_time()
rss2 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
nlp("Mozambique's foreign minister Oldemiro Baloi met Chinese officials in Maputo.")
print(json.dumps({"base_s": t1 - t0, "actors_s": t2 - t1, "actors_cpu_s": c2 - c1,
                  "actors_mb": (rss2 - rss1) / 1024}))
"""


def run(mode: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, mode],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    runs = int(args[0]) if args else 3
    samples: dict[str, list[dict[str, float]]] = {"with": [], "without": []}
    for _ in range(runs):
        for mode in ("without", "with"):
            samples[mode].append(run(mode))
    report: dict[str, float] = {}
    for mode, rows in samples.items():
        for key in ("base_s", "actors_s", "actors_cpu_s", "actors_mb"):
            report[f"{mode}_{key}"] = round(statistics.median(r[key] for r in rows), 3)
    report["added_s"] = round(report["with_actors_s"] - report["without_actors_s"], 3)
    report["added_cpu_s"] = round(report["with_actors_cpu_s"] - report["without_actors_cpu_s"], 3)
    report["added_mb"] = round(report["with_actors_mb"] - report["without_actors_mb"], 1)
    report["actors_ratio"] = round(report["with_actors_s"] / report["without_actors_s"], 2)
    print(json.dumps(report, indent=1))
    if "--json" in sys.argv:
        Path(sys.argv[sys.argv.index("--json") + 1]).write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
