"""The pieces of the managed local Neo4j: cached jars, configuration, the server process.

``graph.server`` puts them together; import from there.
"""

from __future__ import annotations

from graph import GraphError


class ServerError(GraphError):
    """The managed Neo4j could not be provisioned, started or stopped."""
