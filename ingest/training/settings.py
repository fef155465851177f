"""The shipped trigger model's training settings, chosen by k-fold CV on the training corpus
(``benchmarks/compare_trigger_models.py``; decision 0011). ``dekg train`` uses them by default,
so it reproduces the shipped model."""

from __future__ import annotations

DEFAULT_THRESHOLD = 0.3
RULE_FEATURES = False
NONE_WEIGHT = 1.0
VECTORS: str | None = "wordllama"  # None: parse features only
HIDDEN = 0  # hidden units of the dense head (0: linear)
DENSE_RATE = 0.3  # AdaGrad learning rate of the dense head
