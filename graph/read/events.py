"""Events: a filtered, keyset-paginated page, and one event with its reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from graph import NotFound, queries
from graph.filters import GraphFilter
from graph.rows import EventDetailRow, EventRow, EvidenceRow, ReportRow
from graph.session import Graph, Row


def event_row(row: Row) -> EventRow:
    """Flatten a row of the ``_API_EVENT_FIELDS`` shape into one event dict."""
    event = dict(row["event"])
    for key in ("source", "target", "attributed_to", "place"):
        event[key] = row.get(key)
    if event["place"] is None:
        del event["place"]
    for key in ("source", "target", "attributed_to"):
        event[key] = sorted(event[key] or [], key=lambda a: a["id"])
    return cast(EventRow, event)


@dataclass(frozen=True, slots=True)
class PageRequest:
    """One page of events: the filter, and the keyset ``(sort date, event id)`` of the last
    event of the previous page (undated events sort as 0001-01-01), if any."""

    flt: GraphFilter
    after: tuple[dt.date, str] | None = None


def events_page(
    graph: Graph,
    flt: GraphFilter,
    *,
    limit: int,
    after: tuple[dt.date, str] | None = None,
) -> list[EventRow]:
    """Events matching ``flt``, newest first (undated last), after the keyset ``after``."""
    request = PageRequest(flt, after)
    return events_pages(graph, [request], limit=limit)[request]


def events_pages(
    graph: Graph, requests: Sequence[PageRequest], *, limit: int
) -> dict[PageRequest, list[EventRow]]:
    """The pages of several requests whose filters have the same :func:`page_shape`, in one
    round trip (the API reads those of concurrent requests together), by request.

    Raises:
        ValueError: the filters differ in shape.
    """
    requests = list(dict.fromkeys(requests))
    shapes = {page_shape(r.flt) for r in requests}
    if len(shapes) != 1:
        raise ValueError(f"one page shape per read, got {len(shapes)}")
    batch = [_page_params(r, i) for i, r in enumerate(requests)]
    rows = graph.read(  # one row per request: its page as a list (queries.api_events_pages)
        queries.api_events_pages(*shapes.pop()), "listing events", batch=batch, limit=limit
    )
    return {requests[row["i"]]: [event_row(r) for r in row["page"]] for row in rows}


def _page_params(request: PageRequest, i: int) -> dict[str, object]:
    after_date, after_id = request.after or (None, None)
    return {**request.flt.params(), "after_date": after_date, "after_id": after_id, "i": i}


def page_shape(flt: GraphFilter) -> tuple[str | None, frozenset[str]]:
    """What the page query of ``flt`` is composed from: where it starts (the actors' events,
    else the countries' actors' events, else the events with the filter's type labels, else
    every event; the planner may use the date index) and the fields it tests."""
    fields = flt.fields()
    return next((f for f in ("actors", "countries") if f in fields), None), fields


#: Where undated events sort (last, newest first), as the page query places them.
UNDATED = dt.date(1, 1, 1)


def page_key(event: EventRow) -> tuple[dt.date, str]:
    """The keyset ``(sort date, event id)`` of an event of a page: ``after`` of the next."""
    return event.get("date") or UNDATED, event["id"]


def events_page_query(flt: GraphFilter) -> str:
    """The page query of one request for ``flt`` (``queries.api_events_page``)."""
    return queries.api_events_page(*page_shape(flt))


def event_detail(graph: Graph, event_id: str) -> EventDetailRow:
    """One event with every article that reported it and their evidence sentences.

    ``event_id`` may also be the id of an article-level event (as extraction returns it).

    Raises:
        NotFound: no such event.
    """
    what = "reading an event"
    rows = graph.read(queries.API_EVENT_DETAIL, what, id=event_id)
    if not rows:
        alias = graph.read(queries.API_EVENT_BY_REPORT, what, id=event_id)
        if alias:
            rows = graph.read(queries.API_EVENT_DETAIL, what, id=alias[0]["id"])
    if not rows:
        raise NotFound(f"no event with id {event_id!r}")
    reports = [_report(r) for r in rows[0]["reports"] or []]
    return cast(EventDetailRow, {**event_row(rows[0]), "reports": reports})


def _report(raw: Row) -> ReportRow:
    texts = raw.get("evidence") or []
    starts = raw.get("start") or []
    ends = raw.get("end") or []
    evidence: list[EvidenceRow] = [
        {
            "text": text,
            "start": starts[i] if i < len(starts) else None,
            "end": ends[i] if i < len(ends) else None,
        }
        for i, text in enumerate(texts)
    ]
    return {
        "article": raw["article"],
        "article_event_id": raw.get("article_event_id"),
        "confidence": raw.get("confidence"),
        "evidence": evidence,
    }
