"""Relations: the events between two actors, and their counts by month."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from graph import queries
from graph.filters import GraphFilter
from graph.interactions import Totals
from graph.read.anchored import read_anchored
from graph.read.events import event_row
from graph.rows import EventRow
from graph.session import Graph


def relation_events(
    graph: Graph, a: str, b: str, flt: GraphFilter, *, limit: int = 1000
) -> list[EventRow]:
    """Events between ``a`` (or its affiliated persons) and ``b`` (or theirs), oldest first."""
    rows = read_anchored(
        graph, queries.api_relation_events, flt, "reading a relation", a=a, b=b, limit=limit
    )
    return [event_row(r) for r in rows]


@dataclass(frozen=True, slots=True)
class MonthBucket:
    month: str
    count: int
    cooperation: int
    conflict: int
    goldstein_sum: float
    #: Events by PLOVER quad class: verbal cooperation, material cooperation, verbal conflict,
    #: material conflict (classes 1-4).
    quads: tuple[int, int, int, int] = (0, 0, 0, 0)


def month_buckets(events: Iterable[EventRow]) -> tuple[list[MonthBucket], int]:
    """Events by month: count, cooperation (quad class 1-2), conflict (3-4), Goldstein sum
    and the count of each quad class.

    Returns:
        (the months in order, the number of undated events left out).
    """
    counts: dict[str, Totals] = defaultdict(Totals)
    undated = 0
    for event in events:
        date = event.get("date")
        if date is None:
            undated += 1
            continue
        counts[f"{date.year:04d}-{date.month:02d}"].add(
            None, event.get("quad_class"), event.get("goldstein")
        )
    months = [
        MonthBucket(
            m,
            t.count,
            t.cooperation,
            t.conflict,
            round(t.goldstein_sum, 6),
            (t.quads[0], t.quads[1], t.quads[2], t.quads[3]),
        )
        for m, t in sorted(counts.items())
    ]
    return months, undated


def totals(events: Iterable[EventRow]) -> Totals:
    """Every event counted together (dated or not)."""
    total = Totals()
    for event in events:
        total.add(None, event.get("quad_class"), event.get("goldstein"))
    return total
