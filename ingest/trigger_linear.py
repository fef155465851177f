"""The learned trigger + type model: a softmax classifier over hashed parse features of
candidate tokens (``ingest.trigger_features``) and, optionally, a dense head over static word
vectors of the token and its context (``ingest.trigger_vectors``); numpy only at run time.

Weights: ``weights.npz`` with ``w`` (hash buckets × classes, float16), ``labels`` (NONE and
the PLOVER types) and ``bits`` (the bucket count is 2**bits); with a dense head also ``d_w2``
(inputs or hidden units × classes), for a hidden layer ``d_w1``/``d_b1`` (ReLU), and
``vectors`` (the vector source). A token is proposed as a trigger of the most probable type
when that type's probability reaches the threshold.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from spacy.tokens import Doc, Token

from ingest.trigger_features import dense_features, features, is_candidate
from ingest.trigger_vectors import WORDLLAMA, SubwordVectors, load_vectors
from ingest.triggers import Lexicon, default_lexicon

NONE = "NONE"
WEIGHTS = "weights.npz"


def feature_ids(token: Token, bits: int, lexicon: Lexicon | None = None) -> NDArray[np.int64]:
    mask = (1 << bits) - 1
    found = features(token, lexicon)
    return np.fromiter((zlib.crc32(f.encode()) & mask for f in found), dtype=np.int64)


@dataclass(frozen=True)
class DenseHead:
    """Class scores from dense inputs: linear (``w1`` None) or one ReLU hidden layer."""

    w2: NDArray[np.float32]
    w1: NDArray[np.float32] | None = None
    b1: NDArray[np.float32] | None = None

    def hidden(self, x: NDArray[np.float32]) -> NDArray[np.float32]:
        if self.w1 is None or self.b1 is None:
            return x
        return np.maximum(_product(x, self.w1) + self.b1, 0.0)

    def scores(self, x: NDArray[np.float32]) -> NDArray[np.float32]:
        return np.asarray(_product(self.hidden(x), self.w2), dtype=np.float32)


def _product(x: NDArray[np.float32], w: NDArray[np.float32]) -> NDArray[np.float32]:
    """``x @ w`` in one thread: the matrices of one document are small, and a multi-threaded
    BLAS spends more CPU waking and spinning its threads than multiplying (measured: 4 ms of
    CPU against 0.7 ms for 60 × 1280 by 1280 × 17 on the loaded 2-core machine)."""
    return np.asarray(np.einsum("ij,jk->ik", x, w), dtype=np.float32)


@dataclass(frozen=True)
class LinearTriggerModel:
    weights: NDArray[np.float32]
    labels: tuple[str, ...]
    bits: int
    lexicon: Lexicon | None = None  # set when the model was trained with rule features
    dense: DenseHead | None = None
    vectors: SubwordVectors | None = None  # set with a dense head

    def scores(self, tokens: list[Token]) -> NDArray[np.float64]:
        """Unnormalised class scores of candidate tokens of one document (rows)."""
        out = np.stack(
            [
                self.weights[feature_ids(t, self.bits, self.lexicon)].sum(axis=0, dtype=np.float64)
                for t in tokens
            ]
        )
        if self.dense is not None and self.vectors is not None:
            out += self.dense.scores(dense_features(tokens, self.vectors))
        return out

    def predict(self, doc: Doc, threshold: float) -> list[tuple[int, str, float]]:
        """(token index, type, probability) of every candidate the model calls a trigger."""
        tokens = [t for t in doc if is_candidate(t)]
        if not tokens:
            return []
        scores = self.scores(tokens)
        scores -= scores.max(axis=1, keepdims=True)
        probs = np.exp(scores)
        probs /= probs.sum(axis=1, keepdims=True)
        probs[:, 0] = 0.0  # NONE is label 0
        best = probs.argmax(axis=1)
        return [
            (t.i, self.labels[b], float(probs[n, b]))
            for n, (t, b) in enumerate(zip(tokens, best, strict=True))
            if probs[n, b] >= threshold
        ]

    def save(self, directory: Path) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / WEIGHTS
        arrays: dict[str, NDArray[np.generic]] = {
            "w": self.weights.astype(np.float16),
            "labels": np.array(self.labels),
            "bits": np.array(self.bits),
            "rule_features": np.array(self.lexicon is not None),
        }
        if self.dense is not None and self.vectors is not None:
            arrays["vectors"] = np.array(self.vectors.name)
            arrays["d_w2"] = self.dense.w2.astype(np.float16)
            if self.dense.w1 is not None and self.dense.b1 is not None:
                arrays["d_w1"] = self.dense.w1.astype(np.float16)
                arrays["d_b1"] = self.dense.b1.astype(np.float16)
        np.savez_compressed(path, **arrays)  # type: ignore[arg-type]
        return path

    @classmethod
    def load(cls, directory: Path) -> LinearTriggerModel:
        """The saved model (with the shipped lexicon when it was trained with rule features,
        and its word vectors when it has a dense head)."""
        with np.load(directory / WEIGHTS) as data:
            files = set(data.files)
            rules = "rule_features" in files and bool(data["rule_features"])

            def f32(key: str) -> NDArray[np.float32] | None:
                return np.asarray(data[key], dtype=np.float32) if key in files else None

            dense = vectors = None
            w2 = f32("d_w2")
            if w2 is not None:
                dense = DenseHead(w2, f32("d_w1"), f32("d_b1"))
                source = str(data["vectors"])  # wordllama, or a table beside the weights
                vectors = load_vectors(source if source == WORDLLAMA else str(directory / source))
            return cls(
                np.asarray(data["w"], dtype=np.float32),
                tuple(str(x) for x in data["labels"]),
                int(data["bits"]),
                default_lexicon() if rules else None,
                dense,
                vectors,
            )
