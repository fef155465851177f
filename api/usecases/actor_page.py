"""What the viewer's actor page lists: an actor's events (filters apply), newest first, each
with the articles that reported it and their evidence sentences."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from graph.filters import GraphFilter
from graph.read.actors import resolve_actor
from graph.read.events import events_page, page_key
from graph.read.reports import with_reports
from graph.rows import EventDetailRow
from graph.session import Graph


@dataclass(frozen=True, slots=True)
class ActorEvents:
    """A page of the actor's events (with reports) and the keyset of the next page."""

    actor: str
    events: list[EventDetailRow]
    next_key: tuple[dt.date, str] | None


def actor_events(
    graph: Graph,
    ref: str,
    flt: GraphFilter,
    *,
    limit: int,
    after: tuple[dt.date, str] | None = None,
) -> ActorEvents:
    """The events of the actor ``ref`` (an id, ISO3 code or exact name; a state includes the
    persons affiliated with it) that match ``flt`` apart from its actors.

    Raises:
        NotFound: the actor is unknown.
    """
    actor = resolve_actor(graph, ref)
    rows = events_page(
        graph, flt.model_copy(update={"actors": (actor,)}), limit=limit + 1, after=after
    )
    page, more = rows[:limit], len(rows) > limit
    return ActorEvents(actor, with_reports(graph, page), page_key(page[-1]) if more else None)


__all__ = ["ActorEvents", "actor_events"]
