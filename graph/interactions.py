"""Per-pair totals: the ``INTERACTS_WITH`` projection kept by the writer, and the one
accumulator (:class:`Totals`) every count of events by pair or by month uses.

New articles only add events, so their totals (one row per pair and batch) are added to the
stored ones by the database itself (:func:`addition_rows`, the ``$pairs`` of
``queries.WRITE_EVENTS``: no read round trip, only the changed properties written; each pair
found by its key, :func:`pair_key`, in the relationship index, and CREATEd when new). The
pairs' actors are locked by the actor upsert earlier in the same transaction, so no
concurrent update is lost. A re-ingested article can remove events:
its pairs are recounted from the events (:func:`recount_interactions`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import neo4j

from graph import queries
from graph.values import native
from ontology.model import Event
from ontology.plover import EventType, is_conflictual, is_cooperative

_COUNTS = ("count", "cooperation", "conflict")
_TYPE_PREFIX = "count_"


@dataclass(slots=True)
class Totals:
    """Events counted together: how many, Goldstein sum, cooperation (quad classes 1-2) and
    conflict (3-4), counts by PLOVER type, first and last date."""

    count: int = 0
    goldstein_sum: float = 0.0
    cooperation: int = 0
    conflict: int = 0
    by_type: dict[str, int] = field(default_factory=dict)
    #: Counts by PLOVER quad class 1-4 (verbal/material cooperation, verbal/material conflict).
    quads: list[int] = field(default_factory=lambda: [0, 0, 0, 0])
    first: dt.date | None = None
    last: dt.date | None = None

    def add(
        self,
        type: str | None,
        quad_class: int | None,
        goldstein_sum: float | None,
        *,
        count: int = 1,
        first: dt.date | None = None,
        last: dt.date | None = None,
    ) -> None:
        """Add ``count`` events of one type (their Goldstein sum, first and last date)."""
        self.count += count
        self.goldstein_sum += float(goldstein_sum or 0.0)
        if is_cooperative(quad_class):
            self.cooperation += count
        elif is_conflictual(quad_class):
            self.conflict += count
        if quad_class in (1, 2, 3, 4):
            self.quads[int(quad_class) - 1] += count
        if type is not None:
            key = str(EventType(type))
            self.by_type[key] = self.by_type.get(key, 0) + count
        self._dates(first, last)

    def add_event(self, event: Event) -> None:
        date = event.date
        self.add(str(event.type), event.quad_class, event.goldstein, first=date, last=date)

    def merge(self, other: Totals) -> None:
        self.count += other.count
        self.goldstein_sum += other.goldstein_sum
        self.cooperation += other.cooperation
        self.conflict += other.conflict
        self.quads = [a + b for a, b in zip(self.quads, other.quads, strict=True)]
        for key, n in other.by_type.items():
            self.by_type[key] = self.by_type.get(key, 0) + n
        self._dates(other.first, other.last)

    def _dates(self, first: dt.date | None, last: dt.date | None) -> None:
        if first is not None:
            self.first = first if self.first is None else min(self.first, first)
        if last is not None:
            self.last = last if self.last is None else max(self.last, last)

    def props(self) -> dict[str, Any]:
        """As ``INTERACTS_WITH`` properties (``count_<TYPE>`` a type; dates only when known)."""
        props: dict[str, Any] = {
            "count": self.count,
            "goldstein_sum": round(self.goldstein_sum, 6),
            "cooperation": self.cooperation,
            "conflict": self.conflict,
        }
        props.update({_TYPE_PREFIX + t: n for t, n in self.by_type.items()})
        if self.first is not None:
            props["first"] = self.first
        if self.last is not None:
            props["last"] = self.last
        return props

    @classmethod
    def from_props(cls, props: Mapping[str, Any]) -> Totals:
        """The totals stored as ``INTERACTS_WITH`` properties (see :meth:`props`)."""
        return cls(
            count=int(props.get("count", 0)),
            goldstein_sum=float(props.get("goldstein_sum", 0.0)),
            cooperation=int(props.get("cooperation", 0)),
            conflict=int(props.get("conflict", 0)),
            by_type={
                k.removeprefix(_TYPE_PREFIX): int(v)
                for k, v in props.items()
                if k.startswith(_TYPE_PREFIX)
            },
            first=native(props.get("first")),
            last=native(props.get("last")),
        )


def pair_key(source: str, target: str) -> str:
    """The ``pair`` property of the (source, target) ``INTERACTS_WITH`` relationship, its
    unique key (actor ids hold no ``>``; ``queries.LABEL_INTERACTION_PAIRS`` builds the same)."""
    return f"{source}>{target}"


def event_pairs(event: Event) -> set[tuple[str, str]]:
    """The ordered (source id, target id) actor pairs of an event, self-pairs left out."""
    return {(s.id, t.id) for s in event.source for t in event.target if s.id != t.id}


def interaction_props(totals: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """INTERACTS_WITH properties from per-type totals of one pair.

    Each total has ``type``, ``quad_class``, ``count``, ``goldstein_sum``, ``first``, ``last``.
    """
    pair = Totals()
    for row in totals:
        pair.add(
            row["type"],
            int(row["quad_class"]),
            row["goldstein_sum"],
            count=int(row["count"]),
            first=row["first"],
            last=row["last"],
        )
    return pair.props()


def add_interactions(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """INTERACTS_WITH properties of a pair after adding ``new`` events to ``old`` ones."""
    total = Totals.from_props(old)
    total.merge(Totals.from_props(new))
    return total.props()


def addition_rows(created: Iterable[Event]) -> list[dict[str, Any]]:
    """One row per pair of the new events (``$pairs`` of ``queries.WRITE_EVENTS``; sorted).

    A row holds the integer counters to add (``counts``: count, cooperation, conflict,
    ``count_<TYPE>``), the Goldstein sum and the date span of the pair's new events, all from
    one :class:`Totals` per pair.
    """
    totals: dict[tuple[str, str], Totals] = defaultdict(Totals)
    for event in created:
        for pair in event_pairs(event):
            totals[pair].add_event(event)
    rows = []
    for (s, t), total in sorted(totals.items()):
        props = total.props()
        rows.append(
            {
                "s": s,
                "t": t,
                "pair": pair_key(s, t),
                "counts": {k: v for k, v in props.items() if isinstance(v, int)},
                "goldstein_sum": props["goldstein_sum"],
                "first": props.get("first"),
                "last": props.get("last"),
            }
        )
    return rows


def recount_interactions(tx: neo4j.ManagedTransaction, pairs: set[tuple[str, str]]) -> None:
    """Recompute the pairs from their events (after an article's reports were replaced)."""
    if not pairs:
        return
    actors = sorted({a for pair in pairs for a in pair})
    tx.run(queries.LOCK_ACTORS, ids=actors).consume()
    params = [{"s": s, "t": t} for s, t in sorted(pairs)]
    totals: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for record in tx.run(queries.PAIR_TOTALS, pairs=params):
        totals[(record["s"], record["t"])].append(native(record.data()))
    rows = [
        {"s": s, "t": t, "pair": pair_key(s, t), "props": interaction_props(totals[(s, t)])}
        for s, t in sorted(totals)
    ]
    gone = [{"pair": pair_key(s, t)} for s, t in sorted(pairs) if (s, t) not in totals]
    if rows:
        tx.run(queries.WRITE_INTERACTIONS, rows=rows).consume()
    if gone:
        tx.run(queries.DELETE_INTERACTIONS, pairs=gone).consume()
