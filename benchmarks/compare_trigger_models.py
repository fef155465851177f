"""Trigger + type model candidates side by side, k-fold cross-validated on the labelled
corpus (``data/training``; folds by document): the lexicon rules (not trained: the same
folds scored for comparison), the linear model over parse features (``ingest.trigger_linear``)
with and without rule features, the same with a dense head over static word vectors of each
``--vectors`` source (``ingest.trigger_vectors``: linear, or an MLP of ``--hidden`` units),
and optionally spaCy's own ``ner`` tagger with its own tok2vec trained by ``spacy train``
(``--spacy``, slow: one fold, 6 epochs).

Usage: ``python benchmarks/compare_trigger_models.py [data/training] [--k 5] [--spacy]
[--vectors wordllama DIR...] [--hidden 128]``.
Scores: triggers (root token and type of each labelled trigger) and sentence types (the set
of types of a sentence, NONE for none), micro P/R/F1, mean over folds.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

import spacy
from spacy.tokens import Doc

from ingest.components.rule_triggers import RuleTriggers
from ingest.nlp import load_base
from ingest.proposals import proposals
from ingest.training.corpus import Sentence, folds
from ingest.training.cv import cross_validate_linear
from ingest.training.linear_train import FitOptions, parse, token_labels
from ingest.training.run import corpus_sentences
from ingest.training.scores import Scores, score_sets, table_row
from ingest.training.train import score as score_spacy
from ingest.training.train import train_model
from ingest.trigger_vectors import load_vectors
from ingest.triggers import default_lexicon


def rule_scores(docs: list[Doc], sentences: list[Sentence]) -> Scores:
    rules = RuleTriggers(default_lexicon())
    gold = [set(token_labels(d, s).items()) for s, d in zip(sentences, docs, strict=True)]
    found = [{(s.root.i, s.label_) for s, _ in proposals(rules(d))} for d in docs]
    return score_sets(found, gold)


THRESHOLDS = (0.2, 0.3, 0.4, 0.5)


def _variants(sources: list[str], hidden: int) -> list[tuple[str, dict[str, Any]]]:
    """The linear model's settings compared: parse features alone, with rule features, and
    for each vector source a linear and an MLP dense head (with and without rule features)."""
    out: list[tuple[str, dict[str, Any]]] = [
        ("linear", {}),
        ("linear+rules", {"lexicon": default_lexicon()}),
    ]
    mlp = FitOptions(hidden=hidden)
    for source in sources:
        vectors = load_vectors(source)
        short = Path(source).name
        out += [
            (f"linear+{short}", {"vectors": vectors}),
            (f"linear+{short} mlp{hidden}", {"vectors": vectors, "options": mlp}),
            (
                f"linear+rules+{short} mlp{hidden}",
                {"vectors": vectors, "options": mlp, "lexicon": default_lexicon()},
            ),
        ]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path, nargs="?", default=Path("data/training"))
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--spacy", action="store_true", help="also spaCy ner (one fold)")
    parser.add_argument(
        "--vectors",
        nargs="*",
        default=["wordllama"],
        help="word vector sources: wordllama and/or table directories (ingest.trigger_vectors)",
    )
    parser.add_argument("--hidden", type=int, default=128, help="hidden units of the MLP head")
    args = parser.parse_args()
    sentences, _ = corpus_sentences(args.corpus)
    print(f"{len(sentences)} sentences, {sum(1 for s in sentences if s.events)} with events")
    nlp = load_base("en_core_web_sm")
    print(f"{'':40}" + "".join(f"{f:>11}" for f in Scores.__dataclass_fields__))
    docs = parse(nlp, sentences)
    by_id = dict(zip((s.id for s in sentences), docs, strict=True))
    rows = [rule_scores([by_id[s.id] for s in te], te) for _, te in folds(sentences, args.k)]
    print(table_row("rules (not trained)", rows, width=40))
    for name, settings in _variants(args.vectors, args.hidden):
        started = time.perf_counter()
        found = cross_validate_linear(
            nlp, sentences, k=args.k, thresholds=THRESHOLDS, docs=docs, **settings
        )
        took = time.perf_counter() - started
        for threshold, scores in found.items():
            print(
                table_row(f"{name} thr={threshold}", scores, width=40) + f"  ({took:.0f}s)",
                flush=True,
            )
    if args.spacy:
        train_part, test_part = next(folds(sentences, args.k))
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            best = train_model(
                train_part, Path(tmp) / "ner", kind="ner", overrides={"training.max_epochs": 6}
            )
            took = time.perf_counter() - started
            print(
                table_row(
                    "spaCy ner (fold 1, exact spans)",
                    [score_spacy(spacy.load(best), test_part)],
                    width=40,
                )
                + f"  ({took:.0f}s)"
            )


if __name__ == "__main__":
    main()
