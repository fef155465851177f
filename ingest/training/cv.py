"""k-fold cross-validation of the linear trigger model on the labelled corpus.

Scores (micro P/R/F1): triggers (the labelled trigger's root token with its type) and
sentence types (the set of event types of a sentence, NONE for none). Folds keep each
document's sentences together.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from ingest.training.corpus import Sentence, folds
from ingest.training.linear_train import (
    SHIPPED_FIT,
    FitOptions,
    dense_examples,
    examples,
    fit,
    parse,
    token_labels,
)
from ingest.training.scores import Scores, score_sets
from ingest.trigger_linear import LinearTriggerModel
from ingest.trigger_vectors import SubwordVectors
from ingest.triggers import Lexicon


def score_linear(
    model: LinearTriggerModel, docs: Sequence[Doc], sentences: Sequence[Sentence], threshold: float
) -> Scores:
    """Scores of the model on parsed labelled sentences."""
    gold = [
        set(token_labels(doc, sentence).items())
        for sentence, doc in zip(sentences, docs, strict=True)
    ]
    found = [{(i, label) for i, label, _ in model.predict(doc, threshold)} for doc in docs]
    return score_sets(found, gold)


def cross_validate_linear(
    nlp: Language,
    sentences: list[Sentence],
    *,
    k: int = 5,
    options: FitOptions = SHIPPED_FIT,
    thresholds: Sequence[float] = (0.5,),
    lexicon: Lexicon | None = None,
    docs: Sequence[Doc] = (),
    vectors: SubwordVectors | None = None,
) -> dict[float, list[Scores]]:
    """Per threshold, the scores of ``k`` models each trained without one fold (with
    ``vectors``: a dense head too)."""
    bits = options.bits
    out: dict[float, list[Scores]] = {t: [] for t in thresholds}
    parsed = dict(zip((s.id for s in sentences), docs or parse(nlp, sentences), strict=True))
    blocks = {
        s.id: (
            examples([parsed[s.id]], [s], bits, lexicon),
            None if vectors is None else dense_examples([parsed[s.id]], [s], vectors),
        )
        for s in sentences
    }
    for train_part, test_part in folds(sentences, k):
        xs = [x for s in train_part for x in blocks[s.id][0][0]]
        ys = np.concatenate([blocks[s.id][0][1] for s in train_part])
        dense = None
        if vectors is not None:
            dense = np.concatenate([blocks[s.id][1] for s in train_part])
        model = fit(xs, ys, options, lexicon=lexicon, dense=dense, vectors=vectors)
        test_docs = [parsed[s.id] for s in test_part]
        for threshold in thresholds:
            out[threshold].append(score_linear(model, test_docs, test_part, threshold))
    return out
