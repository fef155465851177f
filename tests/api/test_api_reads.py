"""Read endpoints against the real Neo4j with the hand-coded seed graph loaded by the writer."""

from __future__ import annotations

import urllib.parse

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.neo4j

BLINKEN = "person:antony-blinken"
LAVROV = "person:sergei-lavrov"


def test_events_newest_first_with_actors_and_place(client: TestClient) -> None:
    response = client.get("/events")
    assert response.status_code == 200
    body = response.json()
    events = body["data"]
    assert len(events) == 4  # the second report of the meeting merged into the seed's CONSULT
    dates = [e["date"] for e in events]
    assert dates[-1] is None  # undated MOBILIZE last
    assert dates[:-1] == sorted(dates[:-1], reverse=True)
    consult = next(e for e in events if e["type"] == "CONSULT")
    assert [a["id"] for a in consult["source"]] == [BLINKEN]
    assert [a["id"] for a in consult["target"]] == [LAVROV]
    assert consult["place"]["name"] == "Stockholm"
    assert consult["num_articles"] == 2
    assert body["next_cursor"] is None


def test_events_cursor_pages_cover_everything_once(client: TestClient) -> None:
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        params = {"limit": 1, **({"cursor": cursor} if cursor else {})}
        body = client.get("/events", params=params).json()
        seen += [e["id"] for e in body["data"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    everything = [e["id"] for e in client.get("/events").json()["data"]]
    assert seen == everything


@pytest.mark.parametrize(
    ("params", "types"),
    [
        ({"type": "THREATEN"}, ["THREATEN", "THREATEN"]),
        ({"type": ["CONSULT", "MOBILIZE"]}, ["CONSULT", "MOBILIZE"]),
        ({"date_from": "2021-12-02", "date_to": "2021-12-02"}, ["CONSULT", "THREATEN"]),
        ({"actor": "USA", "type": "THREATEN"}, ["THREATEN", "THREATEN"]),
        ({"actor": "Lavrov"}, ["CONSULT", "THREATEN"]),
        ({"country": "UKR"}, ["MOBILIZE"]),
        ({"place": "stockholm"}, ["CONSULT", "THREATEN"]),
        ({"near": "59.3,18.0,50"}, ["CONSULT", "THREATEN"]),
        ({"near": "48.2,16.4,50"}, []),
        ({"modality": "future"}, ["THREATEN"]),
    ],
)
def test_event_filters(client: TestClient, params: dict[str, object], types: list[str]) -> None:
    response = client.get("/events", params=params)
    assert response.status_code == 200, response.text
    assert sorted(e["type"] for e in response.json()["data"]) == sorted(types)


def test_state_filter_includes_affiliated_persons(client: TestClient) -> None:
    events = client.get("/events", params={"actor": "state:USA"}).json()["data"]
    actors = {a["id"] for e in events for a in e["source"]}
    assert actors == {BLINKEN, "state:USA"}


@pytest.mark.parametrize(
    ("params", "reason"),
    [
        ({"limit": 501}, "limit"),
        ({"limit": 0}, "limit"),
        ({"type": "HUG"}, "type"),
        ({"date_from": "2021-13-01"}, "date_from"),
        ({"date_from": "2021-12-03", "date_to": "2021-12-01"}, "after"),
        ({"near": "91,0,10"}, "near"),
        ({"near": "1,2"}, "near"),
        ({"min_confidence": 2}, "min_confidence"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"actor": "nobody-at-all"}, "actor"),
        ({"country": "XX"}, "countr"),
    ],
)
def test_bad_event_parameters_are_422_with_reason(
    client: TestClient, params: dict[str, object], reason: str
) -> None:
    response = client.get("/events", params=params)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["status"] == 422
    assert reason in problem["detail"]


def test_event_detail_has_every_report_and_its_evidence(client: TestClient) -> None:
    consult = client.get("/events", params={"type": "CONSULT"}).json()["data"][0]
    detail = client.get(f"/events/{consult['id']}").json()
    assert {r["article"]["id"] for r in detail["reports"]} == {
        "cyprus-mail-blinken-lavrov",
        "reuters-blinken-lavrov",
    }
    seed = next(r for r in detail["reports"] if r["article"]["id"] == "cyprus-mail-blinken-lavrov")
    assert seed["evidence"][0]["text"].startswith("U.S. Secretary of State Antony Blinken met")
    assert seed["evidence"][0]["end"] > seed["evidence"][0]["start"]
    # The Reuters report's own (article-level) event id leads to the same event.
    reuters = next(r for r in detail["reports"] if r["article"]["id"] == "reuters-blinken-lavrov")
    again = client.get(f"/events/{reuters['article_event_id']}").json()
    assert again["id"] == consult["id"]


def test_unknown_event_is_404_problem(client: TestClient) -> None:
    response = client.get("/events/ev-0000000000000000")
    assert response.status_code == 404
    assert response.json()["type"] == "urn:dekg:problem:not-found"


def test_actor_search_by_alias_and_name(client: TestClient) -> None:
    by_alias = client.get("/actors", params={"q": "moscow"}).json()
    assert [a["id"] for a in by_alias["data"]] == ["state:RUS"]
    by_name = client.get("/actors", params={"q": "lavrov"}).json()
    assert by_name["data"][0]["id"] == LAVROV
    people = client.get("/actors", params={"kind": "person"}).json()
    assert {a["id"] for a in people["data"]} == {BLINKEN, LAVROV}
    assert people["count"] == 2


@pytest.mark.parametrize(
    "path",
    ["/actors/state:RUS", "/actors/state%3ARUS", "/actors/RUS", "/actors/rus", "/actors/Moscow"],
)
def test_actor_paths_resolve(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["id"] == "state:RUS"
    assert LAVROV in {m["actor"]["id"] for m in body["members"]}


def test_person_detail_lists_affiliation(client: TestClient) -> None:
    body = client.get(f"/actors/{urllib.parse.quote(BLINKEN)}").json()
    assert body["name"] == "Antony Blinken"
    assert [a["actor"]["id"] for a in body["affiliations"]] == ["state:USA"]
    assert body["event_count"] == 2


def test_unknown_actor_is_404(client: TestClient) -> None:
    assert client.get("/actors/state:XXX").status_code == 404
    assert client.get("/actors/state:XXX/relationships").status_code == 404


def test_blinken_relationships_include_lavrov_consult_and_threaten(client: TestClient) -> None:
    body = client.get(f"/actors/{BLINKEN}/relationships").json()
    assert body["source"] == "interactions"
    lavrov = next(r for r in body["data"] if r["counterpart"]["id"] == LAVROV)
    assert lavrov["by_type"] == {"CONSULT": 1, "THREATEN": 1}
    assert lavrov["outgoing"] == 2 and lavrov["incoming"] == 0
    assert lavrov["first"] == lavrov["last"] == "2021-12-02"
    assert (lavrov["cooperation"], lavrov["conflict"]) == (1, 1)


def test_relationships_from_events_agree_with_interactions(client: TestClient) -> None:
    for actor in (BLINKEN, "state:USA", "state:RUS", "state:UKR"):
        fast = client.get(f"/actors/{actor}/relationships").json()
        # A filter that keeps everything forces the computation from the events.
        slow = client.get(
            f"/actors/{actor}/relationships", params={"date_from": "1900-01-01"}
        ).json()
        assert slow["source"] == "events"
        dated = [r for r in fast["data"] if r["first"] is not None]
        assert [(r["counterpart"]["id"], r["by_type"], r["count"]) for r in slow["data"]] == [
            (r["counterpart"]["id"], r["by_type"], r["count"]) for r in dated
        ]


def test_relationships_filter_by_type_and_time(client: TestClient) -> None:
    threats = client.get(f"/actors/{BLINKEN}/relationships", params={"type": "THREATEN"}).json()
    assert [(r["counterpart"]["id"], r["by_type"]) for r in threats["data"]] == [
        (LAVROV, {"THREATEN": 1})
    ]
    before = client.get(f"/actors/{BLINKEN}/relationships", params={"date_to": "2021-12-01"})
    assert before.json()["data"] == []


def test_relations_usa_rus_has_both_days_and_persons_events(client: TestClient) -> None:
    body = client.get("/relations", params={"a": "USA", "b": "RUS"}).json()
    assert body["a"]["id"] == "state:USA" and body["b"]["id"] == "state:RUS"
    dates = {e["date"] for e in body["events"]}
    assert {"2021-12-01", "2021-12-02"} <= dates
    types = sorted(e["type"] for e in body["events"])
    assert types == ["CONSULT", "THREATEN", "THREATEN"]  # Blinken→Lavrov twice, USA→RUS once
    assert body["months"] == [
        {
            "month": "2021-12",
            "count": 3,
            "cooperation": 1,
            "conflict": 2,
            "goldstein_sum": pytest.approx(1.0 - 4.4 - 4.4),
            "quads": [1, 0, 2, 0],
        }
    ]
    assert (body["count"], body["cooperation"], body["conflict"]) == (3, 1, 2)


def test_relations_either_order_and_404(client: TestClient) -> None:
    forward = client.get("/relations", params={"a": "USA", "b": "RUS"}).json()
    backward = client.get("/relations", params={"a": "RUS", "b": "USA"}).json()
    assert {e["id"] for e in forward["events"]} == {e["id"] for e in backward["events"]}
    assert client.get("/relations", params={"a": "USA", "b": "XXX"}).status_code == 404
    assert client.get("/relations", params={"a": "USA"}).status_code == 422


def test_ego_network_grows_with_depth(client: TestClient) -> None:
    one = client.get("/actors/USA/network", params={"depth": 1}).json()
    assert {n["id"] for n in one["nodes"]} == {"state:USA", "state:RUS", BLINKEN}
    two = client.get("/actors/USA/network", params={"depth": 2}).json()
    ids = {n["id"] for n in two["nodes"]}
    assert LAVROV in ids
    assert {"source": BLINKEN, "target": LAVROV, "rel": "INTERACTS_WITH", "count": 2} in two[
        "edges"
    ]
    assert client.get("/actors/USA/network", params={"depth": 4}).status_code == 422


def test_shortest_paths(client: TestClient) -> None:
    body = client.get("/paths", params={"from": BLINKEN, "to": "UKR"}).json()
    assert body["data"], body
    path = body["data"][0]
    assert path["nodes"][0]["id"] == BLINKEN and path["nodes"][-1]["id"] == "state:UKR"
    assert path["length"] == len(path["edges"]) == len(path["nodes"]) - 1
    short = client.get("/paths", params={"from": BLINKEN, "to": "UKR", "max_length": 1}).json()
    assert short["data"] == []
    same = client.get("/paths", params={"from": "USA", "to": "state:USA"}).json()
    assert same["data"][0]["length"] == 0


def test_stats_and_health(client: TestClient) -> None:
    stats = client.get("/stats").json()
    assert stats["articles"] == 2 and stats["events"] == 4 and stats["reports"] == 5
    assert stats["events_by_type"] == {"CONSULT": 1, "THREATEN": 2, "MOBILIZE": 1}
    health = client.get("/health")
    assert health.status_code == 200
    body = health.json()
    assert body["neo4j"]["ok"] and "5.26" in body["neo4j"]["version"]
    assert body["status"] in ("ok", "degraded")
    assert "dekg" in body["versions"]


def test_unknown_route_is_a_problem_too(client: TestClient) -> None:
    response = client.get("/nowhere")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")


def test_actor_detail_carries_the_wikidata_id(client: TestClient) -> None:
    assert client.get("/actors/person:sergei-lavrov").json()["wikidata"] == "Q58217"
