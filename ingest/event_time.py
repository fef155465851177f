"""The date of an event from its sentence, relative to the document date.

- An expression attached to the trigger's clause or to a clause governing it ("met … on
  Thursday", "on Sept. 5", "last week") is resolved with ``ingest.dates.resolve``.
- "a day after V-ing" / "two days before V-ing": the event inside the V clause is that many days
  before (after) the governing event.
- Present perfect without an expression ("has amassed", "has also said") cannot be dated:
  ``None`` with precision ``unknown``.
- Otherwise a simple past/present report in a news story happened on the document date.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from spacy.tokens import Token

from ingest import clauses
from ingest.dates import resolve
from ontology.model import DatePrecision


class EventDate(NamedTuple):
    """An event's date, its precision, and whether the text says it (not assumed)."""

    date: dt.date | None
    precision: DatePrecision
    explicit: bool = False


_UNKNOWN = EventDate(None, DatePrecision.UNKNOWN)
_OFFSET_PREPS = {"after": -1, "before": 1}
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7}
_CLIMB = frozenset({"xcomp", "advcl", "conj", "acomp", "prep", "pobj", "pcomp", "dobj", "attr"})
_DATE_PREPS = frozenset({"on", "in", "last", "next", "this", "since", "by", "during", "at"})
_MAX_CLIMB = 8


def _expression(token: Token) -> str | None:
    """A temporal expression among the token's dependents, as text."""
    for child in token.children:
        if child.ent_type_ in {"DATE", "TIME"} and child.dep_ in {
            "npadvmod",
            "tmod",
            "nmod",
            "advmod",
        }:
            return _span_text(child)
        if child.dep_ == "prep" and child.lower_ in _DATE_PREPS:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.ent_type_ == "DATE":
                    return f"{child.text} {_span_text(pobj)}"
    return None


def _span_text(token: Token) -> str:
    return " ".join(
        t.text for t in token.subtree if t.ent_type_ in {"DATE", "TIME"} or t.i == token.i
    )


def _offset_days(prep: Token) -> int | None:
    """ "a day after" → 1 (days between the two events), from the prep's measure phrase."""
    for child in prep.children:
        if child.dep_ == "npadvmod" and child.lower_ in _UNITS:
            count = next(
                (_NUMBERS.get(g.lower_) for g in child.children if g.dep_ in {"det", "nummod"}),
                None,
            )
            if count is None:
                digits = next((g.text for g in child.children if g.dep_ == "nummod"), "")
                count = int(digits) if re.fullmatch(r"\d{1,2}", digits) else None
            return None if count is None else count * _UNITS[child.lower_]
    return None


def _own_perfect(trigger: Token) -> bool:
    """The trigger verb itself carries the perfect auxiliary (not a governing verb)."""
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in trigger.children)


def _shift(date: dt.date | None, days: int) -> dt.date | None:
    if date is None:
        return None
    try:
        return date + dt.timedelta(days=days)
    except OverflowError:
        return None


def event_date(
    trigger: Token, anchor: dt.date | None, *, future: bool = False, verbal: bool = False
) -> EventDate:
    """The event's date and precision.

    Args:
        trigger: the trigger token (its sentence is parsed).
        anchor: the document date, or None when unknown.
        future: the event is announced for the future ("will meet on Friday").
        verbal: the event is a verbal act; reported in the present perfect on its own ("It has
            dismissed …", "has condemned") it is news of the day, while a material state
            ("has amassed troops") or a perfect speech verb ("has also said") is not dated.
    """
    if anchor is None:
        return _UNKNOWN
    current = trigger
    perfect = clauses.is_perfect(trigger) and not (verbal and _own_perfect(trigger))
    for _ in range(_MAX_CLIMB):
        expression = _expression(current)
        if expression is not None:
            found = resolve(expression, anchor, future=future)
            if found.date is not None:
                return EventDate(found.date, found.precision, explicit=True)
        head, dep = clauses.effective_head(current)
        if head.i == current.i:
            break
        if dep == "pcomp" and head.lower_ in _OFFSET_PREPS:
            days = _offset_days(head)
            if days is not None:
                base = event_date(head.head, anchor)
                shifted = _shift(base.date, _OFFSET_PREPS[head.lower_] * days)
                return EventDate(shifted, base.precision, explicit=True)
        if dep not in _CLIMB:
            speech = head if head.lemma_.lower() in clauses.SPEECH_VERBS else None
            if speech is not None and not perfect:
                return event_date(speech, anchor)
            break
        current = head
    if perfect:
        return _UNKNOWN
    return EventDate(anchor, DatePrecision.DAY)
