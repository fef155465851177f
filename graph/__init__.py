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


class GraphBusy(GraphUnavailable):
    """Neo4j answers but stays busy (locks, memory, starting) past the retries."""


class CredentialsRefused(GraphUnavailable):
    """Neo4j refused the user name or password."""


class DataRejected(GraphError):
    """Neo4j (or the driver) refused the values sent: the data's fault, not the server's."""


class QueryFailed(GraphError):
    """Neo4j failed a fixed query: the query's fault (syntax, a parameter) or the server's."""
