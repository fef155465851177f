"""Extraction benchmark: bare spaCy ``nlp.pipe`` vs dekg end-to-end, side by side in one run.

- bare: the base pipeline of the same model (``ingest.nlp.load_base``) over the article texts,
  already read into memory;
- end-to-end: reading the corpus file + ``prepare_article`` + the dekg pipeline + events
  (``Extractor.extract_many``), from the file to the ``ExtractionResult``s.

Both run single-process and with ``--workers`` processes, end-to-end once per trigger source
(``--triggers rules,model,both``: the lexicon rules, the learned model, both), so what the
model costs is read from the same run. The report gives articles/s, words/s and the ratio
end-to-end/bare (target: at least 0.70; with the model on, at least 20 articles/s on one
core). Results go to ``benchmarks/results/bench_extract-<time>.json``; a table is printed.

Usage:
    python benchmarks/bench_extract.py                       # 2000 Reuters articles
    python benchmarks/bench_extract.py CORPUS --limit 500 --workers 2
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import time
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402
from spacy.language import Language  # noqa: E402

from ingest.extract import Extractor  # noqa: E402
from ingest.nlp import load_base, load_pipeline  # noqa: E402
from ingest.readers import ReadItem, iter_items  # noqa: E402

TARGET_RATIO = 0.70
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "reuters21578.jsonl.gz"
BATCH_SIZE = 32
#: CPU seconds of this process per timed run: on a busy machine wall time measures the other
#: processes as well; single-process CPU time does not.
CPU: list[float] = []


def read_items(corpus: Path, limit: int) -> Iterator[ReadItem]:
    return islice(iter_items([corpus]), limit)


def load_texts(corpus: Path, limit: int) -> list[str]:
    return [item.article.text for item in read_items(corpus, limit) if item.article is not None]


def timed(run: Callable[[], int]) -> tuple[float, int]:
    """Wall seconds and the run's result; CPU seconds of this process go to ``CPU``."""
    start, cpu = time.perf_counter(), time.process_time()
    count = run()
    CPU.append(time.process_time() - cpu)
    return time.perf_counter() - start, count


def bare_run(nlp: Language, texts: list[str], workers: int) -> float:
    seconds, _ = timed(
        lambda: sum(1 for _ in nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=workers))
    )
    return seconds


def end_to_end_run(
    extractor: Extractor, corpus: Path, limit: int, workers: int
) -> tuple[float, int, int]:
    events = 0

    def run() -> int:
        nonlocal events
        events = 0
        count = 0
        for result in extractor.extract_many(read_items(corpus, limit), n_process=workers):
            count += 1
            events += len(result.events)
        return count

    seconds, count = timed(run)
    return seconds, count, events


def measure(
    corpus: Path, limit: int, model: str, workers: int, repeat: int, *, triggers: list[str]
) -> dict[str, Any]:
    """Bare and end-to-end runs (one per trigger source) alternate ``repeat`` times; the
    fastest of each counts, so load from other processes on the machine hits all alike."""
    texts = load_texts(corpus, limit)
    words = sum(len(t.split()) for t in texts)
    bare_nlp = load_base(model)
    extractors = {v: Extractor(load_pipeline(model, triggers=v)) for v in triggers}
    list(bare_nlp.pipe(texts[:BATCH_SIZE]))  # warm-up
    for extractor in extractors.values():
        list(extractor.extract_many(read_items(corpus, BATCH_SIZE)))
    rows = []
    for n_process in sorted({1, workers}):
        bare_times, bare_cpu = [], []
        e2e: dict[str, dict[str, Any]] = {
            v: {"t": [], "cpu": [], "n": 0, "ev": 0} for v in triggers
        }
        for _ in range(repeat):
            bare_times.append(bare_run(bare_nlp, texts, n_process))
            bare_cpu.append(CPU[-1])
            for variant, extractor in extractors.items():
                seconds, count, events = end_to_end_run(extractor, corpus, limit, n_process)
                e2e[variant]["t"].append(seconds)
                e2e[variant]["cpu"].append(CPU[-1])
                e2e[variant]["n"], e2e[variant]["ev"] = count, events
        bare_s = min(bare_times)
        for variant, run in e2e.items():
            e2e_s = min(run["t"])
            cpu = {}
            if n_process == 1:
                cpu = {
                    "bare_cpu_seconds": [round(t, 3) for t in bare_cpu],
                    "e2e_cpu_seconds": [round(t, 3) for t in run["cpu"]],
                    "cpu_ratio": round(min(bare_cpu) / min(run["cpu"]), 3),
                    "e2e_cpu_articles_per_s": round(run["n"] / min(run["cpu"]), 1),
                }
            rows.append(
                {
                    "workers": n_process,
                    "triggers": variant,
                    "bare_seconds": [round(t, 3) for t in bare_times],
                    "bare_articles_per_s": round(len(texts) / bare_s, 1),
                    "bare_words_per_s": round(words / bare_s),
                    "e2e_seconds": [round(t, 3) for t in run["t"]],
                    "e2e_articles_per_s": round(run["n"] / e2e_s, 1),
                    "e2e_words_per_s": round(words / e2e_s),
                    "events": run["ev"],
                    "ratio": round(bare_s / e2e_s, 3),
                    **cpu,
                }
            )
    return {
        "benchmark": "extract",
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "corpus": str(corpus),
        "articles": len(texts),
        "words": words,
        "model": model,
        "repeat": repeat,
        "target_ratio": TARGET_RATIO,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_at_end": os.getloadavg(),
        },
        "runs": rows,
    }


def print_table(report: dict[str, Any]) -> None:
    table = Table(
        title=f"Extraction throughput: {report['articles']} articles, {report['words']:,} words "
        f"({report['model']})"
    )
    for column in (
        "workers",
        "triggers",
        "bare art/s",
        "bare words/s",
        "e2e art/s",
        "e2e words/s",
        "events",
        "e2e/bare (wall)",
        "e2e/bare (CPU)",
    ):
        table.add_column(column, justify="right")
    for row in report["runs"]:
        ok = "" if row["ratio"] >= TARGET_RATIO else " (below target)"
        table.add_row(
            str(row["workers"]),
            row["triggers"],
            f"{row['bare_articles_per_s']:.1f}",
            f"{row['bare_words_per_s']:,}",
            f"{row['e2e_articles_per_s']:.1f}",
            f"{row['e2e_words_per_s']:,}",
            str(row["events"]),
            f"{row['ratio']:.0%}{ok}",
            f"{row['cpu_ratio']:.0%}" if "cpu_ratio" in row else "-",
        )
    Console().print(table)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "corpus",
        nargs="?",
        type=Path,
        default=DEFAULT_CORPUS,
        help="articles (.jsonl, .jsonl.gz, ...) [default: %(default)s]",
    )
    parser.add_argument("--limit", type=int, default=2000, help="articles to use [2000]")
    parser.add_argument("--workers", type=int, default=2, help="processes of the second run [2]")
    parser.add_argument("--model", default="en_core_web_sm", help="spaCy model [en_core_web_sm]")
    parser.add_argument("--repeat", type=int, default=2, help="alternating runs per side [2]")
    parser.add_argument("--json", type=Path, help="write the report here as well")
    parser.add_argument(
        "--triggers", default="rules,model", help="trigger sources to run [rules,model]"
    )
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        parser.error(f"corpus not found: {args.corpus}")
    variants = [v.strip() for v in args.triggers.split(",") if v.strip()]
    report = measure(
        args.corpus,
        args.limit,
        args.model,
        max(1, args.workers),
        max(1, args.repeat),
        triggers=variants,
    )
    results = ROOT / "benchmarks" / "results"
    results.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    targets = [results / f"bench_extract-{stamp}.json", *([args.json] if args.json else [])]
    for target in targets:
        target.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print_table(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
