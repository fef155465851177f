"""The session's throwaway Neo4j: written through the driver, read back."""

from __future__ import annotations

import neo4j
import pytest

pytestmark = pytest.mark.neo4j


def test_write_then_read_back(neo4j_clean: neo4j.Driver) -> None:
    rows = [{"id": f"smoke-{i}", "n": i} for i in range(25)]
    neo4j_clean.execute_query(
        "UNWIND $rows AS row MERGE (s:Smoke {id: row.id}) SET s.n = row.n", rows=rows
    )
    records, _, _ = neo4j_clean.execute_query(
        "MATCH (s:Smoke) RETURN s.id AS id, s.n AS n ORDER BY s.n",
        routing_=neo4j.RoutingControl.READ,
    )
    assert [(r["id"], r["n"]) for r in records] == [(row["id"], row["n"]) for row in rows]


def test_clean_fixture_starts_empty(neo4j_clean: neo4j.Driver) -> None:
    records, _, _ = neo4j_clean.execute_query("MATCH (n) RETURN count(n) AS c")
    assert records[0]["c"] == 0


def test_server_is_community_5_26(neo4j_driver: neo4j.Driver) -> None:
    records, _, _ = neo4j_driver.execute_query(
        "CALL dbms.components() YIELD name, versions, edition RETURN versions[0] AS v, edition"
    )
    assert records[0]["v"].startswith("5.26.")
    assert records[0]["edition"] == "community"


def test_apoc_core_is_installed(neo4j_driver: neo4j.Driver) -> None:
    records, _, _ = neo4j_driver.execute_query("RETURN apoc.version() AS v")
    assert records[0]["v"].startswith("5.26.")
    records, _, _ = neo4j_driver.execute_query(
        "SHOW PROCEDURES YIELD name WHERE name STARTS WITH 'apoc.' RETURN collect(name) AS n"
    )
    loaded = set(records[0]["n"])  # only what dbms.security.procedures.allowlist names
    assert {"apoc.path.expand", "apoc.path.subgraphNodes", "apoc.meta.schema"} <= loaded
    assert not loaded & {"apoc.load.json", "apoc.cypher.run", "apoc.periodic.submit"}
