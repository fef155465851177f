"""The date of an event from its sentence, relative to the document date.

- An expression attached to the trigger's clause or to a clause governing it ("met … on
  Thursday", "on Sept. 5", "last week") is resolved with ``ingest.dates.resolve``.
- "a day after V-ing" / "two days before V-ing": the event inside the V clause is that many days
  before (after) the governing event.
- Weekdays and dates without a year point forward when the clause is in the present or future
  tense ("will hold talks Tuesday", "hold talks Tuesday", "is scheduled to meet on Wednesday"),
  back otherwise ("met on Thursday").
- A speech participle of the trigger's clause dates it ("rejected the plan, telling reporters
  on Wednesday …").
- A vague time ("at some point", "eventually", "in the coming weeks") gives no day: ``None``.
- Without an expression on the clause chain, a period named elsewhere in the trigger's clause
  ("accused … of violating its airspace in August", "at their meeting in July") dates the event
  to that period (never to a day).
- Present perfect without an expression ("has amassed", "has also said"), the past perfect
  ("had shelled") and the perfect progressive ("has been fighting") cannot be dated: ``None``
  with precision ``unknown``.
- A bounding date on the clause chain ("have arrested 2,400 since February 1", "by Friday")
  names a stretch of time, no day: ``None``.
- A time the sentence names elsewhere, on no clause of the trigger ("In a statement issued at
  their meeting in July, they … agreed"; "violence that began March 6 …, where forces
  clashed"), means the sentence is not told on the story's day: ``None`` rather than the
  document date (ANNOTATION.md accepts the document date only when there is no time
  reference at all).
- Otherwise a simple past/present report in a news story happened on the document date.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from spacy.tokens import Token

from ingest import clauses
from ingest.dates import resolve
from ingest.periods import (
    clause_day,
    clause_period,
    forward_tense,
    is_vague,
    other_time,
    undatable_perfect,
    undated_adverb,
)
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
_DATE_PREPS = frozenset({"on", "in", "last", "next", "this", "during", "at"})
# A date after these bounds a stretch of time ("arrested 2,400 since February 1", "withdraw by
# Friday"): it names no day of the event.
_BOUND_PREPS = frozenset({"since", "until", "till", "by"})
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
                if pobj.dep_ == "pobj" and pobj.ent_type_ in {"DATE", "TIME"}:
                    return f"{child.text} {_span_text(pobj)}"
    return None


def _bounded(token: Token) -> bool:
    """A bounding date among the token's dependents ("since February 1", "by Friday")."""
    return any(
        child.dep_ == "prep"
        and child.lower_ in _BOUND_PREPS
        and any(p.dep_ == "pobj" and p.ent_type_ == "DATE" for p in child.children)
        for child in token.children
    )


def _object_expression(token: Token) -> str | None:
    """A temporal noun on the event noun the trigger takes ("held talks Tuesday")."""
    for obj in token.children:
        if obj.dep_ == "dobj" and obj.pos_ == "NOUN":
            for child in obj.children:
                if child.ent_type_ == "DATE" and child.dep_ in {"npadvmod", "nmod", "tmod"}:
                    return _span_text(child)
    return None


def _span_text(token: Token) -> str:
    """The temporal words under the token and the whole entity it belongs to ("October 7,
    2023" when the parser hangs the year elsewhere)."""
    words = {t.i for t in token.subtree if t.ent_type_ in {"DATE", "TIME"} or t.i == token.i}
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            words.update(range(ent.start, ent.end))
    return "".join(token.doc[i].text_with_ws for i in sorted(words)).strip()


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


def _speech_participles(trigger: Token) -> list[Token]:
    """Speech participles that say when the trigger's act was made ("rejected the warrant,
    telling reporters on Wednesday that …")."""
    return [
        c
        for tok in clauses.clause_chain(trigger)
        for c in tok.children
        if c.dep_ == "advcl" and c.tag_ == "VBG" and c.lemma_.lower() in clauses.SPEECH_VERBS
    ]


def _shift(date: dt.date | None, days: int) -> dt.date | None:
    if date is None:
        return None
    try:
        return date + dt.timedelta(days=days)
    except OverflowError:
        return None


def event_date(trigger: Token, anchor: dt.date | None, *, future: bool = False) -> EventDate:
    """The event's date and precision.

    Args:
        trigger: the trigger token (its sentence is parsed).
        anchor: the document date, or None when unknown.
        future: the event is announced for the future ("will meet on Friday").
    """
    if anchor is None:
        return _UNKNOWN
    current = trigger
    future = future or forward_tense(trigger)
    perfect = clauses.is_perfect(trigger) or undatable_perfect(trigger)
    for _ in range(_MAX_CLIMB):
        if is_vague(current):
            return EventDate(None, DatePrecision.UNKNOWN, explicit=True)
        expression = _expression(current) or _object_expression(current)
        if expression is not None:
            found = resolve(expression, anchor, future=future)
            if found.date is not None:
                return EventDate(found.date, found.precision, explicit=True)
        if _bounded(current) or undated_adverb(current):
            return EventDate(None, DatePrecision.UNKNOWN, explicit=True)
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
    for telling in _speech_participles(trigger):
        said = _expression(telling)
        when = resolve(said, anchor, future=future) if said else None
        if when is not None and when.date is not None:
            return EventDate(when.date, when.precision, explicit=True)
    day = None if perfect else clause_day(trigger, anchor, future=future)
    if day is not None:
        return EventDate(day.date, day.precision, explicit=True)
    period = clause_period(trigger, anchor, future=future)
    if period is not None:
        return EventDate(period.date, period.precision, explicit=True)
    if perfect or other_time(trigger, anchor):
        return _UNKNOWN
    return EventDate(anchor, DatePrecision.DAY)
