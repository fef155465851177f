"""Fit the linear trigger model (``ingest.trigger_linear``) on labelled sentences.

Each candidate token of a sentence parsed by the base pipeline is one example: its label is
the PLOVER type of the labelled trigger whose syntactic root it is, or NONE. A softmax
regression over hashed features is fitted by AdaGrad with a fixed seed (numpy only).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from spacy.language import Language
from spacy.tokens import Doc

from ingest.training.corpus import Sentence
from ingest.trigger_features import is_candidate
from ingest.trigger_linear import NONE, LinearTriggerModel, feature_ids
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
        for token in doc:
            if is_candidate(token) or token.i in labels:
                xs.append(feature_ids(token, bits, lexicon))
                ys.append(index[labels.get(token.i, NONE)])
    return xs, np.array(ys, dtype=np.int64)


def fit(
    xs: list[NDArray[np.int64]],
    ys: NDArray[np.int64],
    *,
    bits: int = 18,
    epochs: int = 12,
    learn_rate: float = 0.3,
    l2: float = 1e-6,
    seed: int = 0,
    batch: int = 64,
    none_weight: float = 1.0,
    lexicon: Lexicon | None = None,
) -> LinearTriggerModel:
    """Softmax regression by mini-batch AdaGrad; deterministic for a given seed.
    ``none_weight`` < 1 weighs the (many) non-trigger tokens less, trading precision for
    recall. ``lexicon``: the examples carry rule features (``ingest.trigger_features``); the
    model then computes them at run time too."""
    rng = np.random.default_rng(seed)
    n_classes = len(LABELS)
    weights = np.zeros((1 << bits, n_classes), dtype=np.float32)
    history = np.full_like(weights, 1e-8)
    for _ in range(epochs):
        order = rng.permutation(len(xs))
        for start in range(0, len(order), batch):
            chosen = order[start : start + batch]
            ids = [xs[i] for i in chosen]
            flat = np.concatenate(ids)
            owner = np.repeat(np.arange(len(ids)), [len(x) for x in ids])
            scores = np.zeros((len(ids), n_classes), dtype=np.float64)
            np.add.at(scores, owner, weights[flat])
            scores -= scores.max(axis=1, keepdims=True)
            probs = np.exp(scores)
            probs /= probs.sum(axis=1, keepdims=True)
            probs[np.arange(len(ids)), ys[chosen]] -= 1.0
            probs[ys[chosen] == 0] *= none_weight
            grad = np.zeros((len(flat), n_classes), dtype=np.float32)
            grad[:] = probs[owner]
            rows, inverse = np.unique(flat, return_inverse=True)
            summed = np.zeros((len(rows), n_classes), dtype=np.float32)
            np.add.at(summed, inverse, grad)
            summed += l2 * weights[rows]
            history[rows] += summed**2
            weights[rows] -= learn_rate * summed / np.sqrt(history[rows])
    return LinearTriggerModel(weights, LABELS, bits, lexicon)
