"""Cohen's kappa between the two independent label passes (``.a1``, ``.a2``) of each batch.

Usage: ``python scripts/training/agreement.py [data/training/labels]``. The type of a
sentence is its first event's type, or NONE. Prints one line per doubly-labelled batch and the
pooled figure over all of them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ingest.training.agreement import cohen_kappa, corpus_agreement


def main() -> None:
    labels = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("data/training/labels")
    found = corpus_agreement(labels)
    if not found:
        print(f"no batch under {labels} has both .a1 and .a2 label files")
        sys.exit(1)
    first: list[str] = []
    second: list[str] = []
    for a in found:
        print(
            f"{a.batch:24} {a.sentences:5} sentences  "
            f"agreement {a.observed:.3f}  kappa {a.kappa:.3f}"
        )
        first += a.first
        second += a.second
    observed = sum(x == y for x, y in zip(first, second, strict=True)) / len(first)
    pooled = cohen_kappa(first, second)
    print(f"{'all':24} {len(first):5} sentences  agreement {observed:.3f}  kappa {pooled:.3f}")


if __name__ == "__main__":
    main()
