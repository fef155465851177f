"""The learned trigger + type model: a linear (softmax) classifier over hashed parse
features of candidate tokens (``ingest.trigger_features``), numpy only at run time.

Weights: ``weights.npz`` with ``w`` (hash buckets × classes, float16), ``labels`` (NONE and
the PLOVER types) and ``bits`` (the bucket count is 2**bits). A token is proposed as a trigger
of the most probable type when that type's probability reaches the threshold.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from spacy.tokens import Doc, Token

from ingest.trigger_features import features, is_candidate
from ingest.triggers import Lexicon, default_lexicon

NONE = "NONE"
WEIGHTS = "weights.npz"


def feature_ids(token: Token, bits: int, lexicon: Lexicon | None = None) -> NDArray[np.int64]:
    mask = (1 << bits) - 1
    found = features(token, lexicon)
    return np.fromiter((zlib.crc32(f.encode()) & mask for f in found), dtype=np.int64)


@dataclass(frozen=True)
class LinearTriggerModel:
    weights: NDArray[np.float32]
    labels: tuple[str, ...]
    bits: int
    lexicon: Lexicon | None = None  # set when the model was trained with rule features

    def probabilities(self, ids: NDArray[np.int64]) -> NDArray[np.float64]:
        scores = self.weights[ids].sum(axis=0, dtype=np.float64)
        scores -= scores.max()
        exp = np.exp(scores)
        return np.asarray(exp / exp.sum(), dtype=np.float64)

    def predict(self, doc: Doc, threshold: float) -> list[tuple[int, str, float]]:
        """(token index, type, probability) of every candidate the model calls a trigger."""
        out = []
        for token in doc:
            if not is_candidate(token):
                continue
            probs = self.probabilities(feature_ids(token, self.bits, self.lexicon))
            probs[0] = 0.0  # NONE is label 0
            best = int(probs.argmax())
            if probs[best] >= threshold:
                out.append((token.i, self.labels[best], float(probs[best])))
        return out

    def save(self, directory: Path) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / WEIGHTS
        np.savez_compressed(
            path,
            w=self.weights.astype(np.float16),
            labels=np.array(self.labels),
            bits=self.bits,
            rule_features=self.lexicon is not None,
        )
        return path

    @classmethod
    def load(cls, directory: Path) -> LinearTriggerModel:
        """The saved model (with the shipped lexicon when it was trained with rule features)."""
        with np.load(directory / WEIGHTS) as data:
            rules = "rule_features" in data.files and bool(data["rule_features"])
            return cls(
                np.asarray(data["w"], dtype=np.float32),
                tuple(str(x) for x in data["labels"]),
                int(data["bits"]),
                default_lexicon() if rules else None,
            )
