"""Fit the trigger model (``ingest.trigger_linear``) on labelled sentences.

Each candidate token of a sentence parsed by the base pipeline is one example: its label is
the PLOVER type of the labelled trigger whose syntactic root it is, or NONE. A softmax
regression over hashed features (plus, with word vectors, a dense head: linear or one ReLU
hidden layer) is fitted by mini-batch AdaGrad with a fixed seed (numpy only).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix
from spacy.language import Language
from spacy.tokens import Doc, Token

from ingest.training.corpus import Sentence
from ingest.training.settings import DENSE_RATE, HIDDEN, NONE_WEIGHT
from ingest.trigger_features import dense_features, is_candidate
from ingest.trigger_linear import NONE, DenseHead, LinearTriggerModel, feature_ids
from ingest.trigger_vectors import SubwordVectors
from ingest.triggers import Lexicon
from ontology.plover import EventType

LABELS = (NONE, *(t.value for t in EventType))


def token_labels(doc: Doc, sentence: Sentence) -> dict[int, str]:
    """Token index → type for the root token of each labelled trigger."""
    out: dict[int, str] = {}
    for event in sentence.events:
        span = doc.char_span(*event.trigger, alignment_mode="expand")
        if span is not None:
            out.setdefault(span.root.i, event.type)
    return out


def parse(nlp: Language, sentences: Sequence[Sentence]) -> list[Doc]:
    """The sentences parsed by the base pipeline (once: folds and thresholds reuse them)."""
    return list(nlp.pipe((s.text for s in sentences), batch_size=256))


def examples(
    docs: Sequence[Doc], sentences: Sequence[Sentence], bits: int, lexicon: Lexicon | None = None
) -> tuple[list[NDArray[np.int64]], NDArray[np.int64]]:
    """Feature ids and label index of every candidate token of the parsed sentences."""
    index = {label: i for i, label in enumerate(LABELS)}
    xs: list[NDArray[np.int64]] = []
    ys: list[int] = []
    for sentence, doc in zip(sentences, docs, strict=True):
        labels = token_labels(doc, sentence)
        for token in _candidates(doc, labels):
            xs.append(feature_ids(token, bits, lexicon))
            ys.append(index[labels.get(token.i, NONE)])
    return xs, np.array(ys, dtype=np.int64)


def _candidates(doc: Doc, labels: dict[int, str]) -> list[Token]:
    return [t for t in doc if is_candidate(t) or t.i in labels]


def dense_examples(
    docs: Sequence[Doc], sentences: Sequence[Sentence], vectors: SubwordVectors
) -> NDArray[np.float32]:
    """The dense rows of the same examples as ``examples`` (same order)."""
    rows = [
        dense_features(_candidates(doc, token_labels(doc, sentence)), vectors)
        for sentence, doc in zip(sentences, docs, strict=True)
    ]
    return np.concatenate(rows) if rows else np.zeros((0, 0), dtype=np.float32)


@dataclass(slots=True)
class _Dense:
    """The dense head's parameters and AdaGrad state while fitting."""

    x: NDArray[np.float32]
    w2: NDArray[np.float32]
    w1: NDArray[np.float32] | None
    b1: NDArray[np.float32] | None
    rate: float
    history: list[NDArray[np.float32]] = field(default_factory=list)

    @classmethod
    def start(
        cls, x: NDArray[np.float32], hidden: int, n_classes: int, rate: float, seed: int
    ) -> _Dense:
        rng = np.random.default_rng(seed + 1)
        if not hidden:
            return cls(x, np.zeros((x.shape[1], n_classes), np.float32), None, None, rate)
        w1 = rng.normal(0, 1 / np.sqrt(x.shape[1]), (x.shape[1], hidden)).astype(np.float32)
        w2 = rng.normal(0, 1 / np.sqrt(hidden), (hidden, n_classes)).astype(np.float32)
        return cls(x, w2, w1, np.zeros(hidden, np.float32), rate)

    def forward(self, rows: NDArray[np.int64]) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
        x = self.x[rows]
        if self.w1 is None or self.b1 is None:
            return x, x @ self.w2
        h = np.maximum(x @ self.w1 + self.b1, 0.0)
        return h, h @ self.w2

    def backward(
        self, rows: NDArray[np.int64], h: NDArray[np.float32], resid: NDArray[np.float32], l2: float
    ) -> None:
        grads = [h.T @ resid + l2 * self.w2]
        params = [self.w2]
        if self.w1 is not None and self.b1 is not None:
            gh = (resid @ self.w2.T) * (h > 0)
            grads += [self.x[rows].T @ gh + l2 * self.w1, gh.sum(axis=0)]
            params += [self.w1, self.b1]
        if not self.history:
            self.history = [np.full_like(p, 1e-8) for p in params]
        for i, grad in enumerate(grads):
            self.history[i] += grad**2
            params[i] -= self.rate * grad / np.sqrt(self.history[i])

    def head(self) -> DenseHead:
        return DenseHead(self.w2, self.w1, self.b1)


@dataclass(frozen=True, slots=True)
class FitOptions:
    """How the model is fitted (defaults: the shipped model's, ``ingest.training.settings``).

    ``none_weight`` < 1 weighs the (many) non-trigger tokens less, trading precision for
    recall; ``hidden``: ReLU units of the dense head (0: linear), fitted at ``dense_rate``.
    """

    bits: int = 18
    epochs: int = 12
    learn_rate: float = 0.3
    l2: float = 1e-6
    seed: int = 0
    batch: int = 64
    none_weight: float = NONE_WEIGHT
    hidden: int = HIDDEN
    dense_rate: float = DENSE_RATE


SHIPPED_FIT = FitOptions()


def fit(
    xs: list[NDArray[np.int64]],
    ys: NDArray[np.int64],
    options: FitOptions = SHIPPED_FIT,
    *,
    lexicon: Lexicon | None = None,
    dense: NDArray[np.float32] | None = None,
    vectors: SubwordVectors | None = None,
) -> LinearTriggerModel:
    """Softmax regression by mini-batch AdaGrad; deterministic for a given seed.
    ``lexicon``: the examples carry rule features (``ingest.trigger_features``); the
    model then computes them at run time too. ``dense`` (rows of ``dense_examples`` from
    ``vectors``): a dense head is fitted beside the sparse weights."""
    o = options
    rng = np.random.default_rng(o.seed)
    n_classes = len(LABELS)
    weights = np.zeros((1 << o.bits, n_classes), dtype=np.float32)
    history = np.full_like(weights, 1e-8)
    head = None if dense is None else _Dense.start(dense, o.hidden, n_classes, o.dense_rate, o.seed)
    for _ in range(o.epochs):
        order = rng.permutation(len(xs))
        for start in range(0, len(order), o.batch):
            chosen = order[start : start + o.batch]
            ids = [xs[i] for i in chosen]
            flat = np.concatenate(ids)
            owner = np.repeat(np.arange(len(ids)), [len(x) for x in ids])
            rows, inverse = np.unique(flat, return_inverse=True)
            counts = csr_matrix(
                (np.ones(len(flat), dtype=np.float32), (owner, inverse)),
                shape=(len(ids), len(rows)),
            )
            scores = np.asarray(counts @ weights[rows], dtype=np.float64)
            if head is not None:
                h, dense_scores = head.forward(chosen)
                scores += dense_scores
            scores -= scores.max(axis=1, keepdims=True)
            probs = np.exp(scores)
            probs /= probs.sum(axis=1, keepdims=True)
            probs[np.arange(len(ids)), ys[chosen]] -= 1.0
            probs[ys[chosen] == 0] *= o.none_weight
            resid = probs.astype(np.float32)
            if head is not None:
                head.backward(chosen, h, resid, o.l2)
            summed = np.asarray(counts.T @ resid, dtype=np.float32) + o.l2 * weights[rows]
            history[rows] += summed**2
            weights[rows] -= o.learn_rate * summed / np.sqrt(history[rows])
    if head is None:
        return LinearTriggerModel(weights, LABELS, o.bits, lexicon)
    return LinearTriggerModel(weights, LABELS, o.bits, lexicon, head.head(), vectors)
