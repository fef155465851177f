"""Scoring predicted events against gold files, as described in the extraction contract.

``evaluate_files`` reads a gold file or a directory of article gold files (``*.json``, one
article each, like ``../shared/eval/dev/voa/``) and a predictions file (``dekg extract
--format jsonl``) and returns an ``EvaluationReport``: per-article reports plus the totals over
all articles (micro-averaged precision/recall/F1, per-type counts, a gold × predicted type
confusion table), or the sentence-level report for PLOVER records. The gold and matching rules
live in ``ingest.eval_gold``, the one-to-one pairing and the scores in ``ingest.scoring``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError

from ingest.eval_gold import (
    EvaluationError,
    GoldActor,
    GoldArticle,
    GoldEvent,
    PredActor,
    PredEvent,
    _Loose,
    acronym,
    article_gold,
    event_matches,
    names_match,
    sentence_gold,
)
from ingest.scoring import (
    ArticleReport,
    SentenceReport,
    TypeCounts,
    f1,
    rate,
    score_article,
    score_sentences,
)

__all__ = [
    "ArticleReport",
    "EvaluationError",
    "EvaluationReport",
    "GoldActor",
    "GoldArticle",
    "GoldEvent",
    "PredActor",
    "PredEvent",
    "SentenceReport",
    "Totals",
    "acronym",
    "article_gold",
    "evaluate_files",
    "event_matches",
    "load_gold",
    "load_predictions",
    "names_match",
    "score_article",
    "score_sentences",
    "sentence_gold",
]


class Totals(_Loose):
    """Article-level scores summed over every article of the gold."""

    articles: int
    predictions: int
    matched_predictions: int
    optional_predictions: int
    precision: float | None
    gold_events: int
    recalled: int
    recall: float | None
    f1: float | None
    date_checked: int
    date_correct: int
    date_accuracy: float | None
    by_type: dict[str, TypeCounts] = Field(default_factory=dict)
    confusion: dict[str, dict[str, int]] = Field(default_factory=dict)


class ActorFigures(_Loose):
    """On gold events with a prediction of their type, how many have source and target right
    (computed by ``ingest.evaluate_actors``); date accuracy on matched article events."""

    paired: int
    source_right: int
    target_right: int
    both_right: int
    actor_accuracy: float | None
    date_checked: int = 0
    date_right: int = 0
    date_accuracy: float | None = None


class EvaluationReport(_Loose):
    kind: Literal["article", "sentence"]
    articles: tuple[ArticleReport, ...] = ()
    totals: Totals | None = None
    sentences: SentenceReport | None = None
    actors: ActorFigures | None = None


def totals(reports: tuple[ArticleReport, ...]) -> Totals:
    """Micro-averaged scores, per-type counts and confusion over all articles."""
    s = {k: sum(getattr(r, k) for r in reports) for k in _SUMMED}
    by_type: dict[str, dict[str, int]] = {}
    confusion: dict[str, dict[str, int]] = {}
    for r in reports:
        for t, c in r.by_type.items():
            row = by_type.setdefault(t, {})
            for k, v in c.model_dump().items():
                row[k] = row.get(k, 0) + v
        for g, preds in r.confusion.items():
            for p, n in preds.items():
                confusion.setdefault(g, {})[p] = confusion.get(g, {}).get(p, 0) + n
    precision = rate(s["matched_predictions"], s["predictions"] - s["optional_predictions"])
    recall = rate(s["recalled"], s["gold_events"])
    return Totals(
        articles=len(reports),
        precision=precision,
        recall=recall,
        f1=f1(precision, recall),
        date_accuracy=rate(s["date_correct"], s["date_checked"]),
        by_type={t: TypeCounts(**c) for t, c in sorted(by_type.items())},
        confusion=confusion,
        **s,
    )


_SUMMED = (
    "predictions",
    "matched_predictions",
    "optional_predictions",
    "gold_events",
    "recalled",
    "date_checked",
    "date_correct",
)


def _json_lines(path: Path) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise EvaluationError(f"{path}:{number}: malformed JSON: {e.msg}") from e
        if not isinstance(row, dict):
            raise EvaluationError(f"{path}:{number}: expected a JSON object")
        rows.append(row)
    return rows


def load_predictions(path: Path) -> list[PredEvent]:
    """The events of a ``dekg extract --format jsonl`` output file.

    Raises:
        EvaluationError: a line is not JSON or not an event.
    """
    events = []
    for number, row in enumerate(_json_lines(path), start=1):
        try:
            events.append(PredEvent.model_validate(row))
        except ValidationError as e:
            raise EvaluationError(f"{path}: event {number}: {e.errors()[0]['msg']}") from e
    return events


def load_gold(path: Path) -> list[GoldArticle] | list[GoldEvent]:
    """Article gold (a JSON object or list of them, or a directory of such files) or
    sentence gold (JSON lines), detected.

    Raises:
        EvaluationError: the file is neither, or a directory holds no gold file.
    """
    if path.is_dir():
        files = sorted(path.glob("*.json"))
        if not files:
            raise EvaluationError(f"no *.json gold files in {path}")
        articles: list[GoldArticle] = []
        for file in files:
            found = load_gold(file)
            if not all(isinstance(g, GoldArticle) for g in found):
                raise EvaluationError(f"{file}: a gold directory holds article gold only")
            articles.extend(g for g in found if isinstance(g, GoldArticle))
        return articles
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise EvaluationError(f"cannot read gold file {path}: {e}") from e
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        data = None
    try:
        if isinstance(data, dict) and "events" in data:
            return [article_gold(data)]
        if isinstance(data, list) and all(isinstance(d, dict) and "events" in d for d in data):
            return [article_gold(d) for d in data]
        return [sentence_gold(row) for row in _json_lines(path)]
    except (KeyError, TypeError, ValidationError) as e:
        raise EvaluationError(f"{path}: not a gold file the scorer knows: {e}") from e


def evaluate_files(gold_path: Path, predictions_path: Path) -> EvaluationReport:
    """Score a predictions file against a gold file (or directory of article gold)."""
    from ingest.evaluate_actors import actor_figures  # imported here: it builds on this module

    gold = load_gold(gold_path)
    predictions = load_predictions(predictions_path)
    actors = actor_figures(gold_path, predictions_path)
    articles = [g for g in gold if isinstance(g, GoldArticle)]
    if articles:
        reports = tuple(score_article(g, predictions) for g in articles)
        return EvaluationReport(
            kind="article", articles=reports, totals=totals(reports), actors=actors
        )
    records = [g for g in gold if isinstance(g, GoldEvent)]
    return EvaluationReport(
        kind="sentence", sentences=score_sentences(records, predictions), actors=actors
    )
