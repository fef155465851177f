"""graph.session: every driver error becomes one of the graph package's errors, the right one
(a busy or unreachable database is never reported as bad data)."""

from __future__ import annotations

import neo4j
import pytest
from neo4j.exceptions import Neo4jError

from graph import (
    CredentialsRefused,
    DataRejected,
    GraphBusy,
    GraphUnavailable,
    QueryFailed,
)
from graph.schema import ensure_schema
from graph.session import Graph, translate

DB = "neo4j"


def _server_error(code: str) -> Neo4jError:
    """The driver's own error class for a Neo4j status code (as it hydrates a failure)."""
    return Neo4jError._hydrate_neo4j(code=code, message="from the server")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("Neo.TransientError.Transaction.DeadlockDetected", GraphBusy),
        ("Neo.TransientError.Transaction.LockAcquisitionTimeout", GraphBusy),
        ("Neo.ClientError.Security.Unauthorized", CredentialsRefused),
        ("Neo.ClientError.Schema.ConstraintValidationFailed", DataRejected),
        ("Neo.ClientError.Statement.TypeError", DataRejected),
        ("Neo.ClientError.Statement.SyntaxError", QueryFailed),
        ("Neo.ClientError.Statement.ParameterMissing", QueryFailed),
        ("Neo.DatabaseError.General.UnknownError", QueryFailed),
    ],
)
def test_server_errors_by_code(code: str, expected: type[Exception]) -> None:
    translated = translate(_server_error(code), "testing")
    assert type(translated) is expected
    assert "while testing" in str(translated)


def test_busy_is_unavailable_and_bad_data_is_not() -> None:
    assert issubclass(GraphBusy, GraphUnavailable)
    assert not issubclass(DataRejected, GraphUnavailable)
    assert isinstance(translate(OverflowError("int too big"), "writing"), DataRejected)


@pytest.mark.neo4j
def test_real_errors(neo4j_clean: neo4j.Driver) -> None:
    graph = Graph(neo4j_clean, DB)
    with pytest.raises(QueryFailed) as bad_query:
        graph.read("MATCH (n RETURN n", "reading nonsense")
    assert isinstance(bad_query.value.__cause__, Neo4jError)
    ensure_schema(graph)
    graph.run("CREATE (:Article {id: 'a1'})", "writing")
    with pytest.raises(DataRejected):
        graph.run("CREATE (:Article {id: 'a1'})", "writing a duplicate")
    with pytest.raises(DataRejected):
        graph.write_tx(lambda tx: tx.run("RETURN $n", n=2**70).consume(), "writing a huge int")
    assert graph.read("MATCH (a:Article) RETURN a.id AS id", "reading") == [{"id": "a1"}]


@pytest.mark.neo4j
def test_unreachable_server() -> None:
    with neo4j.GraphDatabase.driver("bolt://127.0.0.1:9", connection_timeout=1.0) as driver:
        graph = Graph(driver, DB)
        with pytest.raises(GraphUnavailable, match="not reachable"):
            graph.read("RETURN 1", "reading")
