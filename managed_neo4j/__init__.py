"""The managed local Neo4j Community server: jars from Maven Central, a generated
configuration, a JVM process in a home directory (``dekg neo4j start``, the test fixture).

``managed_neo4j.server.ManagedNeo4j`` puts the pieces together: ``distribution`` (the cached,
checksummed jars), ``config`` (``neo4j.conf``, ports, memory), ``process`` (java, spawn,
stop), ``files`` (locks, atomic writes), ``status`` (what a server reports). It knows nothing
of the event graph; ``api.runtime`` turns its address and password into a driver.
"""

from __future__ import annotations


class ServerError(Exception):
    """The managed Neo4j could not be provisioned, started or stopped."""
