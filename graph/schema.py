"""Constraints and indexes of the event graph, created idempotently."""

from __future__ import annotations

from graph import queries
from graph.session import Graph


def ensure_schema(graph: Graph, *, wait_s: int = 60) -> None:
    """Create the uniqueness constraints and indexes (``IF NOT EXISTS``), wait for them, and
    give events stored without a type label theirs.

    Safe to call at every start of an ingest or of the API.

    Raises:
        GraphUnavailable: Neo4j cannot be reached.
        GraphError: Neo4j refused a schema statement.
    """
    what = "creating the graph schema"
    for statement in queries.SCHEMA:
        graph.write(statement, what)
    graph.write(queries.AWAIT_INDEXES, what, seconds=wait_s)
    graph.run(queries.LABEL_EVENT_TYPES, what)  # CALL … IN TRANSACTIONS: auto-commit
    graph.run(queries.LABEL_INTERACTION_PAIRS, what)
