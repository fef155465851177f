"""Scoring predicted events against gold, as described in the extraction contract.

Two kinds of gold:

- article gold (``seed-gold.json``): events with ``type`` (a list of accepted types),
  ``source``/``target`` (country codes or organisation names), ``symmetric``, ``optional``,
  ``target_optional``, ``date`` and ``place``. Scores: precision, recall, date accuracy, place
  accuracy; ``must_not`` notes are reported verbatim for a human to check.
- sentence gold (PLOVER records, one JSON object a line): one main event per sentence. Scores:
  event recall and type accuracy.

Predictions are the events ``dekg extract --format jsonl`` prints, one JSON object a line.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ingest import InputError

#: Old PLOVER category names in the gold standard records and their current names.
OLD_TYPE_NAMES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
#: Actor codes that say what an actor is rather than which state it belongs to.
NAME_CODES = frozenset({"IGO", "NGO"})
_COUNTRY_CODE = re.compile(r"^[A-Z]{3}$")
_ACRONYM_STOP = frozenset({"of", "the", "and", "for", "on", "in", "de", "la", "des", "du"})
_NAME_PUNCT = re.compile(r"[.\u2019']")
_NON_WORD = re.compile(r"[^\w]+")


class EvaluationError(InputError):
    """A gold or prediction file cannot be read."""


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


# ---------------------------------------------------------------- predictions


class PredActor(_Loose):
    name: str = ""
    country: str | None = None
    kind: str | None = None
    id: str | None = None
    aliases: tuple[str, ...] = ()


class PredPlace(_Loose):
    name: str = ""
    country: str | None = None


class PredEvent(_Loose):
    id: str = ""
    article_id: str
    type: str
    source: tuple[PredActor, ...] = ()
    target: tuple[PredActor, ...] = ()
    date: dt.date | None = None
    date_precision: str = "unknown"
    place: PredPlace | None = None


# ---------------------------------------------------------------- gold


class GoldActor(_Loose):
    """A gold actor: a state code (``USA``) or, for organisations, a name (``NATO``)."""

    code: str | None = None
    name: str | None = None

    @property
    def is_state(self) -> bool:
        return bool(self.code and _COUNTRY_CODE.match(self.code) and self.code not in NAME_CODES)

    def matches(self, actor: PredActor) -> bool:
        if self.is_state:
            return actor.country == self.code
        wanted = self.name or self.code or ""
        return any(names_match(wanted, name) for name in _names_of(actor))


class GoldPlace(_Loose):
    name: str
    country: str | None = None


class GoldEvent(_Loose):
    id: str
    types: frozenset[str]
    source: tuple[GoldActor, ...] = ()
    target: tuple[GoldActor, ...] = ()
    symmetric: bool = False
    optional: bool = False
    target_optional: bool = False
    date: dt.date | None = None
    place: GoldPlace | None = None


class GoldArticle(_Loose):
    article_id: str
    events: tuple[GoldEvent, ...]
    must_not: tuple[str, ...] = ()


# ---------------------------------------------------------------- reports


class ArticleReport(_Loose):
    """Article-level scores; rates are ``None`` when their denominator is zero."""

    article_id: str
    predictions: int
    matched_predictions: int = Field(description="predictions matching a non-optional gold event")
    optional_predictions: int = Field(description="predictions matching only optional events")
    precision: float | None
    gold_events: int = Field(description="non-optional gold events")
    recalled: int
    recall: float | None
    date_checked: int
    date_correct: int
    date_accuracy: float | None
    place_checked: int
    place_correct: int
    place_accuracy: float | None
    missed: tuple[str, ...] = Field(description="non-optional gold events no prediction matches")
    false_positives: tuple[str, ...] = Field(description="'id TYPE' of unmatched predictions")
    must_not: tuple[str, ...] = Field(description="prose checks for a human, verbatim")


class SentenceReport(_Loose):
    """Sentence-level scores over PLOVER gold records."""

    records: int
    predictions: int
    matched: int
    event_recall: float | None
    with_right_source: int = Field(description="records with a predicted event of right source")
    right_type: int = Field(description="... of which one has the right type")
    type_accuracy: float | None
    missed: tuple[str, ...]


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
    sentences: SentenceReport | None = None
    actors: ActorFigures | None = None


# ---------------------------------------------------------------- names


def _normal_name(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = _NON_WORD.sub(" ", _NAME_PUNCT.sub("", text)).lower().strip()
    return text.removeprefix("the ").strip()


def acronym(name: str) -> str:
    """Initials of a name's significant words; all-capital words count whole ("UN", "NATO").

    >>> acronym("North Atlantic Treaty Organization"), acronym("U.N. Security Council")
    ('NATO', 'UNSC')
    """
    letters = []
    for word in _NON_WORD.split(_NAME_PUNCT.sub("", name)):
        if not word or word.lower() in _ACRONYM_STOP:
            continue
        if word.isupper() and len(word) > 1:
            letters.append(word)
        elif word[0].isupper():
            letters.append(word[0])
    return "".join(letters).upper()


def names_match(gold: str, predicted: str) -> bool:
    """An organisation name matches by name, by acronym, or when one name contains the other."""
    a, b = _normal_name(gold), _normal_name(predicted)
    if not a or not b:
        return False
    if a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} ":
        return True
    acro_a, acro_b = acronym(gold), acronym(predicted)
    return len(acro_a) > 1 and acro_a in (acro_b, b.upper().replace(" ", ""))


def _names_of(actor: PredActor) -> list[str]:
    names = [actor.name, *actor.aliases]
    if actor.id and ":" in actor.id and actor.id.startswith("org:"):
        names.append(actor.id.split(":", 1)[1])
    return [n for n in names if n]


# ---------------------------------------------------------------- matching


def _side(gold: Sequence[GoldActor], predicted: Iterable[PredActor]) -> bool:
    pool = list(predicted)
    return any(g.matches(a) for g in gold for a in pool)


def event_matches(gold: GoldEvent, pred: PredEvent) -> bool:
    """Type among the gold types, source and target actors intersecting the gold ones."""
    if pred.type not in gold.types:
        return False
    sources: Sequence[PredActor] = pred.source
    targets: Sequence[PredActor] = pred.target
    if gold.symmetric:
        sources = targets = (*pred.source, *pred.target)
    if gold.source and not _side(gold.source, sources):
        return False
    check_target = bool(gold.target) and not gold.target_optional
    return not check_target or _side(gold.target, targets)


def date_correct(gold: GoldEvent, pred: PredEvent) -> bool:
    """Same day; a gold ``null`` wants ``null`` or a prediction flagged as imprecise."""
    if gold.date is None:
        return pred.date is None or pred.date_precision != "day"
    return pred.date == gold.date


def place_correct(gold: GoldEvent, pred: PredEvent) -> bool:
    if gold.place is None:
        return True
    return (
        pred.place is not None
        and pred.place.country == gold.place.country
        and _normal_name(pred.place.name) == _normal_name(gold.place.name)
    )


def _rate(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def score_article(gold: GoldArticle, predictions: Sequence[PredEvent]) -> ArticleReport:
    """Scores of one article's predictions (predictions of other articles are ignored)."""
    preds = [p for p in predictions if p.article_id == gold.article_id]
    matches = {i: [g for g in gold.events if event_matches(g, p)] for i, p in enumerate(preds)}
    matched = [i for i, gs in matches.items() if any(not g.optional for g in gs)]
    only_optional = [i for i, gs in matches.items() if gs and all(g.optional for g in gs)]
    unmatched = [i for i, gs in matches.items() if not gs]
    required = [g for g in gold.events if not g.optional]
    recalled = [g for g in required if any(g in gs for gs in matches.values())]
    date_hits = place_hits = place_checked = 0
    matched_gold = [g for g in gold.events if any(g in gs for gs in matches.values())]
    for g in matched_gold:
        candidates = [preds[i] for i, gs in matches.items() if g in gs]
        date_hits += any(date_correct(g, p) for p in candidates)
        if g.place is not None:
            place_checked += 1
            place_hits += any(place_correct(g, p) for p in candidates)
    return ArticleReport(
        article_id=gold.article_id,
        predictions=len(preds),
        matched_predictions=len(matched),
        optional_predictions=len(only_optional),
        precision=_rate(len(matched), len(preds) - len(only_optional)),
        gold_events=len(required),
        recalled=len(recalled),
        recall=_rate(len(recalled), len(required)),
        date_checked=len(matched_gold),
        date_correct=date_hits,
        date_accuracy=_rate(date_hits, len(matched_gold)),
        place_checked=place_checked,
        place_correct=place_hits,
        place_accuracy=_rate(place_hits, place_checked),
        missed=tuple(g.id for g in required if g not in recalled),
        false_positives=tuple(f"{preds[i].id} {preds[i].type}" for i in unmatched),
        must_not=gold.must_not,
    )


def score_sentences(gold: Sequence[GoldEvent], predictions: Sequence[PredEvent]) -> SentenceReport:
    """Event recall and type accuracy over sentence records (gold id = article id)."""
    by_article: dict[str, list[PredEvent]] = {}
    for p in predictions:
        by_article.setdefault(p.article_id, []).append(p)
    matched = with_source = right_type = 0
    missed: list[str] = []
    for record in gold:
        preds = by_article.get(record.id, [])
        if any(event_matches(record, p) for p in preds):
            matched += 1
        else:
            missed.append(record.id)
        sourced = [p for p in preds if not record.source or _side(record.source, p.source)]
        if sourced:
            with_source += 1
            right_type += any(p.type in record.types for p in sourced)
    return SentenceReport(
        records=len(gold),
        predictions=sum(len(by_article.get(r.id, [])) for r in gold),
        matched=matched,
        event_recall=_rate(matched, len(gold)),
        with_right_source=with_source,
        right_type=right_type,
        type_accuracy=_rate(right_type, with_source),
        missed=tuple(missed),
    )


# ---------------------------------------------------------------- loading


def _gold_actor(value: Any) -> GoldActor:
    if isinstance(value, dict):
        return GoldActor(code=value.get("code"), name=value.get("actorText") or value.get("name"))
    text = str(value)
    if _COUNTRY_CODE.match(text) and text not in NAME_CODES:
        return GoldActor(code=text)
    return GoldActor(name=text)


def _actors(value: Any) -> tuple[GoldActor, ...]:
    if not isinstance(value, list):
        return ()  # the PLOVER records sometimes carry "" or a stray word as target
    return tuple(_gold_actor(v) for v in value)


def _types(value: Any) -> frozenset[str]:
    names = value if isinstance(value, list) else [value]
    return frozenset(OLD_TYPE_NAMES.get(str(n).upper(), str(n).upper()) for n in names)


def article_gold(data: dict[str, Any]) -> GoldArticle:
    """An article gold object (the shape of ``seed-gold.json``)."""
    events = []
    for raw in data.get("events", []):
        place = raw.get("place")
        events.append(
            GoldEvent(
                id=str(raw["id"]),
                types=_types(raw["type"]),
                source=_actors(raw.get("source")),
                target=_actors(raw.get("target")),
                symmetric=bool(raw.get("symmetric")),
                optional=bool(raw.get("optional")),
                target_optional=bool(raw.get("target_optional")),
                date=raw.get("date"),
                place=GoldPlace(**place) if isinstance(place, dict) else None,
            )
        )
    return GoldArticle(
        article_id=str(data["article"]["id"]),
        events=tuple(events),
        must_not=tuple(data.get("must_not", ())),
    )


def sentence_gold(record: dict[str, Any]) -> GoldEvent:
    """A PLOVER gold standard record as one gold event."""
    return GoldEvent(
        id=str(record["id"]),
        types=_types(record["event"]),
        source=_actors(record.get("source")),
        target=_actors(record.get("target")),
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
    """Article gold (a JSON object or list of them) or sentence gold (JSON lines), detected.

    Raises:
        EvaluationError: the file is neither.
    """
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
    """Score a predictions file against a gold file of either kind."""
    from ingest.evaluate_actors import actor_figures  # imported here: it builds on this module

    gold = load_gold(gold_path)
    predictions = load_predictions(predictions_path)
    actors = actor_figures(gold_path, predictions_path)
    articles = [g for g in gold if isinstance(g, GoldArticle)]
    if articles:
        return EvaluationReport(
            kind="article",
            articles=tuple(score_article(g, predictions) for g in articles),
            actors=actors,
        )
    records = [g for g in gold if isinstance(g, GoldEvent)]
    return EvaluationReport(
        kind="sentence", sentences=score_sentences(records, predictions), actors=actors
    )
