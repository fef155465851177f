"""What the graph holds (node, relationship and event-type counts) and which server holds it."""

from __future__ import annotations

from typing import Any

import neo4j

from graph import queries
from graph.session import Graph, Row
from ontology.plover import EventType

#: The labels counted as nodes: the node kinds, not the PLOVER type each event also carries
#: (those are counted under ``event_types``).
_TYPE_LABELS = frozenset(str(t) for t in EventType)


def _counts(tx: neo4j.ManagedTransaction) -> dict[str, dict[str, int]]:
    return {
        "nodes": {
            r["label"]: r["count"]
            for r in tx.run(queries.COUNT_LABELS)
            if r["label"] not in _TYPE_LABELS
        },
        "relationships": {r["type"]: r["count"] for r in tx.run(queries.COUNT_RELATIONSHIPS)},
        "event_types": {r["type"]: r["count"] for r in tx.run(queries.COUNT_EVENT_TYPES)},
    }


def graph_counts(graph: Graph) -> dict[str, dict[str, int]]:
    """Counts of nodes by label, relationships by type and events by PLOVER type.

    Raises:
        GraphUnavailable: Neo4j cannot be reached.
    """
    return graph.read_tx(_counts, "counting the graph")


def stats(graph: Graph) -> Row:
    """Node and report counts, and events by type (the API's ``/stats``)."""
    row: dict[str, Any] = graph.read(queries.API_STATS, "counting")[0]
    by_type = graph.read(queries.API_EVENTS_BY_TYPE, "counting")
    return {**row, "events_by_type": {r["type"]: r["count"] for r in by_type if r["type"]}}


def graph_version(graph: Graph) -> str:
    """A token that changes whenever a write to the database commits, from any client.

    It is the bookmark of a trivial read transaction: Neo4j answers a read with the position
    of the last committed transaction it saw, so two equal tokens mean the same database
    state. Used by the API's read cache to tell whether a stored answer is still current.
    """
    return graph.version(queries.API_VERSION_PROBE)


def server_version(graph: Graph) -> str:
    """``"Neo4j Kernel 5.26.x community"``; raises ``GraphUnavailable`` when unreachable."""
    rows = graph.read(queries.API_COMPONENTS, "asking the server version")
    return ", ".join(f"{r['name']} {r['version']} {r['edition']}" for r in rows)
