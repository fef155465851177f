"""Train the trigger model with ``spacy train`` from a config of this package, fixed seed;
score it on held-out sentences; k-fold cross-validation to compare model kinds.

``train_model`` writes ``<output>/model-best`` (the shipped model is a copy of it in
``ingest/data/trigger_model``). Scores: trigger spans (exact token span and type) and
sentence types (the set of event types of a sentence, NONE for none), micro P/R/F1.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language

from ingest.training import TrainingError
from ingest.training.corpus import Sentence, folds
from ingest.training.scores import Scores, prf
from ingest.training.spacy_data import SPANCAT_KEY, blank, trigger_spans, write_docbin

KINDS = ("ner", "spancat")


def config_path(kind: str) -> Path:
    if kind not in KINDS:
        raise TrainingError(f"unknown model kind {kind!r}; one of {', '.join(KINDS)}")
    return Path(str(resources.files("ingest.training").joinpath(f"configs/trigger_{kind}.cfg")))


def split_dev(
    sentences: list[Sentence], share: float = 0.1
) -> tuple[list[Sentence], list[Sentence]]:
    """A fixed train/dev split by document (every 1/share-th document is dev)."""
    docs = sorted({s.doc for s in sentences})
    step = max(2, round(1 / share))
    dev_docs = set(docs[::step])
    return [s for s in sentences if s.doc not in dev_docs], [
        s for s in sentences if s.doc in dev_docs
    ]


def train_model(
    sentences: list[Sentence],
    output: Path,
    *,
    kind: str = "ner",
    seed: int = 0,
    overrides: dict[str, object] | None = None,
) -> Path:
    """Train on ``sentences`` (a tenth of their documents kept for spaCy's dev scoring);
    returns the best model's directory."""
    from spacy.cli.train import train

    train_part, dev_part = split_dev(sentences)
    if not train_part or not dev_part:
        raise TrainingError("need sentences from at least two documents to train")
    output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        write_docbin(train_part, Path(tmp) / "train.spacy")
        write_docbin(dev_part, Path(tmp) / "dev.spacy")
        settings: dict[str, object] = {
            "paths.train": str(Path(tmp) / "train.spacy"),
            "paths.dev": str(Path(tmp) / "dev.spacy"),
            "system.seed": seed,
            **(overrides or {}),
        }
        train(config_path(kind), output, use_gpu=-1, overrides=settings)
    best = output / "model-best"
    if not best.is_dir():
        raise TrainingError(f"spacy train wrote no model-best under {output}")
    shutil.rmtree(output / "model-last", ignore_errors=True)
    return best


def predict(model: Language, texts: Iterable[str]) -> list[list[tuple[int, int, str]]]:
    """Trigger spans (token start, token end, type) the model finds in each text."""
    out = []
    for doc in model.pipe(texts):
        spans = doc.spans.get(SPANCAT_KEY, doc.ents)
        out.append(sorted((s.start, s.end, s.label_) for s in spans))
    return out


def score(model: Language, sentences: list[Sentence]) -> Scores:
    """Trigger-span and sentence-type micro P/R/F1 of ``model`` on labelled sentences."""
    nlp = blank()
    predicted = predict(model, (s.text for s in sentences))
    t_tp = t_pred = t_gold = y_tp = y_pred = y_gold = 0
    for sentence, found in zip(sentences, predicted, strict=True):
        gold = {
            (s.start, s.end, s.label_) for s in trigger_spans(nlp.make_doc(sentence.text), sentence)
        }
        t_tp, t_pred, t_gold = (
            t_tp + len(gold & set(found)),
            t_pred + len(found),
            t_gold + len(gold),
        )
        gold_types = {t for *_, t in gold} or {"NONE"}
        found_types = {t for *_, t in found} or {"NONE"}
        y_tp += len(gold_types & found_types)
        y_pred, y_gold = y_pred + len(found_types), y_gold + len(gold_types)
    return Scores(*prf(t_tp, t_pred, t_gold), *prf(y_tp, y_pred, y_gold))


def cross_validate(
    sentences: list[Sentence], *, kind: str, k: int = 5, seed: int = 0, work: Path
) -> list[Scores]:
    """Scores of ``k`` models, each trained without one fold of documents and scored on it."""
    results = []
    for i, (train_part, test_part) in enumerate(folds(sentences, k)):
        best = train_model(train_part, work / f"{kind}-fold{i}", kind=kind, seed=seed)
        results.append(score(spacy.load(best), test_part))
    return results
