"""Events: a filtered, keyset-paginated page, and one event with its reports."""

from __future__ import annotations

import datetime as dt
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


def events_page(
    graph: Graph,
    flt: GraphFilter,
    *,
    limit: int,
    after: tuple[dt.date, str] | None = None,
) -> list[EventRow]:
    """Events matching ``flt``, newest first (undated last), after the keyset ``after``.

    Args:
        after: ``(sort date, event id)`` of the last event of the previous page (undated
            events sort as 0001-01-01).
    """
    after_date, after_id = after if after else (None, None)
    (row,) = graph.read(  # one row: the page as a list (queries.api_events_page)
        events_page_query(flt),
        "listing events",
        **flt.params(),
        after_date=after_date,
        after_id=after_id,
        limit=limit,
    )
    return [event_row(r) for r in row["page"]]


#: Where undated events sort (last, newest first), as the page query places them.
UNDATED = dt.date(1, 1, 1)


def page_key(event: EventRow) -> tuple[dt.date, str]:
    """The keyset ``(sort date, event id)`` of an event of a page: ``after`` of the next."""
    return event.get("date") or UNDATED, event["id"]


def events_page_query(flt: GraphFilter) -> str:
    """The events page query for ``flt``: it starts from the actors' events, else from the
    countries' actors' events, else from the events with the filter's type labels, else from
    every event (the planner may use the date index), and tests only the conditions ``flt``
    sets."""
    fields = flt.fields()
    start = next((f for f in ("actors", "countries") if f in fields), None)
    return queries.api_events_page(start, fields)


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
