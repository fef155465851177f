"""Reports of many events at once: the articles and evidence sentences of a page of events."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from graph import queries
from graph.read.events import _report
from graph.rows import EventDetailRow, EventRow, ReportRow
from graph.session import Graph


def event_reports(graph: Graph, ids: Sequence[str]) -> dict[str, list[ReportRow]]:
    """For each event id, the articles that reported it and their evidence sentences
    (ids with no event are absent)."""
    if not ids:
        return {}
    rows = graph.read(queries.API_EVENT_REPORTS, "reading reports", ids=list(ids))
    return {str(r["id"]): [_report(raw) for raw in r["reports"] or []] for r in rows}


def with_reports(graph: Graph, events: Sequence[EventRow]) -> list[EventDetailRow]:
    """The events (rows of ``graph.read.events``), each with its ``reports``."""
    reports = event_reports(graph, [str(e["id"]) for e in events])
    return [cast(EventDetailRow, {**e, "reports": reports.get(str(e["id"]), [])}) for e in events]
