"""Fixtures shared by every test directory: a real, throwaway Neo4j for tests marked ``neo4j``.

The server starts lazily, on the first test that asks for it, in its own temporary home with
its own free ports; it reuses the jar cache of ``DEKG_DATA_DIR`` (jars shared, database not)
and is stopped and removed at the end of the session.

* ``neo4j_server``: where it is (``uri``, ``user``, ``password``, ``database``, ``http_uri``).
* ``neo4j_driver``: one driver for the session.
* ``neo4j_clean``: the driver after wiping every node and relationship (constraints and
  indexes stay).

And the shared sample factories (the benchmarks import the same modules):

* ``seed_extraction``: the seed article with its hand-coded events (``graph_samples.seed_result``).
* ``synthetic_results``, ``synthetic_events``: the generated-graph factories of
  ``synthetic_samples`` (called with a size and a seed).

With ``CI=true`` a neo4j test never skips: a server that cannot start fails the run. Elsewhere
the tests skip only when java (or, with no cached jars, mvn) is missing.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import graph_samples
import neo4j
import pytest
import synthetic_samples
from pydantic import SecretStr
from support import wipe

from api.runtime import Connection, connect
from api.settings import Settings
from managed_neo4j.server import Distribution, ManagedNeo4j, ServerError
from ontology.model import Article, Event, ExtractionResult

NEO4J_FIXTURES = frozenset({"neo4j_server", "neo4j_driver", "neo4j_clean"})


@dataclass(frozen=True)
class Neo4jServer:
    """The test server: Bolt URI, credentials, database, Browser/HTTP address."""

    uri: str
    user: str
    password: str
    database: str
    http_uri: str
    home: Path

    def connection(self) -> Connection:
        return Connection(self.uri, self.user, SecretStr(self.password), self.database, True)


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test using a Neo4j fixture carries the ``neo4j`` marker (so ``-m 'not neo4j'`` works)."""
    for item in items:
        if NEO4J_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.neo4j)


def _unavailable(reason: str) -> None:
    """Skip, except in CI, where a test that needs Neo4j must run."""
    if in_ci():
        pytest.fail(f"CI=true and the test Neo4j cannot run: {reason}", pytrace=False)
    pytest.skip(reason)


def _java_present() -> bool:
    java_home = os.environ.get("JAVA_HOME")
    return bool(java_home and Path(java_home, "bin", "java").is_file()) or bool(
        shutil.which("java")
    )


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jServer]:
    """A throwaway Neo4j Community server for this test session."""
    distribution = Distribution.in_data_dir(Settings().data_dir)
    if not _java_present():
        _unavailable("java is not installed (Neo4j needs a Java 17+ runtime)")
    if not distribution.is_provisioned() and shutil.which("mvn") is None:
        _unavailable("mvn is not installed and no Neo4j jars are cached")
    home = tmp_path_factory.mktemp("neo4j")
    server = ManagedNeo4j(
        home, distribution, heap="1g", pagecache="128m", ports=None, fast_start=True, tied=True
    )
    try:
        distribution.provision()  # the verified cache when `dekg neo4j provision` ran before
        status = server.start(timeout=300)  # generous: CI machines can be slow
    except ServerError as e:
        pytest.fail(f"the test Neo4j did not start: {e}", pytrace=False)
    credentials = server.credentials()
    try:
        yield Neo4jServer(
            uri=status.bolt_uri or "",
            user=credentials.user,
            password=credentials.password,
            database="neo4j",
            http_uri=status.http_uri or "",
            home=home,
        )
    finally:
        server.stop()
        shutil.rmtree(home)


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_server: Neo4jServer) -> Iterator[neo4j.Driver]:
    """One driver to the test server for the whole session."""
    driver = connect(neo4j_server.connection(), verify=True)
    try:
        yield driver
    finally:
        driver.close()


@pytest.fixture
def neo4j_clean(neo4j_driver: neo4j.Driver, neo4j_server: Neo4jServer) -> neo4j.Driver:
    """The session driver over an empty graph (schema created by other tests is kept)."""
    wipe(neo4j_driver, neo4j_server.database)
    return neo4j_driver


@pytest.fixture
def seed_extraction() -> ExtractionResult:
    """The seed article with its hand-coded events (``graph_samples.seed_result``)."""
    return graph_samples.seed_result()


@pytest.fixture(scope="session")
def synthetic_results() -> Callable[..., list[ExtractionResult]]:
    """``synthetic_results(n_events, seed=1)``: a generated graph, one event per article."""
    return synthetic_samples.synthetic_results


@pytest.fixture(scope="session")
def synthetic_events() -> Callable[..., tuple[list[Event], list[Article]]]:
    """``synthetic_events(count, seed=7)``: generated events and articles for the exports."""
    return synthetic_samples.synthetic_events
