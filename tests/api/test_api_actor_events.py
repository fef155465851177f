"""``GET /actors/{id}/events``: the actor page's events with evidence, against the seed graph."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.neo4j

BLINKEN = "person:antony-blinken"


def test_blinken_events_carry_evidence_and_articles(client: TestClient) -> None:
    body = client.get(f"/actors/{BLINKEN}/events").json()
    assert body["actor"] == BLINKEN and body["next_cursor"] is None
    listed = {e["id"] for e in body["data"]}
    assert listed == {
        e["id"] for e in client.get("/events", params={"actor": BLINKEN}).json()["data"]
    }
    consult = next(e for e in body["data"] if e["type"] == "CONSULT")
    assert {r["article"]["publisher"] for r in consult["reports"]} == {"Cyprus Mail", "Reuters"}
    assert consult["reports"] == client.get(f"/events/{consult['id']}").json()["reports"]
    threat = next(e for e in body["data"] if e["date"] == "2021-12-02" and e["type"] == "THREATEN")
    texts = [ev["text"] for r in threat["reports"] for ev in r["evidence"]]
    assert any(t.startswith("Blinken delivered the warning") for t in texts)


def test_state_includes_its_ministers_and_filters_apply(client: TestClient) -> None:
    everything = client.get("/actors/USA/events").json()
    assert everything["actor"] == "state:USA"
    assert any(a["id"] == BLINKEN for e in everything["data"] for a in e["source"])
    threats = client.get("/actors/USA/events", params={"type": "THREATEN", "actor": "UKR"}).json()
    assert threats["data"] and {e["type"] for e in threats["data"]} == {"THREATEN"}
    assert len(threats["data"]) < len(everything["data"])


def test_pages_cover_every_event_once(client: TestClient) -> None:
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        params = {"limit": 1, **({"cursor": cursor} if cursor else {})}
        body = client.get("/actors/USA/events", params=params).json()
        seen += [e["id"] for e in body["data"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    full = [e["id"] for e in client.get("/actors/USA/events").json()["data"]]
    assert seen == full and len(full) >= 2


def test_unknown_actor_is_404(client: TestClient) -> None:
    assert client.get("/actors/state:XXX/events").status_code == 404
