"""The Neo4j a benchmark runs against: the given or configured server, else a throwaway one.

``--uri`` / ``DEKG_NEO4J_URI`` (with ``DEKG_NEO4J_USER`` / ``DEKG_NEO4J_PASSWORD``) name a
server of one's own; without, a managed server is started in a temporary home (reusing the
verified jar cache) and stopped at the end.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import neo4j


@dataclass(frozen=True)
class Target:
    driver: neo4j.Driver
    database: str
    #: The Bolt URI, and where it is for a report (``(throwaway)`` for a managed one).
    uri: str
    where: str
    auth: tuple[str, str] | None
    #: The server's pid (a throwaway one's, for its CPU time), else None.
    pid: int | None


@contextlib.contextmanager
def neo4j_server(uri: str | None) -> Iterator[Target]:
    """A driver to the given or configured server, else to a throwaway managed server."""
    uri = uri or os.environ.get("DEKG_NEO4J_URI")
    database = os.environ.get("DEKG_NEO4J_DATABASE", "neo4j")
    if uri:
        password = os.environ.get("DEKG_NEO4J_PASSWORD")
        auth = (os.environ.get("DEKG_NEO4J_USER", "neo4j"), password) if password else None
        with neo4j.GraphDatabase.driver(uri, auth=auth) as driver:
            yield Target(driver, database, uri, uri, auth, None)
        return
    from api.settings import get_settings
    from managed_neo4j.server import Distribution, ManagedNeo4j

    distribution = Distribution.in_data_dir(get_settings().data_dir)
    with tempfile.TemporaryDirectory(prefix="dekg-bench-") as home:
        server = ManagedNeo4j(Path(home), distribution, heap="1g", ports=None)
        server.provision()  # reuses the verified jar cache when there is one
        status = server.start()
        try:
            credentials = server.credentials()
            auth = (credentials.user, credentials.password)
            bolt = status.bolt_uri or ""
            with neo4j.GraphDatabase.driver(bolt, auth=auth) as driver:
                yield Target(driver, database, bolt, f"{bolt} (throwaway)", auth, status.pid)
        finally:
            server.stop()


@contextlib.contextmanager
def neo4j_target(uri: str | None) -> Iterator[tuple[neo4j.Driver, str, str, int | None]]:
    """:func:`neo4j_server` as ``(driver, database, where, pid)``."""
    with neo4j_server(uri) as t:
        yield t.driver, t.database, t.where, t.pid
