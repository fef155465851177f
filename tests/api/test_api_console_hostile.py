"""The console against hostile queries: refused by Neo4j's own plan, and nothing changes.

Each query below was written to get past a keyword filter (comments, backquotes, case,
Unicode spaces, nesting in ``CALL {}`` and subqueries, expressions) or to reach the server
(administration commands, ``dbms.*``, other clients' transactions and connections, files).
Every one must be a 400 problem; afterwards the graph, the schema, the property keys, a
canary transaction of another client and its connection must be as before. Harmless
queries holding the same words in strings and comments must run.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.neo4j

KEY = {"X-API-Key": "test-key-0123456789"}  # tests/api/conftest.py API_KEY

HOSTILE = [
    # administration commands
    "SHOW TRANSACTIONS",
    "show transactions yield currentQuery return currentQuery",
    "SHOW TRANSACTIONS YIELD transactionId, currentQuery WHERE currentQuery <> '' RETURN *",
    "TERMINATE TRANSACTIONS $transactions",
    "terminate transaction 'neo4j-transaction-1'",
    "SHOW USERS",
    "SHOW CURRENT USER",
    "CREATE USER evil SET PASSWORD 'evil-password-1'",
    "ALTER USER neo4j SET PASSWORD 'evil-password-1'",
    "SHOW DATABASES",
    "STOP DATABASE neo4j",
    "DROP DATABASE neo4j",
    "SHOW SETTINGS",
    "SHOW PROCEDURES",
    "SHOW FUNCTIONS",
    "SHOW INDEXES",
    "SHOW CONSTRAINTS",
    "USE system SHOW USERS",
    # dbms.* and other server procedures
    "CALL dbms.killConnections($connections)",
    "CALL dbms.killConnection($connection)",
    "CALL dbms.listConnections()",
    "CALL dbms.listConfig()",
    "CALL dbms.queryJmx('*:*')",
    "CALL dbms.showCurrentUser()",
    "CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')",
    "CALL `dbms`.listConfig()",
    "CALL `dbms`.`listConfig`()",
    "CALL dbms . listConfig ( )",
    "CALL /* hidden */ dbms.listConfig()",
    "// a comment\nCALL dbms.listConfig()",
    "CALL\u00a0dbms.listConfig()",
    "CALL\u2003dbms.killConnections($connections)",
    "CYPHER runtime=slotted CALL dbms.listConfig()",
    "EXPLAIN CALL dbms.killConnections($connections)",
    "PROFILE CALL dbms.listConfig()",
    "CALL db.clearQueryCaches()",
    "CALL db.createLabel('Evil')",
    "CALL db.createProperty('evilProperty')",
    "CALL db.createRelationshipType('EVIL')",
    "CALL db.awaitIndexes(300)",
    # files and URLs
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "LOAD/**/CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "load csv from 'file:///etc/passwd' as line return line",
    "LOAD\nCSV WITH HEADERS FROM 'http://127.0.0.1:9/x.csv' AS row RETURN row",
    "LOAD\u00a0CSV FROM 'file:///etc/hostname' AS line RETURN line",
    "CALL { LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line } RETURN line",
    "CALL () { LOAD CSV FROM 'file:///etc/passwd' AS l RETURN count(l) AS n } RETURN n",
    # APOC: files, logs, nested Cypher, background jobs, sleeping
    "CALL apoc.load.json('file:///etc/passwd')",
    "CALL `apoc`.load.json('file:///etc/passwd')",
    "CALL `apoc`.`load`.`json`('file:///etc/passwd')",
    "CALL apoc.load.jsonParams('http://127.0.0.1:9/', {}, null)",
    "CALL apoc.load.xml('file:///etc/passwd')",
    "CALL apoc.log.stream('debug.log')",
    "CALL `apoc`.log.stream('neo4j.log')",
    "CALL apoc.cypher.run('CALL dbms.listConfig() YIELD name RETURN name', {})",
    "CALL `apoc`.cypher.run('MATCH (n) RETURN n', {})",
    "CALL apoc.cypher.doIt('CREATE (:Evil)', {})",
    "RETURN apoc.cypher.runFirstColumnSingle('CALL dbms.killConnections([])', {}) AS x",
    "RETURN `apoc`.cypher.runFirstColumnMany('RETURN 1', {}) AS x",
    "RETURN [x IN [1] | apoc.cypher.runFirstColumnSingle('RETURN 1', {})] AS y",
    "RETURN apoc.text.join(['a'], ',') AS ok, apoc.cypher.runFirstColumnSingle('RETURN 1', {})",
    "CALL apoc.periodic.submit('evil', 'CREATE (:Evil)')",
    "CALL `apoc`.periodic.submit('evil', 'CREATE (:Evil)')",
    "CALL apoc.periodic.iterate('RETURN 1', 'CREATE (:Evil)', {})",
    "CALL apoc.util.sleep(5000)",
    "UNWIND range(1, 3) AS i CALL apoc.util.sleep(1000) RETURN i",
    "CALL apoc.export.json.all('/tmp/dekg-evil.json', {})",
    "CALL apoc.create.node(['Evil'], {})",
    "CALL apoc.help('')",
    # nesting in CALL {} and subqueries
    "CALL () { CALL dbms.listConfig() YIELD name RETURN name } RETURN name",
    "CALL { CALL apoc.load.json('file:///etc/passwd') YIELD value RETURN value } RETURN value",
    "MATCH (a:Actor) WHERE EXISTS { CALL dbms.listConfig() YIELD name RETURN name } RETURN a",
    "RETURN COUNT { CALL dbms.listConnections() YIELD connectionId RETURN connectionId } AS c",
    "RETURN COLLECT { SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery } AS q",
    "CALL db.labels() YIELD label CALL dbms.listConfig() YIELD name RETURN label, name",
    "MATCH (a:Actor) RETURN a UNION CALL dbms.listConfig() YIELD name RETURN name AS a",
    # writes, in every disguise
    "CREATE (:Evil)",
    "MERGE (:Evil {id: 1})",
    "MATCH (n) DETACH DELETE n",
    "MATCH (a:Actor) SET a.name = 'x'",
    "MATCH (a:Actor) REMOVE a.name",
    "FOREACH (i IN [1] | CREATE (:Evil))",
    "CALL { CREATE (:Evil) } IN TRANSACTIONS",
    "MATCH (a:Actor) CALL (a) { SET a.evil = 1 } RETURN a",
    "CREATE INDEX evil FOR (n:Evil) ON (n.x)",
    "DROP INDEX actor_id IF EXISTS",
    "RETURN 1 AS x; CREATE (:Evil)",
]

HARMLESS = [
    ("RETURN 'LOAD CSV FROM file:///etc/passwd' AS s", "LOAD CSV FROM file:///etc/passwd"),
    ("RETURN 'CALL dbms.killConnections([])' AS s", "CALL dbms.killConnections([])"),
    ("RETURN \"apoc.load.json('x')\" AS s", "apoc.load.json('x')"),
    ("RETURN 'TERMINATE TRANSACTIONS x; SHOW USERS' AS s", "TERMINATE TRANSACTIONS x; SHOW USERS"),
    ("RETURN 'apoc.cypher.run(\"CREATE (n)\")' AS `apoc.periodic.submit(`", None),
    ("// LOAD CSV and apoc.load.json in a comment\nRETURN 1 AS s", 1),
    ("RETURN 1 AS s /* CALL dbms.listConfig() */", 1),
    ("RETURN apoc.text.join(['LOAD', 'CSV'], ' ') AS s", "LOAD CSV"),
    ("RETURN 'ünïcödé LOAD CSV ☃ dbms.listConfig()' AS s", "ünïcödé LOAD CSV ☃ dbms.listConfig()"),
    ("MATCH (a:Actor) WHERE a.name <> 'SHOW USERS' RETURN count(a) > 0 AS s", True),
    ("CALL db.labels() YIELD label WHERE label = 'Actor' RETURN label AS s", "Actor"),
    ("CALL { MATCH (e:Event) RETURN count(e) AS n } RETURN n > 0 AS s", True),
    ("MATCH (a:Actor) WHERE EXISTS { (a)<-[:SOURCE]-(:Event) } RETURN count(a) > 0 AS s", True),
    ("RETURN toInteger(point.distance(point({x: 0, y: 0}), point({x: 3, y: 4}))) AS s", 5),
    (
        "MATCH (a:Actor {id: 'state:RUS'}) CALL apoc.path.subgraphNodes(a, {maxLevel: 1}) "
        "YIELD node RETURN count(node) > 0 AS s",
        True,
    ),
    ("RETURN duration.between(date('2021-12-01'), date('2021-12-02')).days AS s", 1),
]


def _post(client: TestClient, query: str, params: dict[str, Any]) -> Any:
    return client.post("/cypher", headers=KEY, json={"query": query, "params": params})


@pytest.fixture
def canary(seed_graph: neo4j.Driver) -> Iterator[neo4j.Transaction]:
    """Another client's open transaction (on its own connection) that the console must not end."""
    session = seed_graph.session(database="neo4j")
    tx = session.begin_transaction()
    tx.run("MATCH (a:Actor) RETURN count(a)").consume()
    try:
        yield tx
    finally:
        if not tx.closed():
            tx.rollback()
        session.close()


def _graph_state(driver: neo4j.Driver) -> tuple[Any, ...]:
    records, _, _ = driver.execute_query(
        "MATCH (n) WITH count(n) AS nodes "
        "OPTIONAL MATCH ()-[r]->() WITH nodes, count(r) AS rels "
        "RETURN nodes, rels",
        database_="neo4j",
    )
    labels, _, _ = driver.execute_query("CALL db.labels() YIELD label RETURN collect(label) AS l")
    keys, _, _ = driver.execute_query(
        "CALL db.propertyKeys() YIELD propertyKey RETURN collect(propertyKey) AS k"
    )
    types, _, _ = driver.execute_query(
        "CALL db.relationshipTypes() YIELD relationshipType RETURN collect(relationshipType) AS t"
    )
    indexes, _, _ = driver.execute_query("SHOW INDEXES YIELD name RETURN collect(name) AS i")
    users, _, _ = driver.execute_query(
        "SHOW USERS YIELD user RETURN collect(user) AS u", database_="system"
    )
    return (
        records[0]["nodes"],
        records[0]["rels"],
        sorted(labels[0]["l"]),
        sorted(keys[0]["k"]),
        sorted(types[0]["t"]),
        sorted(indexes[0]["i"]),
        sorted(users[0]["u"]),
    )


def _others(driver: neo4j.Driver) -> dict[str, Any]:
    """Real ids of other clients' transactions and connections, for the hostile queries."""
    txs, _, _ = driver.execute_query(
        "SHOW TRANSACTIONS YIELD transactionId RETURN collect(transactionId) AS t"
    )
    conns, _, _ = driver.execute_query(
        "CALL dbms.listConnections() YIELD connectionId RETURN collect(connectionId) AS c"
    )
    connections = list(conns[0]["c"])
    return {
        "transactions": list(txs[0]["t"]),
        "connections": connections,
        "connection": connections[0] if connections else "bolt-1",
    }


def test_hostile_queries_are_refused_and_change_nothing(
    client: TestClient, seed_graph: neo4j.Driver, canary: neo4j.Transaction
) -> None:
    assert len(HOSTILE) >= 50
    before = _graph_state(seed_graph)
    params = _others(seed_graph)
    answers = {}
    for query in HOSTILE:
        response = _post(client, query, params)
        answers[query] = (
            response.status_code,
            response.json().get("type"),
            response.json().get("detail"),
        )
    wrong = {q: a for q, a in answers.items() if a[:2] != (400, "urn:dekg:problem:query-rejected")}
    assert not wrong, wrong
    leaked = {
        q: a for q, a in answers.items() if "org.neo4j" in (a[2] or "") or "bolt-" in (a[2] or "")
    }
    assert not leaked, leaked
    assert _graph_state(seed_graph) == before
    # the other client's transaction and connection survived TERMINATE and killConnections
    assert canary.run("RETURN 1 AS one").single()["one"] == 1
    canary.commit()


def test_refusals_say_why(client: TestClient) -> None:
    reasons = {
        "SHOW TRANSACTIONS": "administration command (ShowTransactions)",
        "CALL dbms.listConfig()": "does not allow procedure dbms.listConfig",
        "CALL `dbms`.`listConfig`()": "does not allow procedure dbms.listConfig",
        "LOAD/**/CSV FROM 'file:///etc/passwd' AS l RETURN l": "LOAD CSV is not allowed",
        "CREATE (:Evil)": "the operation Create is not allowed",
        "CALL `apoc`.load.json('file:///x')": "procedure that does not exist",  # not loaded
        "SHOW USERS": "administration command",
    }
    for query, reason in reasons.items():
        detail = _post(client, query, {}).json()["detail"]
        assert reason in detail, (query, detail)


@pytest.mark.parametrize(("query", "expected"), HARMLESS)
def test_harmless_queries_with_those_words_run(
    client: TestClient, query: str, expected: Any
) -> None:
    response = _post(client, query, {})
    assert response.status_code == 200, response.text
    row = response.json()["rows"][0]
    if expected is not None:
        assert row["s"] == expected
