"""One happening, one event: merge the article's reports of the same event.

Two events are the same happening when they have the same type and modality, the same actors
(``actor_key``: a set of participants for reciprocal CONSULT events, source and target sides
otherwise) and compatible date and place (equal, or one of them unknown). Merging never
mixes happenings of different days: a day falls inside a week, month or year only when that
period contains it; a report dated only by the assumed document date joins a report dated to
a day, never one dated to a whole period (background: "imposed tariffs last month"); a report
the text leaves undated ("has been fighting", "later") joins only undated or assumed-date
reports; a conditional threat and an asserted warning, or history and a current event, stay
apart. The merged event keeps every evidence span, the highest confidence, the most
precise stated date, the first known place, and the id of its first evidence
(``ev-`` + sha1 of ``article_id|start|end|type``, see ``/work/notes/graph-contract.md``).
Events of the same happening with different types share their place: a THREATEN delivered "at
a meeting in Stockholm" puts the meeting there too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence

from ontology.model import DatePrecision, Event, Evidence, Place
from ontology.plover import EventType

_SYMMETRIC = frozenset({EventType.CONSULT})


def event_id(article_id: str, evidence: Evidence, event_type: EventType | str) -> str:
    """The article-level event id of the graph contract."""
    kind = event_type.value if isinstance(event_type, EventType) else event_type
    key = f"{article_id}|{evidence.start}|{evidence.end}|{kind}"
    return "ev-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def actor_key(event: Event) -> tuple[frozenset[str], frozenset[str]]:
    """Who took part: source and target actor ids, one set of participants for reciprocal
    CONSULT events. Ids, not states: merging "Blinken" with "Washington" measured no better on
    the labelled training stories and merged more reports of other happenings (decision 0012)."""
    sources = frozenset(a.id for a in event.source)
    targets = frozenset(a.id for a in event.target)
    if event.type in _SYMMETRIC:
        return sources | targets, frozenset()
    return sources, targets


def _place_key(place: Place | None) -> tuple[str, str | None] | None:
    return None if place is None else (place.name.casefold(), place.country)


_PERIOD_DAYS = {DatePrecision.WEEK: 7}
_COARSE = frozenset({DatePrecision.WEEK, DatePrecision.MONTH, DatePrecision.YEAR})


def _covers(period: Event, day: dt.date) -> bool:
    """The period of an event dated to a week, month or year contains the day."""
    start = period.date
    if start is None:
        return True
    if period.date_precision is DatePrecision.YEAR:
        return start.year == day.year
    if period.date_precision is DatePrecision.MONTH:
        return (start.year, start.month) == (day.year, day.month)
    span = _PERIOD_DAYS.get(period.date_precision, 1)
    return start <= day < start + dt.timedelta(days=span)


def _dates_compatible(a: Event, b: Event, loose_dates: frozenset[str]) -> bool:
    if a.date is None or b.date is None:
        # The text says it cannot be dated ("has been fighting", "later"): it joins only
        # another undated report or one whose date was merely assumed.
        other = b if a.date is None else a
        return other.date is None or other.id in loose_dates
    a_loose, b_loose = a.id in loose_dates, b.id in loose_dates
    a_day, b_day = a.date_precision not in _COARSE, b.date_precision not in _COARSE
    if a_loose or b_loose:
        return (a_day and b_day) or (a_loose and b_loose)
    if a_day and b_day:
        return a.date == b.date
    if a_day != b_day:
        return _covers(b, a.date) if a_day else _covers(a, b.date)
    return a.date == b.date and a.date_precision is b.date_precision


def same_happening(a: Event, b: Event, loose_dates: frozenset[str] = frozenset()) -> bool:
    """Same type, actors, and compatible date and place (see the module docstring).

    ``loose_dates``: ids of events whose date is only the document date assumed for a report
    without a time expression.
    """
    if a.type != b.type or actor_key(a) != actor_key(b):
        return False
    if a.modality is not b.modality:
        return False
    if not _dates_compatible(a, b, loose_dates):
        return False
    pa, pb = _place_key(a.place), _place_key(b.place)
    return pa is None or pb is None or pa == pb


_PRECISION_ORDER = (
    DatePrecision.DAY,
    DatePrecision.WEEK,
    DatePrecision.MONTH,
    DatePrecision.YEAR,
    DatePrecision.UNKNOWN,
)


def _best_dated(events: Sequence[Event], loose_dates: frozenset[str]) -> Event | None:
    """The report with the most precise stated date (the first of equals); else none when a
    report is undated by its text; else the first with an assumed date."""
    stated = [e for e in events if e.date is not None and e.id not in loose_dates]
    if stated:
        return min(stated, key=lambda e: _PRECISION_ORDER.index(e.date_precision))
    if any(e.date is None and e.id not in loose_dates for e in events):
        return None  # a report the text says cannot be dated outweighs an assumed day
    return next((e for e in events if e.date is not None), None)


def combine(events: Sequence[Event], loose_dates: frozenset[str] = frozenset()) -> Event:
    """One event from several reports of it."""
    first = events[0]
    evidence: list[Evidence] = []
    for event in events:
        for item in event.evidence:
            if all((e.start, e.end) != (item.start, item.end) for e in evidence):
                evidence.append(item)
    evidence.sort(key=lambda e: (e.start, e.end))
    dated = _best_dated(events, loose_dates)
    placed = next((e for e in events if e.place is not None), None)
    best = max(events, key=lambda e: e.confidence)
    return first.model_copy(
        update={
            "id": event_id(first.article_id, evidence[0], first.type),
            "evidence": tuple(evidence),
            "confidence": best.confidence,
            "date": dated.date if dated else None,
            "date_precision": dated.date_precision if dated else first.date_precision,
            "place": placed.place if placed else None,
            "attributed_to": first.attributed_to or best.attributed_to,
        }
    )


def merge_events(events: Iterable[Event], loose_dates: Iterable[str] = ()) -> list[Event]:
    """Merge the reports of the same happening inside one article, in text order: a report
    joins the first group whose every report is the same happening as it.

    Args:
        events: the article's events, one per report.
        loose_dates: ids of events whose date is only the assumed document date.
    """
    loose = frozenset(loose_dates)
    groups: list[list[Event]] = []
    for event in events:
        for group in groups:
            if all(same_happening(member, event, loose) for member in group):
                group.append(event)
                break
        else:
            groups.append([event])
    return share_places([combine(g, loose) for g in groups])


def _countries(event: Event) -> frozenset[str]:
    return frozenset(a.country for a in (*event.source, *event.target) if a.country)


def share_places(events: list[Event]) -> list[Event]:
    """Give a place to events of the same day and the same participants as a placed event."""
    placed = [e for e in events if e.place is not None and e.date is not None]
    out: list[Event] = []
    for event in events:
        if event.place is None and event.date is not None and _countries(event):
            donor = next(
                (
                    p
                    for p in placed
                    if p.date == event.date
                    and _countries(p) == _countries(event)
                    and {a.id for a in (*p.source, *p.target)}
                    & {a.id for a in (*event.source, *event.target)}
                ),
                None,
            )
            if donor is not None:
                out.append(event.model_copy(update={"place": donor.place}))
                continue
        out.append(event)
    return out
