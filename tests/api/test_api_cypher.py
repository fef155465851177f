"""``POST /cypher``: read-only, time-limited, capped, JSON-serialised."""

from __future__ import annotations

import neo4j
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings

pytestmark = pytest.mark.neo4j


def count_nodes(driver: neo4j.Driver) -> int:
    records, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS n")
    return int(records[0]["n"])


def test_read_query_returns_serialised_rows(client: TestClient) -> None:
    response = client.post(
        "/cypher",
        json={
            "query": "MATCH (a:Actor {id: $id})<-[r:SOURCE]-(e:Event)-[:AT]->(p:Place) "
            "RETURN a, r, e.date AS date, p.location AS location, e.type AS type "
            "ORDER BY type",
            "params": {"id": "person:antony-blinken"},
        },
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
    response = client.post(
        "/cypher",
        json={
            "query": "MATCH p = (:Person)-[:AFFILIATED_WITH]->(:State) "
            "RETURN p, 0.0/0.0 AS nan, duration('P2D') AS d LIMIT 1"
        },
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
    response = client.post("/cypher", json={"query": query})
    assert response.status_code == 400
    assert response.json()["type"] == "urn:dekg:problem:query-rejected"
    assert count_nodes(seed_graph) == before
    names, _, _ = seed_graph.execute_query("MATCH (a:Actor) WHERE a.name = 'x' RETURN a")
    assert names == []


def test_syntax_error_is_400_with_neo4j_reason(client: TestClient) -> None:
    response = client.post("/cypher", json={"query": "MATCH (n RETURN n"})
    assert response.status_code == 400
    assert "Syntax" in response.json()["detail"]


@pytest.mark.parametrize(
    "body",
    [{}, {"query": ""}, {"query": "RETURN 1", "params": []}, {"query": "RETURN 1", "x": 1}],
)
def test_malformed_request_is_422(client: TestClient, body: dict[str, object]) -> None:
    assert client.post("/cypher", json=body).status_code == 422


def test_row_cap_and_time_limit(seed_graph: neo4j.Driver, api_settings: Settings) -> None:
    settings = api_settings.model_copy(update={"cypher_row_limit": 3, "cypher_timeout_s": 1.0})
    with TestClient(create_app(settings)) as capped:
        rows = capped.post("/cypher", json={"query": "UNWIND range(1, 10) AS i RETURN i"})
        assert rows.status_code == 200
        assert rows.json()["rows"] == [{"i": 1}, {"i": 2}, {"i": 3}]
        assert rows.json()["truncated"] is True
        slow = capped.post(
            "/cypher",
            json={
                "query": "UNWIND range(1, 100000000) AS i WITH i WHERE i % 7 = 99 RETURN count(i)"
            },
        )
        assert slow.status_code == 400
        assert "time limit of 1 s" in slow.json()["detail"]
