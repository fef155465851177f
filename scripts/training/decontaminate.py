"""Find training sentences that repeat text of the development articles (a hygiene check).

Usage: ``python scripts/training/decontaminate.py [--shared ../shared] [--drop]``

Reads the texts of the 24 VOA development articles (only to compare against; nothing from
them enters the corpus) and reports every pool sentence that shares an 8-word sequence with
one of them: VOA stories on the same subject sometimes repeat paragraphs, and a synthetic
sentence could echo a widely reported line. With ``--drop`` such sentences are removed from
the pool and label files (both stay aligned line by line).
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

N = 8


def shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + N]) for i in range(len(words) - N + 1)}


def dev_shingles(shared: Path) -> set[tuple[str, ...]]:
    dev_ids = {p.stem.removeprefix("voa-") for p in (shared / "eval/dev/voa").glob("voa-*.json")}
    found: set[tuple[str, ...]] = set()
    with (shared / "corpus/voa-stories.jsonl").open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if str(row["id"]) in dev_ids:
                found |= shingles(row["title"] + " " + row["text"])
    return found


def contaminated(pool_dir: Path, dev: set[tuple[str, ...]]) -> dict[str, set[str]]:
    hits: dict[str, set[str]] = {}
    for path in sorted(pool_dir.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if shingles(row["text"]) & dev:
                hits.setdefault(path.stem, set()).add(row["id"])
    return hits


def drop(root: Path, hits: dict[str, set[str]]) -> None:
    for batch, ids in hits.items():
        for path in [root / "pool" / f"{batch}.jsonl", *(root / "labels").glob(f"{batch}.*.jsonl")]:
            lines = path.read_text(encoding="utf-8").splitlines()
            kept = [x for x in lines if json.loads(x)["id"] not in ids]
            path.write_text("".join(k + "\n" for k in kept), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    default_shared = Path(__file__).resolve().parents[3] / "shared"
    parser.add_argument("--shared", type=Path, default=default_shared)
    parser.add_argument("--root", type=Path, default=Path("data/training"))
    parser.add_argument("--drop", action="store_true")
    args = parser.parse_args()
    hits = contaminated(args.root / "pool", dev_shingles(args.shared))
    for batch, ids in sorted(hits.items()):
        print(f"{batch}: {len(ids)} sentences share {N} words with a development article")
    print(f"total: {sum(len(v) for v in hits.values())}")
    if args.drop:
        drop(args.root, hits)


if __name__ == "__main__":
    main()
