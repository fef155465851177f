"""Trigger and sentence-type scores shared by the candidates' evaluations (linear and spaCy)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import mean


@dataclass(frozen=True, slots=True)
class Scores:
    trigger_p: float
    trigger_r: float
    trigger_f: float
    type_p: float
    type_r: float
    type_f: float


def prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (rounded to 4 places) of ``tp`` hits."""
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return round(p, 4), round(r, 4), round(2 * p * r / (p + r), 4) if p + r else 0.0


def score_sets(
    found: Iterable[set[tuple[int, str]]], gold: Iterable[set[tuple[int, str]]]
) -> Scores:
    """Micro scores of predicted against gold ``(token index, type)`` sets, one set per
    sentence: triggers, and sentence types (``NONE`` for a sentence without any)."""
    t = [0, 0, 0]
    y = [0, 0, 0]
    for f, g in zip(found, gold, strict=True):
        t = [t[0] + len(g & f), t[1] + len(f), t[2] + len(g)]
        gold_types = {label for _, label in g} or {"NONE"}
        found_types = {label for _, label in f} or {"NONE"}
        y = [y[0] + len(gold_types & found_types), y[1] + len(found_types), y[2] + len(gold_types)]
    return Scores(*prf(*t), *prf(*y))


def table_row(name: str, scores: Iterable[Scores], width: int) -> str:
    """One line of a comparison table: the mean of each score over ``scores`` (the folds)."""
    runs = list(scores)
    cells = [mean(getattr(s, f) for s in runs) for f in Scores.__dataclass_fields__]
    return f"{name:{width}}" + "".join(f"{c:11.3f}" for c in cells)
