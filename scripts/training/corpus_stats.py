"""Counts of the training corpus for its datasheet (Markdown tables on stdout).

Usage: ``python scripts/training/corpus_stats.py [--root data/training]``

Counts the first-pass labels (``*.a1.jsonl``): sentences and sentences with an event by
origin, events by PLOVER type and by modality. Second passes (``*.a2.jsonl``) are only used
for the agreement measure and are not counted here.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path


def _origin(batch: str) -> str:
    """`reuters2-03` -> `reuters`, `synthetic4-STORY-1` -> `synthetic`: the draw's number goes."""
    return batch.split("-", maxsplit=1)[0].rstrip("0123456789")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=Path("data/training"))
    args = parser.parse_args()
    sentences: Counter[str] = Counter()
    with_event: Counter[str] = Counter()
    types: Counter[str] = Counter()
    modalities: Counter[str] = Counter()
    for path in sorted((args.root / "labels").glob("*.a1.jsonl")):
        origin = _origin(path.name.split(".")[0])
        for line in path.read_text(encoding="utf-8").splitlines():
            events = json.loads(line)["events"]
            sentences[origin] += 1
            with_event[origin] += bool(events)
            types.update(e["type"] for e in events)
            modalities.update(e.get("modality", "asserted") for e in events)
    print("| origin | sentences | with an event |\n| --- | --- | --- |")
    for origin in sorted(sentences):
        print(f"| {origin} | {sentences[origin]:,} | {with_event[origin]:,} |")
    print(f"| all | {sum(sentences.values()):,} | {sum(with_event.values()):,} |\n")
    print("| type | events |\n| --- | --- |")
    for name, n in types.most_common():
        print(f"| {name} | {n:,} |")
    print(f"| all | {sum(types.values()):,} |\n")
    print("| modality | events |\n| --- | --- |")
    for name, n in modalities.most_common():
        print(f"| {name} | {n:,} |")


if __name__ == "__main__":
    main()
