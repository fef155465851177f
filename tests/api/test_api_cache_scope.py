"""Scoped expiry: a write through ANOTHER client expires exactly the answers it can change.

Every check compares the cached answer with a fresh one (``Cache-Control: no-cache``) from
the same app: an answer served from the cache after a write must equal what the graph says
now; answers the write cannot change must still be hits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import neo4j
import pytest
from fastapi.testclient import TestClient
from graph_samples import BLINKEN, USA, article, make_event, seed_result

from api.app import create_app
from api.settings import Settings
from graph.schema import ensure_schema
from graph.session import Graph
from graph.writer import GraphWriter
from ontology.model import Actor, ActorKind, ExtractionResult
from ontology.plover import EventType

pytestmark = pytest.mark.neo4j

CHN = Actor(id="state:CHN", name="China", kind=ActorKind.STATE, country="CHN")
MLI = Actor(id="state:MLI", name="Mali", kind=ActorKind.STATE, country="MLI")
FRA = Actor(id="state:FRA", name="France", kind=ActorKind.STATE, country="FRA")
NER = Actor(id="state:NER", name="Niger", kind=ActorKind.STATE, country="NER")


def story(article_id: str, pairs: list[tuple[Actor, EventType, Actor]]) -> ExtractionResult:
    events = tuple(
        make_event(article_id, t, (s,), (o,), date=dt.date(2022, 3, 1), start=10 * i)
        for i, (s, t, o) in enumerate(pairs)
    )
    actors = tuple({a.id: a for s, _, o in pairs for a in (s, o)}.values())
    return ExtractionResult(
        item=article_id, article=article(article_id, "AP"), events=events, actors=actors
    )


#: Answers a story about Mali and France cannot change.
UNAFFECTED = [
    "/actors/state:USA/relationships",
    "/actors/state:CHN/relationships",
    "/actors/state:USA/relationships?type=CONSULT",
    "/actors/state:USA",
    "/actors/state:CHN/network",
    "/events?actor=state:RUS",
    "/events?country=USA",
    "/events?type=CONSULT",
    "/events?country=CHN&type=THREATEN",
    "/relations?a=state:USA&b=state:RUS",
]
#: Answers it changes.
AFFECTED = [
    "/stats",
    "/events",
    "/events?type=THREATEN",
    "/actors?q=a",
    "/events?date_from=2022-01-01",
]
#: Answers it may change (computed afresh, and must equal a fresh answer).
OTHERS = ["/paths?from=state:USA&to=state:RUS", "/events?actor=USA", "/actors/USA/relationships"]
URLS = UNAFFECTED + AFFECTED + OTHERS


@pytest.fixture
def two_clients(
    neo4j_clean: neo4j.Driver, api_settings: Settings
) -> Iterator[tuple[TestClient, GraphWriter]]:
    """The app with the seed graph and a China story, and a writer on its OWN driver."""
    database = api_settings.neo4j_database
    ensure_schema(Graph(neo4j_clean, database))
    GraphWriter(Graph(neo4j_clean, database)).write_results(
        [seed_result(), story("ap-china", [(CHN, EventType.THREATEN, USA)])]
    )
    other = neo4j.GraphDatabase.driver(
        api_settings.neo4j_uri,
        auth=(api_settings.neo4j_user, api_settings.neo4j_password.get_secret_value()),
    )
    try:
        with TestClient(create_app(api_settings)) as client:
            yield client, GraphWriter(Graph(other, database))
    finally:
        other.close()


def warm(client: TestClient, urls: list[str]) -> dict[str, bytes]:
    answers = {}
    for url in urls:
        first = client.get(url)
        assert first.status_code == 200, (url, first.text)
        assert client.get(url).headers["x-cache"] == "hit", url
        answers[url] = first.content
    return answers


def check(client: TestClient, urls: list[str]) -> dict[str, str]:
    """Each URL's cache status after a write; its answer must equal a fresh one."""
    status = {}
    for url in urls:
        got = client.get(url)
        fresh = client.get(url, headers={"Cache-Control": "no-cache"})
        assert got.status_code == fresh.status_code == 200, (url, got.text)
        assert got.content == fresh.content, f"{url} served a stale answer"
        status[url] = got.headers["x-cache"]
    return status


def test_a_story_about_mali_leaves_the_other_answers_valid(
    two_clients: tuple[TestClient, GraphWriter],
) -> None:
    client, other = two_clients
    before = warm(client, URLS)
    report = other.write_results([story("ap-mali", [(FRA, EventType.THREATEN, MLI)])])
    assert report.written == 1 and not report.errors
    status = check(client, URLS)
    assert {u: status[u] for u in UNAFFECTED} == dict.fromkeys(UNAFFECTED, "hit")
    for url in AFFECTED:
        assert status[url] == "miss", url
        assert client.get(url).content != before[url], f"{url} should have changed"
    mali = client.get("/actors/state:MLI/relationships").json()
    assert [c["counterpart"]["id"] for c in mali["data"]] == ["state:FRA"]
    health = client.get("/health").json()["read_cache"]
    assert health["scoped_expiries"] >= 1 and health["full_expiries"] == 1  # the first look


def test_a_story_about_the_united_states_expires_its_answers_only(
    two_clients: tuple[TestClient, GraphWriter],
) -> None:
    client, other = two_clients
    urls = ["/actors/state:USA/relationships", "/actors/state:CHN/relationships"]
    urls += ["/events?actor=state:RUS", "/events?country=USA", "/relations?a=state:USA&b=state:RUS"]
    before = warm(client, urls)
    other.write_results([story("ap-usa-mali", [(USA, EventType.THREATEN, MLI)])])
    status = check(client, urls)
    assert status["/actors/state:CHN/relationships"] == "hit"
    assert status["/events?actor=state:RUS"] == "hit"
    assert status["/relations?a=state:USA&b=state:RUS"] == "hit"
    for url in ("/actors/state:USA/relationships", "/events?country=USA"):
        assert status[url] == "miss" and client.get(url).content != before[url], url


def test_a_persons_event_expires_the_state_it_acts_for(
    two_clients: tuple[TestClient, GraphWriter],
) -> None:
    client, other = two_clients
    urls = ["/actors/state:USA/relationships", "/events?actor=state:USA", "/actors/state:CHN"]
    before = warm(client, urls)
    # Blinken's affiliation is stored; this story does not mention the United States.
    lone = BLINKEN.model_copy(update={"affiliation": None})
    other.write_results([story("ap-blinken-mali", [(lone, EventType.CONSULT, MLI)])])
    status = check(client, urls)
    assert status["/actors/state:CHN"] == "hit"
    for url in urls[:2]:
        assert status[url] == "miss" and client.get(url).content != before[url], url


def test_a_changed_article_expires_the_answers_of_the_events_it_lost(
    two_clients: tuple[TestClient, GraphWriter],
) -> None:
    client, other = two_clients
    # The first re-ingest into a database creates a property key (a token transaction of
    # its own, without a change record: everything expires once). Then the real one.
    other.write_results([story("ap-mali", [(FRA, EventType.CONSULT, NER)])])
    other.write_results([story("ap-mali", [(FRA, EventType.THREATEN, MLI)])])
    urls = ["/actors/state:FRA/relationships", "/events?country=FRA", "/actors/state:USA"]
    before = warm(client, urls)
    # The same article, corrected: Niger, not France, threatened Mali.
    report = other.write_results([story("ap-mali", [(NER, EventType.THREATEN, MLI)])])
    assert report.written == 1
    status = check(client, urls)
    assert status["/actors/state:USA"] == "hit"
    for url in urls[:2]:
        assert status[url] == "miss" and client.get(url).content != before[url], url
    assert client.get("/actors/state:FRA/relationships").json()["data"] == []


def test_a_rename_or_a_write_outside_dekg_expires_everything(
    two_clients: tuple[TestClient, GraphWriter], neo4j_clean: neo4j.Driver
) -> None:
    client, other = two_clients
    before = warm(client, UNAFFECTED)
    # A longer name for China: every answer that shows China may change.
    renamed = CHN.model_copy(update={"name": "People's Republic of China"})
    other.write_results([story("ap-prc", [(renamed, EventType.THREATEN, MLI)])])
    status = check(client, UNAFFECTED)
    assert status["/actors/state:USA/relationships"] == "miss"
    assert b"People's Republic of China" in client.get("/actors/state:USA/relationships").content
    warm(client, UNAFFECTED)
    # Neo4j Browser or any other program: no change record.
    neo4j_clean.execute_query("MATCH (a:Actor {id: 'state:RUS'}) SET a.name = 'Rossiya'")
    status = check(client, UNAFFECTED)
    assert set(status.values()) == {"miss"}
    assert b"Rossiya" in client.get("/actors/state:USA/relationships").content
    assert before  # warmed answers existed before both writes


def test_an_unchanged_article_expires_nothing(
    two_clients: tuple[TestClient, GraphWriter],
) -> None:
    client, other = two_clients
    warm(client, URLS)
    report = other.write_results([seed_result()])
    assert report.unchanged == 1
    assert set(check(client, URLS).values()) == {"hit"}
