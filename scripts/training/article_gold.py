"""Article gold for the non-development VOA stories, built from our own sentence labels.

Usage: ``python scripts/training/article_gold.py [data/training]``. Writes
``articles/voa-<id>.json`` in the format of ``ANNOTATION.md`` (the format ``dekg eval`` reads)
from ``labels/voa-NN.a1.jsonl`` (type, actors, modality of each event) and
``dates/voa-NN.d1.jsonl`` (the day it happened and ``same_as``, the first mention of the same
happening). A happening told in several sentences becomes one gold event with one evidence
quote per sentence; its types are those of its mentions, its actors the union of theirs.
Background history (modality ``historical``) and events whose source the annotator could not
code are optional, as are events that fold more than two types. Events without a coded
target have ``target_optional``.

These stories are in the training corpus: a score on them is a tuning figure, not a
held-out one.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

SYMMETRIC = {"CONSULT", "AGREE"}
Event = dict[str, Any]


def mentions(root: Path, batch: str) -> list[tuple[str, str, Event, Event]]:
    """(key, doc, label event, date row) of every labelled event of one batch, in order."""
    pool = [json.loads(x) for x in (root / "pool" / f"{batch}.jsonl").read_text().splitlines()]
    labels = (root / "labels" / f"{batch}.a1.jsonl").read_text().splitlines()
    dates = (root / "dates" / f"{batch}.d1.jsonl").read_text().splitlines()
    rows = iter(json.loads(x) for x in dates)
    out: list[tuple[str, str, Event, Event]] = []
    for sentence, line in zip(pool, labels, strict=True):
        record = json.loads(line)
        for i, labelled in enumerate(record["events"]):
            event = {**labelled, "text": sentence["text"], "published": sentence["published"]}
            row = next(rows)
            assert row["key"] == f"{record['id']}#{i}", row["key"]
            out.append((row["key"], sentence["doc"], event, row))
    return out


def happening(chain: list[tuple[Event, Event]], number: int) -> Event:
    """One gold event from the mentions of one happening (first mention first)."""
    types = list(dict.fromkeys(e["type"] for e, _ in chain))
    sources = sorted({e["source_code"] for e, _ in chain if e.get("source_code")})
    targets = sorted({e["target_code"] for e, _ in chain if e.get("target_code")})
    first, first_date = chain[0]
    optional = first["modality"] == "historical" or not sources or len(types) > 2
    return {
        "id": f"E{number}",
        "type": types,
        "source": sources,
        "target": targets,
        "date": first_date["date"],
        "place": None,
        "modality": first["modality"],
        "evidence": list(dict.fromkeys(e["text"] for e, _ in chain)),
        "symmetric": bool(set(types) & SYMMETRIC),
        "optional": optional,
        "target_optional": not targets,
        "attributed_to": [],
    }


def article_files(root: Path) -> dict[str, dict[str, Any]]:
    """Article gold by document id."""
    chains: dict[str, dict[str, list[tuple[Event, Event]]]] = defaultdict(dict)
    published: dict[str, str] = {}
    for labels in sorted((root / "dates").glob("voa-*.d1.jsonl")):
        batch = labels.name.removesuffix(".d1.jsonl")
        for key, doc, event, row in mentions(root, batch):
            head = row["same_as"] or key
            chains[doc].setdefault(head, []).append((event, row))
            published[doc] = event["published"]
    out: dict[str, dict[str, Any]] = {}
    for doc, by_head in chains.items():
        events = [happening(chain, n) for n, chain in enumerate(by_head.values(), start=1)]
        out[doc] = {
            "article": {
                "id": doc.removeprefix("voa-"),
                "corpus": "voa-stories.jsonl",
                "published": published[doc],
            },
            "events": events,
            "must_not": [],
            "notes": "built by scripts/training/article_gold.py from the sentence labels",
        }
    return out


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("data/training")
    target = root / "articles"
    target.mkdir(exist_ok=True)
    gold = article_files(root)
    required = 0
    for doc, article in sorted(gold.items()):
        (target / f"{doc}.json").write_text(json.dumps(article, indent=1) + "\n")
        required += sum(not e["optional"] for e in article["events"])
    total = sum(len(a["events"]) for a in gold.values())
    print(f"{len(gold)} articles, {total} events, {required} required -> {target}")


if __name__ == "__main__":
    main()
