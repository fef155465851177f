"""Throughput of the actor components (ruler, linker, coref, places) against bare spaCy.

Runs ``nlp.pipe`` over the first N Reuters-21578 articles twice (bare model, then the model
plus the four actor components; each warmed up first so loading is not timed) and prints
words per second and the ratio.

Usage: .venv/bin/python benchmarks/bench_actors.py [N] [PATH_TO_reuters21578.jsonl.gz]
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from pathlib import Path

from spacy.language import Language

from ingest.components.actor_ruler import add_actor_components
from ingest.nlp import load_base

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared/corpus/reuters21578.jsonl.gz"


def texts(path: Path, n: int) -> list[str]:
    out: list[str] = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line).get("text") or ""
            if text.strip():
                out.append(text)
            if len(out) >= n:
                break
    return out


def words_per_second(nlp: Language, docs: list[str]) -> float:
    list(nlp.pipe(docs[:5]))  # warm-up: lazy gazetteers and caches
    start = time.perf_counter()
    words = sum(len(doc) for doc in nlp.pipe(docs, batch_size=64))
    return words / (time.perf_counter() - start)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    path = Path(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT
    docs = texts(path, n)
    bare = load_base("en_core_web_sm")
    bare_wps = words_per_second(bare, docs)
    full = load_base("en_core_web_sm")
    add_actor_components(full)
    full_wps = words_per_second(full, docs)
    print(f"articles: {len(docs)}")
    print(f"bare spaCy: {bare_wps:,.0f} words/s")
    print(f"with actor components: {full_wps:,.0f} words/s")
    print(f"ratio: {full_wps / bare_wps:.2f}")


if __name__ == "__main__":
    main()
