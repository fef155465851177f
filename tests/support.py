"""Helpers the test directories share (imported as ``support``: ``tests/`` is on sys.path)."""

from __future__ import annotations

import neo4j

from graph import queries
from graph.session import Graph


def wipe(driver: neo4j.Driver, database: str) -> None:
    """Delete every node and relationship (constraints and indexes stay)."""
    graph = Graph(driver, database)
    for statement in queries.DELETE_ALL:  # auto-commit: CALL ... IN TRANSACTIONS needs it
        graph.run(statement, "wiping the test graph")
