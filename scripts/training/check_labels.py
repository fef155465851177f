"""Check label files against their pool batch (a development tool for annotators).

Usage: ``python scripts/training/check_labels.py data/training/labels/voa-01.a1.jsonl [...]``

For each label file ``<batch>.<annotator>.jsonl``: every pool sentence of ``<batch>`` has one
line, in order, with the same id; every event has a known type and modality; trigger, source
and target are exact substrings of the sentence (at the stated occurrence). Prints one line
per problem and a summary; exits 1 when a file has problems.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TYPES = frozenset(
    [
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
    ]
)
MODALITIES = frozenset({"asserted", "future", "hypothetical", "negated", "historical"})
SPANS = ("trigger", "source", "target")


def _span_problems(text: str, event: dict) -> list[str]:
    problems = []
    for key in SPANS:
        value = event.get(key)
        if value is None:
            if key == "trigger":
                problems.append("no trigger")
            continue
        occurrence = int(event.get(f"{key}_occurrence", 1))
        if text.count(value) < occurrence:
            problems.append(f"{key} {value!r} not in the sentence (occurrence {occurrence})")
    return problems


def check_line(pool: dict, label: dict) -> list[str]:
    if label.get("id") != pool["id"]:
        return [f"id {label.get('id')!r} where the pool has {pool['id']!r}"]
    problems = []
    for event in label.get("events", []):
        if event.get("type") not in TYPES:
            problems.append(f"type {event.get('type')!r}")
        if event.get("modality", "asserted") not in MODALITIES:
            problems.append(f"modality {event.get('modality')!r}")
        problems.extend(_span_problems(pool["text"], event))
    return problems


def check_file(path: Path) -> int:
    batch = path.name.split(".")[0]
    pool_path = path.parents[1] / "pool" / f"{batch}.jsonl"
    pool = [json.loads(x) for x in pool_path.read_text(encoding="utf-8").splitlines() if x]
    labels = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x]
    count = 0
    if len(labels) != len(pool):
        print(f"{path}: {len(labels)} lines for {len(pool)} pool sentences")
        count += 1
    for n, (p, lab) in enumerate(zip(pool, labels, strict=False), start=1):
        for problem in check_line(p, lab):
            print(f"{path}:{n}: {problem}")
            count += 1
    events = sum(len(x.get("events", [])) for x in labels)
    print(f"{path}: {len(labels)} sentences, {events} events, {count} problems")
    return count


def main() -> None:
    total = sum(check_file(Path(p)) for p in sys.argv[1:])
    sys.exit(1 if total else 0)


if __name__ == "__main__":
    main()
