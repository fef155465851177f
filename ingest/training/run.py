"""The training use case behind ``dekg train``: corpus → shipped trigger model, or k-fold
cross-validation figures. Deterministic for a given corpus and seed."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from statistics import mean

from spacy.tokens import Doc

from ingest.nlp import load_base
from ingest.training import TrainingError
from ingest.training import linear_train as lt
from ingest.training.corpus import Sentence, load_corpus
from ingest.training.cv import cross_validate_linear
from ingest.training.scores import Scores
from ingest.training.settings import DEFAULT_THRESHOLD, RULE_FEATURES, VECTORS
from ingest.trigger_vectors import load_vectors
from ingest.triggers import default_lexicon

META = "meta.json"


@dataclass(slots=True)
class TrainReport:
    sentences: int
    with_events: int
    events_by_type: dict[str, int]
    dropped: list[str] = field(default_factory=list)
    output: str | None = None
    cross_validation: dict[str, dict[str, float]] = field(default_factory=dict)


def gold_exclusions(paths: Iterable[Path]) -> tuple[set[str], list[str]]:
    """Documents and quotes of evaluation gold that training must never see: article gold
    (``*.json``: ``voa-<id>`` documents and evidence quotes) and sentence gold (``*.jsonl``)."""
    docs: set[str] = set()
    quotes: list[str] = []
    for path in paths:
        files = sorted(path.glob("*.json*")) if path.is_dir() else [path]
        for file in files:
            text = file.read_text(encoding="utf-8")
            if file.suffix == ".jsonl":
                quotes += [json.loads(x)["text"] for x in text.splitlines() if x.strip()]
                continue
            data = json.loads(text)
            docs.add(f"voa-{data['article']['id']}")
            quotes += [q for e in data.get("events", []) for q in e.get("evidence", [])]
    return docs, [q for q in quotes if len(q) >= 20]


def _clean(sentences: list[Sentence], quotes: Sequence[str]) -> tuple[list[Sentence], list[str]]:
    kept: list[Sentence] = []
    dropped: list[str] = []
    for s in sentences:
        if any(q in s.text or s.text in q for q in quotes):
            dropped.append(s.id)
        else:
            kept.append(s)
    return kept, dropped


def _report(sentences: list[Sentence], dropped: list[str]) -> TrainReport:
    counts = Counter(e.type for s in sentences for e in s.events)
    return TrainReport(
        sentences=len(sentences),
        with_events=sum(1 for s in sentences if s.events),
        events_by_type=dict(sorted(counts.items())),
        dropped=dropped,
    )


def corpus_sentences(
    corpus: Path, exclude_gold: Sequence[Path] = (), annotator: str = "a1"
) -> tuple[list[Sentence], list[str]]:
    docs, quotes = gold_exclusions(exclude_gold)
    sentences, reports = load_corpus(corpus, annotator=annotator, exclude_docs=docs)
    problems = [p for r in reports for p in r.problems]
    kept, leaked = _clean(sentences, quotes)
    return kept, problems + [f"{i}: overlaps an evaluation sentence" for i in leaked]


def train(
    corpus: Path,
    output: Path,
    options: lt.FitOptions = lt.SHIPPED_FIT,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    exclude_gold: Sequence[Path] = (),
    model: str = "en_core_web_sm",
    rule_features: bool = RULE_FEATURES,
    vectors: str | None = VECTORS,
    parsed: Callable[[list[Sentence]], Sequence[Doc]] | None = None,
) -> TrainReport:
    """Fit the trigger model on the whole corpus and write it to ``output`` (``vectors``: a
    source of ``ingest.trigger_vectors`` for the dense head, ``None`` for none; ``parsed``:
    the sentences' parses by ``model`` when the caller has them already)."""
    sentences, dropped = corpus_sentences(corpus, exclude_gold)
    report = _report(sentences, dropped)
    lexicon = default_lexicon() if rule_features else None
    docs = parsed(sentences) if parsed else lt.parse(load_base(model), sentences)
    xs, ys = lt.examples(docs, sentences, options.bits, lexicon)
    if len(set(ys.tolist())) < 2:
        raise TrainingError("the corpus needs sentences with and without events")
    table = None if vectors is None else load_vectors(vectors)
    dense = None if table is None else lt.dense_examples(docs, sentences, table)
    fitted = lt.fit(xs, ys, options, lexicon=lexicon, dense=dense, vectors=table)
    fitted.save(output)
    meta = {
        "seed": options.seed,
        "bits": options.bits,
        "threshold": threshold,
        "rule_features": rule_features,
        "none_weight": options.none_weight,
        "vectors": vectors,
        "hidden": options.hidden if vectors else 0,
        **asdict(report),
    }
    meta.pop("dropped")
    (output / META).write_text(json.dumps(meta, indent=1), encoding="utf-8")
    report.output = str(output)
    return report


def cross_validate(
    corpus: Path,
    options: lt.FitOptions = lt.SHIPPED_FIT,
    *,
    k: int = 5,
    thresholds: Sequence[float] = (0.3, 0.4, 0.5, 0.6, 0.7),
    exclude_gold: Sequence[Path] = (),
    model: str = "en_core_web_sm",
    rule_features: bool = RULE_FEATURES,
    vectors: str | None = VECTORS,
) -> TrainReport:
    """Mean k-fold scores per threshold of the model ``train`` would fit (nothing written)."""
    sentences, dropped = corpus_sentences(corpus, exclude_gold)
    report = _report(sentences, dropped)
    found = cross_validate_linear(
        load_base(model),
        sentences,
        k=k,
        options=options,
        thresholds=thresholds,
        lexicon=default_lexicon() if rule_features else None,
        vectors=None if vectors is None else load_vectors(vectors),
    )
    for threshold, scores in found.items():
        fields = Scores.__dataclass_fields__
        report.cross_validation[str(threshold)] = {
            f: round(mean(getattr(s, f) for s in scores), 4) for f in fields
        }
    return report
