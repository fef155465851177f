"""Fixtures of the graph tests.

* ``own_server``: a throwaway Neo4j of the test's own (not the shared test server), for the
  fault tests that stop, kill and restart it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from api.settings import get_settings
from managed_neo4j.distribution import Distribution
from managed_neo4j.server import ManagedNeo4j


@pytest.fixture()
def own_server(tmp_path: Path) -> Iterator[ManagedNeo4j]:
    distribution = Distribution.in_data_dir(get_settings().data_dir)
    if not distribution.lib.exists():
        pytest.skip("the Neo4j jars are not provisioned (run `dekg neo4j provision`)")
    server = ManagedNeo4j(
        tmp_path / "neo4j", distribution, heap="512m", pagecache="64m", ports=None, fast_start=True
    )
    server.start()
    try:
        yield server
    finally:
        server.stop()
