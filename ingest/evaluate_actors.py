"""Actor and date figures beside the event scores: on events whose type matches, are the
source and target right, and is the date right?

- Article gold (``seed-gold.json``, ``dev/voa/*.json``): a gold event is *paired* with the
  predictions of one of its types whose evidence sentence contains one of its evidence quotes
  (a run of five words, or the whole quote when shorter). Its actors are right when a paired
  prediction matches it (``ingest.evaluate.event_matches``: source and target countries or
  organisations). Date accuracy is computed on the gold events some prediction matches, with
  the gold ``date`` read as a list of accepted values (``null`` in it: "no day can be told", a
  prediction is then right when undated or not at day precision).
- Sentence gold (PLOVER records, one main event per sentence): a record is paired with the
  predictions of its sentence that have one of its types; right when one of them matches.

Gold is read raw (one file, a JSON list, or a directory of ``*.json``) so that these figures
do not depend on how ``ingest.evaluate`` models dates.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from ingest.evaluate import (
    ActorFigures,
    EvaluationError,
    GoldArticle,
    GoldEvent,
    PredEvent,
    article_gold,
    event_matches,
    sentence_gold,
)

_WORD = re.compile(r"[\w']+")
_RUN = 5


class _Evidence(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    text: str = ""


class EvidencedPrediction(PredEvent):
    """A predicted event with its evidence sentences."""

    evidence: tuple[_Evidence, ...] = ()


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text.replace("\u2019", "'"))]


def quote_in(quote: str, sentence: str) -> bool:
    """A quote (or, for long quotes, a run of five of its words) occurs in the sentence.

    >>> quote_in("Russia shelled the town ... on Monday", "Russia shelled the town of X.")
    True
    """
    said = f" {' '.join(_words(sentence))} "
    for part in re.split(r"\.\.\.|\u2026", quote):
        words = _words(part)
        if not words:
            continue
        size = min(_RUN, len(words))
        for i in range(len(words) - size + 1):
            if f" {' '.join(words[i : i + size])} " in said:
                return True
    return False


def _accepted_dates(value: Any) -> tuple[dt.date | None, ...]:
    values = value if isinstance(value, list) else [value]
    out: list[dt.date | None] = []
    for item in values:
        out.append(None if item is None else dt.date.fromisoformat(str(item)))
    return tuple(out)


def date_right(accepted: Sequence[dt.date | None], pred: PredEvent) -> bool:
    """The predicted date is one of the accepted ones (``None``: undated or imprecise)."""
    if pred.date is not None and pred.date_precision == "day" and pred.date in accepted:
        return True
    return None in accepted and (pred.date is None or pred.date_precision != "day")


def _both_sides(gold: GoldEvent, pred: PredEvent) -> tuple[bool, bool]:
    """(source right, target right) of a prediction of the gold event's type."""
    source_only = gold.model_copy(update={"target": (), "target_optional": True})
    target_only = gold.model_copy(update={"source": ()})
    return event_matches(source_only, pred), event_matches(target_only, pred)


def _tally(
    pairs: Iterable[tuple[GoldEvent, list[PredEvent]]],
) -> tuple[int, int, int, int]:
    paired = sources = targets = both = 0
    for gold, preds in pairs:
        if not preds:
            continue
        paired += 1
        sides = [_both_sides(gold, p) for p in preds]
        sources += any(s for s, _ in sides)
        targets += any(t for _, t in sides)
        both += any(s and t for s, t in sides)
    return paired, sources, targets, both


def _rate(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def _figures(
    pairs: Iterable[tuple[GoldEvent, list[PredEvent]]],
    date_checked: int | None = None,
    date_right: int = 0,
) -> ActorFigures:
    """The figures of ``pairs`` (gold, same-type predictions); dates only where checked."""
    paired, sources, targets, both = _tally(pairs)
    dates: dict[str, Any] = {}
    if date_checked is not None:
        dates = {
            "date_checked": date_checked,
            "date_right": date_right,
            "date_accuracy": _rate(date_right, date_checked),
        }
    return ActorFigures(
        paired=paired,
        source_right=sources,
        target_right=targets,
        both_right=both,
        actor_accuracy=_rate(both, paired),
        **dates,
    )


def without_dates(
    raw: dict[str, Any],
) -> tuple[GoldArticle, dict[str, tuple[dt.date | None, ...]]]:
    """The gold article with its dates taken out (kept aside as lists of accepted values) and
    a place given several names ("Sohae", "Sohae Satellite Launching Ground") by its first."""
    events = []
    dates: dict[str, tuple[dt.date | None, ...]] = {}
    for event in raw.get("events", []):
        dates[str(event["id"])] = _accepted_dates(event.get("date"))
        place = event.get("place")
        if isinstance(place, dict) and isinstance(place.get("name"), list):
            place = {**place, "name": str(place["name"][0])}
        events.append({**event, "date": None, "place": place})
    return article_gold({**raw, "events": events}), dates


def article_figures(
    gold_articles: Sequence[dict[str, Any]], predictions: Sequence[EvidencedPrediction]
) -> ActorFigures:
    """Actor figures over required gold events paired by type and evidence; date accuracy
    over gold events (required or optional) that a prediction matches."""
    pairs: list[tuple[GoldEvent, list[PredEvent]]] = []
    date_checked = date_hits = 0
    for raw in gold_articles:
        gold, dates = without_dates(raw)
        evidence = {str(e["id"]): list(e.get("evidence") or []) for e in raw.get("events", [])}
        preds = [p for p in predictions if p.article_id == gold.article_id]
        for event in gold.events:
            matched = [p for p in preds if event_matches(event, p)]
            if matched:
                date_checked += 1
                date_hits += any(date_right(dates[event.id], p) for p in matched)
            if event.optional:
                continue
            quotes = evidence[event.id]
            same: list[PredEvent] = [
                p
                for p in preds
                if p.type in event.types
                and any(quote_in(q, e.text) for q in quotes for e in p.evidence)
            ]
            pairs.append((event, same))
    return _figures(pairs, date_checked, date_hits)


#: Codes in the PLOVER gold records that are not ISO 3166 alpha-3 (typos of the coders).
GOLD_FIXES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
#: CAMEO's code for a transnational militant group: such actors are matched by name.
_GROUP_CODES = frozenset({"IMG"})


def _fixed_actor(actor: Any) -> Any:
    if not isinstance(actor, dict) or not isinstance(actor.get("code"), str):
        return actor
    code = GOLD_FIXES.get(actor["code"], actor["code"])
    return {**actor, "code": None if code in _GROUP_CODES else code}


def fixed_record(record: dict[str, Any]) -> dict[str, Any]:
    """A PLOVER record with the coders' typos fixed and militant groups matched by name."""
    out = dict(record)
    for side in ("source", "target"):
        actors = record.get(side)
        if not isinstance(actors, list):
            continue
        out[side] = [_fixed_actor(a) for a in actors]
    return out


def sentence_figures(
    records: Sequence[dict[str, Any]], predictions: Sequence[PredEvent]
) -> ActorFigures:
    """Actor figures over PLOVER records that have a prediction of their type."""
    by_article: dict[str, list[PredEvent]] = {}
    for p in predictions:
        by_article.setdefault(p.article_id, []).append(p)
    pairs = []
    for record in records:
        gold = sentence_gold(fixed_record(record))
        pairs.append((gold, [p for p in by_article.get(gold.id, []) if p.type in gold.types]))
    return _figures(pairs)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise EvaluationError(f"cannot read gold file {path}: {e}") from e


def _read_gold(path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(article gold objects, sentence records) of a file or a directory of JSON files."""
    if path.is_dir():
        articles: list[dict[str, Any]] = []
        for child in sorted(path.glob("*.json")):
            found, _ = _read_gold(child)
            articles.extend(found)
        return articles, []
    try:
        data = _read_json(path)
    except EvaluationError:
        data = None
    if isinstance(data, dict) and "events" in data:
        return [data], []
    if isinstance(data, list) and all(isinstance(d, dict) and "events" in d for d in data):
        return list(data), []
    lines = path.read_text(encoding="utf-8").splitlines()
    try:
        return [], [json.loads(line) for line in lines if line.strip()]
    except json.JSONDecodeError as e:
        raise EvaluationError(f"{path}: not a gold file the actor scorer knows: {e}") from e


def load_evidenced(path: Path) -> list[EvidencedPrediction]:
    """Predicted events (``dekg extract --format jsonl``) with their evidence."""
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            out.append(EvidencedPrediction.model_validate_json(line))
        except ValueError as e:
            raise EvaluationError(f"{path}: event {number}: not an event: {e}") from e
    return out


def actor_figures(gold_path: Path, predictions_path: Path) -> ActorFigures:
    """The figures for a gold file or directory (either kind) and a predictions file.

    Raises:
        EvaluationError: a file cannot be read.
    """
    articles, records = _read_gold(gold_path)
    predictions = load_evidenced(predictions_path)
    if articles:
        try:
            return article_figures(articles, predictions)
        except (KeyError, TypeError, ValueError) as e:
            raise EvaluationError(f"{gold_path}: not article gold the scorer knows: {e}") from e
    return sentence_figures(records, predictions)
