"""Agreement of two independent label passes (``.a1`` / ``.a2``) of the same batch: Cohen's
kappa on each sentence's type (its first event's type, or NONE)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.training import TrainingError


def first_type(label: dict[str, object]) -> str:
    events = label.get("events") or []
    if isinstance(events, list) and events and isinstance(events[0], dict):
        return str(events[0].get("type", "NONE"))
    return "NONE"


def cohen_kappa(a: Sequence[str], b: Sequence[str]) -> float:
    """Cohen's kappa of two label sequences of equal length (1.0 when both are constant
    and equal)."""
    if len(a) != len(b) or not a:
        raise TrainingError("kappa needs two non-empty label lists of the same length")
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in ca) / (n * n)
    if expected == 1.0:
        return 1.0
    return (observed - expected) / (1 - expected)


@dataclass(frozen=True, slots=True)
class Agreement:
    """The two passes' sentence types of one batch, in the same sentence order."""

    batch: str
    first: tuple[str, ...]
    second: tuple[str, ...]

    @property
    def sentences(self) -> int:
        return len(self.first)

    @property
    def observed(self) -> float:
        """The share of sentences both passes give the same type."""
        same = sum(x == y for x, y in zip(self.first, self.second, strict=True))
        return same / len(self.first) if self.first else 0.0

    @property
    def kappa(self) -> float:
        return cohen_kappa(self.first, self.second)


def _types(path: Path) -> dict[str, str]:
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return {str(r.get("id")): first_type(r) for r in rows}


def batch_agreement(first: Path, second: Path) -> Agreement:
    """Kappa over the sentences both files label."""
    a, b = _types(first), _types(second)
    ids = [i for i in a if i in b]
    if not ids:
        raise TrainingError(f"{first.name} and {second.name} label no sentence in common")
    return Agreement(first.name.split(".")[0], tuple(a[i] for i in ids), tuple(b[i] for i in ids))


def corpus_agreement(labels_dir: Path) -> list[Agreement]:
    """Every batch with both an ``.a1`` and an ``.a2`` label file."""
    out = []
    for first in sorted(labels_dir.glob("*.a1.jsonl")):
        second = first.with_name(first.name.replace(".a1.", ".a2."))
        if second.exists():
            out.append(batch_agreement(first, second))
    return out
