"""Trigger and sentence-type scores shared by the candidates' evaluations (linear and spaCy)."""

from __future__ import annotations

from dataclasses import dataclass


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
