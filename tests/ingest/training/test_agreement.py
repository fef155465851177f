"""Cohen's kappa on sentence types between two label passes (hand-computed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.training import TrainingError
from ingest.training.agreement import cohen_kappa, corpus_agreement

LABELS = Path(__file__).parents[1] / "data" / "training" / "labels"


def test_kappa_hand_computed() -> None:
    a = ["X", "X", "Y", "Y"]
    b = ["X", "Y", "Y", "Y"]
    # observed 3/4; expected (2*1 + 2*3)/16 = 0.5 → kappa (0.75 - 0.5) / 0.5 = 0.5
    assert cohen_kappa(a, b) == pytest.approx(0.5)
    assert cohen_kappa(["X", "X"], ["X", "X"]) == 1.0
    assert cohen_kappa(["X", "Y"], ["Y", "X"]) == pytest.approx(-1.0)
    with pytest.raises(TrainingError):
        cohen_kappa(["X"], [])


def test_batches_with_two_passes() -> None:
    [tiny] = corpus_agreement(LABELS)
    assert tiny.batch == "tiny" and tiny.sentences == 17
    assert tiny.observed == pytest.approx(15 / 17)
    # first pass: 6 SANCTION, 5 ACCUSE, 6 NONE; second: 6 SANCTION, 4 ACCUSE, 1 REJECT,
    # 5 NONE, 1 SUPPORT → expected (36 + 20 + 30) / 289
    expected = (6 * 6 + 5 * 4 + 6 * 5) / 17**2
    assert tiny.kappa == pytest.approx((15 / 17 - expected) / (1 - expected))
