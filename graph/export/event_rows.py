"""The projection seen event by event: what the event-table exports (GDELT, PLOVER) read.

An :class:`EventRow` gathers one event node with its source, target and attributed actors,
its place and the articles that reported it (with the evidence of each report), so the
event-table writers need not walk the graph themselves.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.export.values import node_kind


@dataclass(slots=True)
class Report:
    """One article's report of the event: the article node and the REPORTED_IN edge."""

    article: dict[str, Any]
    evidence: list[str]
    start: list[int]
    end: list[int]


@dataclass(slots=True)
class EventRow:
    """An event node of the projection and what it is linked to."""

    id: str
    event: dict[str, Any]
    source: list[dict[str, Any]] = field(default_factory=list)
    target: list[dict[str, Any]] = field(default_factory=list)
    attributed_to: list[dict[str, Any]] = field(default_factory=list)
    place: dict[str, Any] | None = None
    reports: list[Report] = field(default_factory=list)

    def first_url(self) -> str | None:
        """The URL of the first reporting article that has one."""
        return next((str(r.article["url"]) for r in self.reports if r.article.get("url")), None)


_ACTOR_RELS = {"SOURCE": "source", "TARGET": "target", "ATTRIBUTED_TO": "attributed_to"}


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _row(graph: nx.MultiDiGraph, event_id: str, data: dict[str, Any]) -> EventRow:
    row = EventRow(id=str(event_id), event=data)
    for _, node, key, edge in graph.out_edges(event_id, keys=True, data=True):
        rel = str(edge.get("rel", key))
        other = graph.nodes[node]
        if rel in _ACTOR_RELS:
            getattr(row, _ACTOR_RELS[rel]).append({"id": node, **other})
        elif rel == "AT":
            row.place = {"id": node, **other}
        elif rel == "REPORTED_IN":
            row.reports.append(
                Report(
                    article=dict(other),
                    evidence=[str(e) for e in _as_list(edge.get("evidence"))],
                    start=[int(s) for s in _as_list(edge.get("start"))],
                    end=[int(e) for e in _as_list(edge.get("end"))],
                )
            )
    for actors in (row.source, row.target, row.attributed_to):
        actors.sort(key=lambda a: str(a["id"]))
    return row


def event_rows(graph: nx.MultiDiGraph) -> Iterator[EventRow]:
    """Every event of ``graph`` with its actors, place and reports, in node order."""
    for node, data in graph.nodes(data=True):
        if node_kind(data) == "Event":
            yield _row(graph, node, data)


__all__ = ["EventRow", "Report", "event_rows"]
