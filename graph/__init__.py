"""Neo4j storage of the event graph: schema, batched writer, reads, projections and exports."""

from __future__ import annotations


class GraphError(Exception):
    """Base class of the errors raised by the graph package."""


class GraphUnavailable(GraphError):
    """Neo4j cannot be reached (stopped, restarting, wrong address)."""


class NotFound(GraphError):
    """The requested node does not exist."""


class QueryRejected(GraphError):
    """A user query was refused (a write in a read transaction, syntax, time limit)."""
