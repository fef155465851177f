"""The relation between two actors over time: the one use case behind ``GET /relations``,
``GET /relations/plot`` and ``dekg plot``."""

from __future__ import annotations

from dataclasses import dataclass

from graph.filters import GraphFilter
from graph.interactions import Totals
from graph.plot import PlotFormat, relation_plot, relation_title
from graph.read.actors import actor_id_of, actor_members
from graph.read.relations import MonthBucket, month_buckets, relation_events, totals
from graph.rows import ActorRefRow, EventRow
from graph.session import Graph


@dataclass(frozen=True, slots=True)
class RelationTimeline:
    """The events between two actors (either direction), oldest first, and their months."""

    a: ActorRefRow
    b: ActorRefRow
    events: list[EventRow]
    months: list[MonthBucket]
    undated: int
    truncated: bool
    totals: Totals


def relation_timeline(
    graph: Graph, a: str, b: str, flt: GraphFilter, *, limit: int = 1000
) -> RelationTimeline:
    """The timeline of ``a`` and ``b`` (ids, ISO3 codes or exact names); a state includes the
    persons affiliated with it.

    Raises:
        NotFound: either actor is unknown.
    """
    ida, idb = actor_id_of(graph, a), actor_id_of(graph, b)
    actor_a, _ = actor_members(graph, ida)
    actor_b, _ = actor_members(graph, idb)
    events = relation_events(graph, ida, idb, flt, limit=limit + 1)
    truncated = len(events) > limit
    events = events[:limit]
    months, undated = month_buckets(events)
    return RelationTimeline(actor_a, actor_b, events, months, undated, truncated, totals(events))


def relation_figure(graph: Graph, a: str, b: str, flt: GraphFilter, fmt: PlotFormat) -> bytes:
    """The report figure of the relation (events per month by quad class, Goldstein sum).

    Raises:
        NotFound: either actor is unknown.
    """
    timeline = relation_timeline(graph, a, b, flt)
    title = relation_title(str(timeline.a.get("name")), str(timeline.b.get("name")))
    return relation_plot(title, timeline.months, fmt)


__all__ = ["RelationTimeline", "relation_figure", "relation_timeline"]
