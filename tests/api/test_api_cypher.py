"""``POST /cypher``: read-only, time-limited, capped, JSON-serialised."""

from __future__ import annotations

import neo4j
import pytest
from fastapi.testclient import TestClient
from httpx2 import Response  # what the TestClient answers with (starlette uses httpx2)
from pydantic import SecretStr

from api.app import create_app
from api.settings import Settings

pytestmark = pytest.mark.neo4j

KEY = {"X-API-Key": "test-key-0123456789"}  # tests/api/conftest.py API_KEY


def cypher(app: TestClient, query: str, params: dict[str, object] | None = None) -> Response:
    """``POST /cypher`` with the write key (a key the console accepts)."""
    body: dict[str, object] = {"query": query}
    if params is not None:
        body["params"] = params
    return app.post("/cypher", headers=KEY, json=body)


def count_nodes(driver: neo4j.Driver) -> int:
    records, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS n")
    return int(records[0]["n"])


def test_read_query_returns_serialised_rows(client: TestClient) -> None:
    response = cypher(
        client,
        "MATCH (a:Actor {id: $id})<-[r:SOURCE]-(e:Event)-[:AT]->(p:Place) "
        "RETURN a, r, e.date AS date, p.location AS location, e.type AS type "
        "ORDER BY type",
        {"id": "person:antony-blinken"},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["columns"] == ["a", "r", "date", "location", "type"]
    assert body["truncated"] is False
    assert [row["type"] for row in body["rows"]] == ["CONSULT", "THREATEN"]
    row = body["rows"][0]
    assert row["a"]["properties"]["name"] == "Antony Blinken"
    assert "Person" in row["a"]["labels"]
    assert row["r"]["type"] == "SOURCE"
    assert row["date"] == "2021-12-02"
    assert row["location"]["srid"] == 4326
    assert row["location"]["coordinates"][1] == pytest.approx(59.33258)


def test_paths_and_special_numbers_serialise(client: TestClient) -> None:
    response = cypher(
        client,
        "MATCH p = (:Person)-[:AFFILIATED_WITH]->(:State) "
        "RETURN p, 0.0/0.0 AS nan, duration('P2D') AS d LIMIT 1",
    )
    assert response.status_code == 200, response.text
    row = response.json()["rows"][0]
    assert len(row["p"]["nodes"]) == 2 and row["p"]["relationships"][0]["type"] == (
        "AFFILIATED_WITH"
    )
    assert row["nan"] == "NaN" and row["d"] == "P2D"


@pytest.mark.parametrize(
    "query",
    [
        "CREATE (:Actor {id: 'state:XXX', name: 'Nowhere'})",
        "MATCH (n) DETACH DELETE n",
        "MATCH (a:Actor) SET a.name = 'x'",
        "MERGE (x:Evil {id: 1}) RETURN x",
        "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    ],
)
def test_writes_are_refused_and_change_nothing(
    client: TestClient, seed_graph: neo4j.Driver, query: str
) -> None:
    before = count_nodes(seed_graph)
    response = cypher(client, query)
    assert response.status_code == 400
    assert response.json()["type"] == "urn:dekg:problem:query-rejected"
    assert count_nodes(seed_graph) == before
    names, _, _ = seed_graph.execute_query("MATCH (a:Actor) WHERE a.name = 'x' RETURN a")
    assert names == []


def test_syntax_error_is_400_with_neo4j_reason(client: TestClient) -> None:
    response = cypher(client, "MATCH (n RETURN n")
    assert response.status_code == 400
    assert "Syntax" in response.json()["detail"]


@pytest.mark.parametrize(
    "body",
    [{}, {"query": ""}, {"query": "RETURN 1", "params": []}, {"query": "RETURN 1", "x": 1}],
)
def test_malformed_request_is_422(client: TestClient, body: dict[str, object]) -> None:
    assert client.post("/cypher", headers=KEY, json=body).status_code == 422


def test_row_cap_and_time_limit(seed_graph: neo4j.Driver, api_settings: Settings) -> None:
    settings = api_settings.model_copy(update={"cypher_row_limit": 3, "cypher_timeout_s": 1.0})
    with TestClient(create_app(settings)) as capped:
        rows = cypher(capped, "UNWIND range(1, 10) AS i RETURN i")
        assert rows.status_code == 200
        assert rows.json()["rows"] == [{"i": 1}, {"i": 2}, {"i": 3}]
        assert rows.json()["truncated"] is True
        slow = cypher(
            capped, "UNWIND range(1, 100000000) AS i WITH i WHERE i % 7 = 99 RETURN count(i)"
        )
        assert slow.status_code == 400
        assert "time limit of 1 s" in slow.json()["detail"]


def test_neo4j_messages_are_not_passed_on(client: TestClient) -> None:
    """Our own words, the status code and the position; not Neo4j's text (class names, ids)."""
    response = cypher(client, "MATCH (n RETURN n")
    detail = response.json()["detail"]
    assert detail.startswith("the query is not valid Cypher (line 1, column ")
    assert "Neo.ClientError.Statement.SyntaxError" in detail
    assert "Invalid input" not in detail and '"MATCH (n RETURN n"' not in detail
    missing = cypher(client, "RETURN $nothing")
    assert missing.status_code == 400
    assert missing.json()["detail"].startswith("the query uses a parameter that was not sent")
    division = cypher(client, "RETURN 1 / 0 AS x")
    assert division.status_code == 400
    assert "/ by zero" not in division.json()["detail"]  # Java's ArithmeticException text


def test_console_needs_a_read_or_write_key(
    seed_graph: neo4j.Driver, api_settings: Settings
) -> None:
    query = {"query": "RETURN 1 AS one"}
    reader = api_settings.model_copy(update={"read_keys": [SecretStr("reader-key-1")]})
    with TestClient(create_app(reader)) as app:
        assert app.post("/cypher", json=query).status_code == 401
        assert app.post("/cypher", json=query, headers={"X-API-Key": "wrong"}).status_code == 401
        assert app.post("/cypher", json=query, headers={"X-API-Key": "reader-key-1"}).json()[
            "rows"
        ] == [{"one": 1}]
        bearer = {"Authorization": "Bearer reader-key-1"}
        assert app.post("/cypher", json=query, headers=bearer).status_code == 200
        assert app.post("/cypher", json=query, headers=KEY).status_code == 200  # a write key
    closed = api_settings.model_copy(update={"api_keys": [], "read_keys": []})
    with TestClient(create_app(closed)) as app:
        refused = app.post("/cypher", json=query)
        assert refused.status_code == 403 and "DEKG_CYPHER_OPEN" in refused.json()["detail"]
    opened = closed.model_copy(update={"cypher_open": True})
    with TestClient(create_app(opened)) as app:
        assert app.post("/cypher", json=query).status_code == 200


def test_results_are_capped_in_bytes(seed_graph: neo4j.Driver, api_settings: Settings) -> None:
    settings = api_settings.model_copy(update={"cypher_byte_limit": 100_000})
    with TestClient(create_app(settings)) as capped:
        huge = cypher(capped, "RETURN range(1, 5000000) AS r")
        assert huge.status_code == 200
        body = huge.json()
        assert body["truncated"] is True and body["limit"] == "bytes" and body["rows"] == []
        assert len(huge.content) < 1000
        many = cypher(capped, "UNWIND range(1, 10000) AS i RETURN i, 'xxxxxxxxxx' + i AS s")
        rows = many.json()["rows"]
        assert many.json()["limit"] == "bytes" and 1000 < len(rows) < 10000
        assert 50_000 < len(many.content) < 120_000  # the cap is an estimate of the JSON size
        small = cypher(capped, "UNWIND range(1, 5) AS i RETURN i")
        assert small.json()["truncated"] is False and small.json()["limit"] is None


def test_deeply_nested_result_is_a_400_not_a_500(client: TestClient) -> None:
    query = "RETURN reduce(acc = null, i IN range(1, 2000) | [acc]) AS deep"  # 2000 levels
    response = cypher(client, query)
    assert response.status_code == 400, response.text
    assert "deeper than" in response.json()["detail"]
    ok = cypher(client, "RETURN [[[1]]] AS shallow")
    assert ok.json()["rows"] == [{"shallow": [[[1]]]}]
