"""Cross-article identity of events and the ids of places.

Two article-level events are one happening when they have the same fingerprint (type, modality
and actor set — the roles count, except for CONSULT where meeting is symmetric), both carry a
date, the dates are at most one day apart, their places are compatible (the same place, or one
of them has none) and they come from different articles. Everything else stays apart:
undated events and events without any actor never merge across articles.

The functions here are pure: the writer looks the candidates up inside its write transaction
and asks :func:`resolve` which graph event each article-level event belongs to.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ontology.model import Event, Place
from ontology.plover import EventType

#: How far apart two reports' dates may be and still be the same happening.
DATE_WINDOW = dt.timedelta(days=1)

_SYMMETRIC = frozenset({EventType.CONSULT})


def slug(text: str) -> str:
    """Lowercase ASCII slug: ``"Nicosia, Cyprus"`` → ``"nicosia-cyprus"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "unnamed"


def place_id(place: Place) -> str:
    """``geonames:<id>`` when the gazetteer id is known, else ``place:<slug>-<country or xx>``."""
    if place.geonames_id is not None:
        return f"geonames:{place.geonames_id}"
    return f"place:{slug(place.name)}-{(place.country or 'xx').lower()}"


def fingerprint(event: Event) -> str | None:
    """The key under which reports of one happening meet, or None if the event never merges.

    Example:
        >>> from ontology.model import Actor, Evidence
        >>> a = Actor(id="state:USA", name="United States", kind="state")
        >>> b = Actor(id="state:RUS", name="Russia", kind="state")
        >>> ev = dict(id="x", article_id="a", type="CONSULT", cameo="040", quad_class=1,
        ...           goldstein=1.0, evidence=[Evidence(text="t", start=0, end=1)])
        >>> fingerprint(Event(**ev, source=[a], target=[b])) == fingerprint(
        ...     Event(**ev, source=[b], target=[a]))
        True
    """
    sources = sorted({a.id for a in event.source})
    targets = sorted({a.id for a in event.target})
    if not sources and not targets:
        return None
    if event.type in _SYMMETRIC:
        actors = "participants=" + ",".join(sorted(set(sources) | set(targets)))
    else:
        actors = "source=" + ",".join(sources) + ";target=" + ",".join(targets)
    key = f"{event.type}|{event.modality}|{actors}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A graph event that may be the same happening as a new report."""

    id: str
    fingerprint: str
    date: dt.date | None
    place_id: str | None
    article_ids: frozenset[str] = field(default_factory=frozenset)


def same_happening(
    fp: str | None, date: dt.date | None, place: str | None, article_id: str, other: Candidate
) -> bool:
    """Whether a report (fingerprint, date, place id, article) joins the candidate event."""
    if fp is None or fp != other.fingerprint or date is None or other.date is None:
        return False
    if abs(date - other.date) > DATE_WINDOW:
        return False
    if place is not None and other.place_id is not None and place != other.place_id:
        return False
    return article_id not in other.article_ids


def resolve(events: Sequence[Event], candidates: Iterable[Candidate]) -> dict[str, str]:
    """Map each article-level event id to the id of the graph event it is a report of.

    Args:
        events: the new article-level events, in order (earlier ones may absorb later ones
            from other articles of the same batch).
        candidates: graph events already stored with one of the events' fingerprints.

    Returns:
        article-level event id → graph event id (its own id when it starts a new happening).
    """
    pool: dict[str, list[Candidate]] = defaultdict(list)
    seen: set[str] = set()
    for candidate in candidates:
        if candidate.id not in seen:  # a duplicate would miss the reports added below
            seen.add(candidate.id)
            pool[candidate.fingerprint].append(candidate)
    result: dict[str, str] = {}
    for event in events:
        if event.id in result:
            continue
        fp = fingerprint(event)
        pid = place_id(event.place) if event.place else None
        group = pool[fp] if fp is not None else []
        index = next(
            (
                i
                for i, c in enumerate(group)
                if same_happening(fp, event.date, pid, event.article_id, c)
            ),
            None,
        )
        if index is None:
            result[event.id] = event.id
            if fp is not None:
                group.append(
                    Candidate(event.id, fp, event.date, pid, frozenset({event.article_id}))
                )
            continue
        match = group[index]
        result[event.id] = match.id
        group[index] = Candidate(
            match.id,
            match.fingerprint,
            match.date,
            match.place_id or pid,
            match.article_ids | {event.article_id},
        )
    return result
