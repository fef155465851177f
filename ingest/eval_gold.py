"""Gold and predicted events as the scorer reads them, and when a prediction matches gold.

Two kinds of gold:

- article gold (``seed-gold.json``, ``voa/*.json``): events with ``type`` (a list of accepted
  types), ``source``/``target`` (country codes or organisation names), ``symmetric``,
  ``optional``, ``target_optional``, ``date`` (a day or a list of acceptable days, ``null``
  meaning "no day can be told") and ``place``;
- sentence gold (PLOVER records, one JSON object a line): one main event per sentence.

Predictions are the events ``dekg extract --format jsonl`` prints, one JSON object a line.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict

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
    aliases: tuple[str, ...] = ()  # other accepted names (gold may list several)

    @classmethod
    def from_gold(cls, value: dict[str, Any]) -> GoldPlace:
        names = value.get("name")
        names = [str(n) for n in names] if isinstance(names, list) else [str(names or "")]
        return cls(name=names[0], country=value.get("country"), aliases=tuple(names[1:]))


class GoldEvent(_Loose):
    id: str
    types: frozenset[str]
    primary_type: str = ""  # the first type listed (the one per-type tables count it under)
    source: tuple[GoldActor, ...] = ()
    target: tuple[GoldActor, ...] = ()
    symmetric: bool = False
    optional: bool = False
    target_optional: bool = False
    dates: tuple[dt.date | None, ...] = (None,)  # acceptable days; None: no day can be told
    place: GoldPlace | None = None

    @property
    def date(self) -> dt.date | None:
        """The first acceptable day (None when only "no day" is acceptable)."""
        return next((d for d in self.dates if d is not None), None)


class GoldArticle(_Loose):
    article_id: str
    events: tuple[GoldEvent, ...]
    must_not: tuple[str, ...] = ()


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
    return pred.type in gold.types and actors_match(gold, pred)


def actors_match(gold: GoldEvent, pred: PredEvent) -> bool:
    """Source and target actors intersecting the gold ones (whatever the type)."""
    sources: Sequence[PredActor] = pred.source
    targets: Sequence[PredActor] = pred.target
    if gold.symmetric:
        sources = targets = (*pred.source, *pred.target)
    if gold.source and not _side(gold.source, sources):
        return False
    check_target = bool(gold.target) and not gold.target_optional
    return not check_target or _side(gold.target, targets)


def date_correct(gold: GoldEvent, pred: PredEvent) -> bool:
    """One of the gold days; a gold ``null`` accepts ``null`` or a prediction flagged as
    imprecise."""
    if pred.date is not None and pred.date_precision == "day" and pred.date in gold.dates:
        return True
    return None in gold.dates and (pred.date is None or pred.date_precision != "day")


def place_correct(gold: GoldEvent, pred: PredEvent) -> bool:
    if gold.place is None:
        return True
    return (
        pred.place is not None
        and pred.place.country == gold.place.country
        and _normal_name(pred.place.name)
        in {_normal_name(n) for n in (gold.place.name, *gold.place.aliases)}
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


def _first_type(value: Any) -> str:
    first = value[0] if isinstance(value, list) and value else value
    return OLD_TYPE_NAMES.get(str(first).upper(), str(first).upper())


def _dates(value: Any) -> tuple[dt.date | None, ...]:
    values = value if isinstance(value, list) else [value]
    return tuple(dt.date.fromisoformat(str(v)[:10]) if v else None for v in values) or (None,)


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
                primary_type=_first_type(raw["type"]),
                dates=_dates(raw.get("date")),
                place=GoldPlace.from_gold(place) if isinstance(place, dict) else None,
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
        primary_type=_first_type(record["event"]),
        source=_actors(record.get("source")),
        target=_actors(record.get("target")),
    )
