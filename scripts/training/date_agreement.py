"""Check the event-date files and measure agreement between two independent passes.

Usage: ``python scripts/training/date_agreement.py [data/training]``.

Each ``dates/<batch>.<annotator>.jsonl`` holds one line per labelled event of
``labels/<batch>.a1.jsonl``: ``key`` ("<sentence id>#<index>"), ``date`` (the acceptable days,
``null`` meaning no day can be told) and ``same_as`` (the key of the first mention of the same
happening in the document, or ``null``). The check refuses a file whose keys do not follow the
labels one to one, whose dates are not ISO days, or whose links do not point backwards inside
the same document. Where a batch has two passes it prints, over the events both labelled:
exact agreement of the date lists, compatible dates (the lists share a value), and agreement
on the same-happening links (kappa on linked / not linked, and exact link agreement).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

Row = dict[str, Any]


def label_keys(labels: Path) -> list[tuple[str, str]]:
    """(key, doc id) of every event of a labels file, in order."""
    keys: list[tuple[str, str]] = []
    for line in labels.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        doc = record["id"].rsplit("-", 1)[0]
        keys += [(f"{record['id']}#{i}", doc) for i in range(len(record["events"]))]
    return keys


def valid_day(value: object) -> bool:
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def check_file(path: Path, labels: Path) -> list[Row]:
    """The rows of one date file; raises ValueError naming the first problem."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    expected = label_keys(labels)
    if [r["key"] for r in rows] != [k for k, _ in expected]:
        raise ValueError(f"{path.name}: keys do not follow {labels.name} one to one")
    doc_of = dict(expected)
    seen: set[str] = set()
    for row in rows:
        dates = row["date"]
        if not isinstance(dates, list) or not dates or not all(map(valid_day, dates)):
            raise ValueError(f"{path.name}: {row['key']}: bad date {dates!r}")
        link = row.get("same_as")
        if link is not None and (link not in seen or doc_of[link] != doc_of[row["key"]]):
            raise ValueError(f"{path.name}: {row['key']}: same_as {link!r} is not earlier")
        seen.add(row["key"])
    return rows


def cohen_kappa(first: list[bool], second: list[bool]) -> float:
    n = len(first)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    p1, p2 = sum(first) / n, sum(second) / n
    chance = p1 * p2 + (1 - p1) * (1 - p2)
    return 1.0 if chance == 1 else (observed - chance) / (1 - chance)


def compare(first: list[Row], second: list[Row]) -> str:
    n = len(first)
    exact = sum(set(a["date"]) == set(b["date"]) for a, b in zip(first, second, strict=True))
    overlap = sum(bool(set(a["date"]) & set(b["date"])) for a, b in zip(first, second, strict=True))
    linked1 = [a["same_as"] is not None for a in first]
    linked2 = [b["same_as"] is not None for b in second]
    same_link = sum(a["same_as"] == b["same_as"] for a, b in zip(first, second, strict=True))
    return (
        f"{n:4} events  dates exact {exact / n:.3f}  compatible {overlap / n:.3f}  "
        f"same_as kappa {cohen_kappa(linked1, linked2):.3f}  same link {same_link / n:.3f}"
    )


def describe(rows: list[Row]) -> str:
    kinds: Counter[str] = Counter()
    for row in rows:
        days = [d for d in row["date"] if d is not None]
        kinds["no day" if not days else "day or unknown" if None in row["date"] else "day"] += 1
    links = sum(row["same_as"] is not None for row in rows)
    return f"{len(rows):4} events  {dict(kinds)}  same_as {links}"


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("data/training")
    passes: dict[str, dict[str, list[Row]]] = {}
    for path in sorted((root / "dates").glob("*.jsonl")):
        batch, annotator = path.name.removesuffix(".jsonl").rsplit(".", 1)
        rows = check_file(path, root / "labels" / f"{batch}.a1.jsonl")
        passes.setdefault(batch, {})[annotator] = rows
        print(f"{path.name:32} {describe(rows)}")
    pooled: dict[str, list[Row]] = {"first": [], "second": []}
    for batch, by_annotator in passes.items():
        if len(by_annotator) >= 2:
            first, second = (by_annotator[a] for a in sorted(by_annotator)[:2])
            print(f"agreement {batch:22} {compare(first, second)}")
            pooled["first"] += first
            pooled["second"] += second
    if pooled["first"]:
        print(f"agreement {'all':22} {compare(pooled['first'], pooled['second'])}")


if __name__ == "__main__":
    main()
