"""The loader against the real Neo4j: idempotence, merging, INTERACTS_WITH, atomicity."""

from __future__ import annotations

import datetime as dt
from typing import Any

import graph_samples as s
import neo4j
import pytest
from support import wipe

from graph.schema import ensure_schema
from graph.session import Graph
from graph.writer import GraphWriter
from ontology.model import Actor, ActorKind, Evidence, ExtractionResult
from ontology.plover import EventType

pytestmark = pytest.mark.neo4j
DB = "neo4j"


@pytest.fixture()
def writer(neo4j_clean: neo4j.Driver) -> GraphWriter:
    ensure_schema(Graph(neo4j_clean, DB))
    return GraphWriter(Graph(neo4j_clean, DB), batch_size=50)


def _q(driver: neo4j.Driver, query: str, **params: Any) -> list[dict[str, Any]]:
    return [r.data() for r in driver.execute_query(query, params, database_=DB).records]


def counts(driver: neo4j.Driver) -> dict[str, int]:
    # The change records (graph.changes) are bookkeeping, one per transaction: left out.
    nodes = _q(
        driver,
        "MATCH (n) WHERE NOT n:GraphChange AND NOT n:GraphChangeLog "
        "UNWIND labels(n) AS l RETURN l, count(*) AS c",
    )
    rels = _q(driver, "MATCH ()-[r]->() RETURN type(r) AS l, count(*) AS c")
    return {row["l"]: row["c"] for row in nodes + rels}


def interactions(driver: neo4j.Driver) -> dict[tuple[str, str], dict[str, Any]]:
    rows = _q(
        driver, "MATCH (a)-[r:INTERACTS_WITH]->(b) RETURN a.id AS a, b.id AS b, properties(r) AS r"
    )
    return {(row["a"], row["b"]): row["r"] for row in rows}


def expected_interactions(driver: neo4j.Driver) -> dict[tuple[str, str], dict[str, int]]:
    """Recount the pairs from the events themselves (independent of the loader's query)."""
    rows = _q(
        driver,
        "MATCH (a:Actor)<-[:SOURCE]-(e:Event)-[:TARGET]->(b:Actor) WHERE a <> b "
        "RETURN a.id AS a, b.id AS b, e.type AS type",
    )
    out: dict[tuple[str, str], dict[str, int]] = {}
    for row in rows:
        pair = out.setdefault((row["a"], row["b"]), {"count": 0})
        pair["count"] += 1
        pair[f"count_{row['type']}"] = pair.get(f"count_{row['type']}", 0) + 1
    return out


def assert_interactions_exact(driver: neo4j.Driver) -> None:
    stored = interactions(driver)
    expected = expected_interactions(driver)
    assert set(stored) == set(expected)
    for pair, wanted in expected.items():
        got = {k: v for k, v in stored[pair].items() if k == "count" or k.startswith("count_")}
        assert got == wanted, pair


def test_seed_twice_changes_nothing(writer: GraphWriter, neo4j_clean: neo4j.Driver) -> None:
    first = writer.write_results([s.seed_result()])
    before = counts(neo4j_clean)
    second = writer.write_results([s.seed_result()])
    assert (first.written, first.events, first.failed) == (1, 4, 0)
    assert (second.written, second.unchanged) == (0, 1)
    assert counts(neo4j_clean) == before
    assert before["Event"] == 4 and before["REPORTED_IN"] == 4 and before["Article"] == 1
    assert before["Person"] == 2 and before["State"] == 3
    assert_interactions_exact(neo4j_clean)


def test_stored_properties_follow_the_contract(
    writer: GraphWriter, neo4j_clean: neo4j.Driver
) -> None:
    writer.write_results([s.seed_result()])
    [event] = _q(
        neo4j_clean,
        "MATCH (e:Event {type: 'CONSULT'})-[:AT]->(p:Place) RETURN e, p.id AS place, "
        "p.location.latitude AS lat",
    )
    assert event["e"]["date"] == dt.date(2021, 12, 2) or str(event["e"]["date"]) == "2021-12-02"
    assert event["e"]["num_articles"] == 1 and event["e"]["fingerprint"]
    assert event["place"] == "geonames:2673730" and event["lat"] == pytest.approx(59.33258)
    [article] = _q(neo4j_clean, "MATCH (a:Article) RETURN a")
    assert article["a"]["event_count"] == 4 and "ingesting" not in article["a"]
    assert article["a"]["content_hash"]
    [report] = _q(
        neo4j_clean,
        "MATCH (:Event {type: 'CONSULT'})-[r:REPORTED_IN]->(a:Article) RETURN properties(r) AS r",
    )
    text = s.SEED_PATH.read_text(encoding="utf-8")
    start, end = report["r"]["start"][0], report["r"]["end"][0]
    assert text[start:end] == report["r"]["evidence"][0]
    affiliations = _q(
        neo4j_clean,
        "MATCH (p:Person)-[r:AFFILIATED_WITH]->(o:State) "
        "RETURN p.id AS p, o.id AS o, r.role AS role",
    )
    assert {(a["p"], a["o"], a["role"]) for a in affiliations} == {
        ("person:antony-blinken", "state:USA", "Secretary of State"),
        ("person:sergei-lavrov", "state:RUS", "Foreign Minister"),
    }


def test_changed_article_replaces_its_reports(
    writer: GraphWriter, neo4j_clean: neo4j.Driver
) -> None:
    seed = s.seed_result()
    writer.write_results([seed])
    # The article is re-extracted without the THREATEN events: they disappear, the rest stays.
    kept = tuple(e for e in seed.events if e.type != EventType.THREATEN)
    report = writer.write_results([seed.model_copy(update={"events": kept})])
    assert report.written == 1
    after = counts(neo4j_clean)
    assert after["Event"] == 2 and after["REPORTED_IN"] == 2
    assert ("person:antony-blinken", "person:sergei-lavrov") in interactions(neo4j_clean)
    assert ("state:USA", "state:RUS") not in interactions(neo4j_clean)
    pair = interactions(neo4j_clean)[("person:antony-blinken", "person:sergei-lavrov")]
    assert pair["count"] == 1 and "count_THREATEN" not in pair and pair["count_CONSULT"] == 1
    assert_interactions_exact(neo4j_clean)
    # And back: the full article again restores the same counts as a fresh load.
    writer.write_results([seed])
    assert counts(neo4j_clean)["Event"] == 4
    assert_interactions_exact(neo4j_clean)


def test_two_reports_of_one_meeting_are_one_event(
    writer: GraphWriter, neo4j_clean: neo4j.Driver
) -> None:
    writer.write_results([s.seed_result()])
    writer.write_results([s.meeting_result("reuters-1", "Reuters", reverse=True)])
    [event] = _q(
        neo4j_clean,
        "MATCH (e:Event {type: 'CONSULT'}) "
        "RETURN e.num_articles AS articles, e.num_sources AS sources, "
        "COUNT { (e)-[:REPORTED_IN]->() } AS reports, COUNT { (e)-[:SOURCE]->() } AS sources_",
    )
    assert event == {"articles": 2, "sources": 2, "reports": 2, "sources_": 1}
    # Same publisher twice counts one source.
    writer.write_results([s.meeting_result("cm-2", "cyprus mail", date=dt.date(2021, 12, 3))])
    [event] = _q(
        neo4j_clean,
        "MATCH (e:Event {type: 'CONSULT'}) RETURN e.num_articles AS a, e.num_sources AS s",
    )
    assert event == {"a": 3, "s": 2}
    assert_interactions_exact(neo4j_clean)


def test_reports_in_one_batch_merge_too(writer: GraphWriter, neo4j_clean: neo4j.Driver) -> None:
    writer.write_results(
        [s.meeting_result("a1", "Reuters"), s.meeting_result("a2", "AP", place=None)]
    )
    rows = _q(neo4j_clean, "MATCH (e:Event) RETURN e.num_articles AS n")
    assert rows == [{"n": 2}]


@pytest.mark.parametrize(
    ("date", "place", "why"),
    [
        (dt.date(2021, 12, 5), s.STOCKHOLM, "three days later"),
        (dt.date(2021, 12, 2), s.VIENNA, "another place"),
        (None, s.STOCKHOLM, "undated"),
    ],
)
def test_different_meetings_stay_apart(
    writer: GraphWriter, neo4j_clean: neo4j.Driver, date: dt.date | None, place: Any, why: str
) -> None:
    writer.write_results([s.meeting_result("m1", "Reuters")])
    writer.write_results([s.meeting_result("m2", "AP", date=date, place=place)])
    assert counts(neo4j_clean)["Event"] == 2, why
    assert _q(neo4j_clean, "MATCH (e:Event) RETURN DISTINCT e.num_articles AS n") == [{"n": 1}]
    pair = interactions(neo4j_clean)[("person:antony-blinken", "person:sergei-lavrov")]
    assert pair["count_CONSULT"] == 2


def test_undated_events_of_two_articles_do_not_merge(
    writer: GraphWriter, neo4j_clean: neo4j.Driver
) -> None:
    writer.write_results([s.meeting_result("u1", "Reuters", date=None)])
    writer.write_results([s.meeting_result("u2", "AP", date=None)])
    assert counts(neo4j_clean)["Event"] == 2


def test_actor_identity_across_articles(writer: GraphWriter, neo4j_clean: neo4j.Driver) -> None:
    short = Actor(
        id="person:antony-blinken", name="Blinken", kind=ActorKind.PERSON, aliases=("Tony Blinken",)
    )
    first = s.make_event("x1", EventType.CONSULT, (short,), (s.LAVROV,))
    writer.write_results(
        [ExtractionResult(item="x1", article=s.article("x1"), events=(first,), actors=(short,))]
    )
    writer.write_results([s.seed_result()])
    [actor] = _q(
        neo4j_clean, "MATCH (a:Actor {id: 'person:antony-blinken'}) RETURN a, labels(a) AS l"
    )
    assert actor["a"]["name"] == "Antony Blinken"
    assert set(actor["a"]["aliases"]) == {"Blinken", "Tony Blinken"}
    assert set(actor["l"]) == {"Actor", "Person"}
    assert actor["a"]["country"] == "USA"


def test_a_wikidata_id_is_stored_and_kept(writer: GraphWriter, neo4j_clean: neo4j.Driver) -> None:
    assert s.LAVROV.wikidata == "Q58217"
    plain = s.LAVROV.model_copy(update={"wikidata": None})
    for item, lavrov in (("w1", s.LAVROV), ("w2", plain)):
        event = s.make_event(item, EventType.CONSULT, (lavrov,), (s.BLINKEN,))
        result = ExtractionResult(
            item=item, article=s.article(item), events=(event,), actors=(lavrov, s.BLINKEN)
        )
        writer.write_results([result])
    rows = _q(
        neo4j_clean,
        "MATCH (a:Actor) WHERE a.id IN ['person:sergei-lavrov', 'person:antony-blinken'] "
        "RETURN a.id AS id, a.wikidata AS q",
    )
    assert {r["id"]: r["q"] for r in rows} == {
        "person:sergei-lavrov": "Q58217",
        "person:antony-blinken": None,
    }


def test_affiliation_to_an_unknown_actor_creates_it(
    writer: GraphWriter, neo4j_clean: neo4j.Driver
) -> None:
    guterres = Actor(
        id="person:antonio-guterres",
        name="Antonio Guterres",
        kind=ActorKind.PERSON,
        affiliation="org:UN",
        role="Secretary-General",
    )
    ev = s.make_event("g1", EventType.REQUEST, (guterres,), (s.RUS,))
    writer.write_results([ExtractionResult(item="g1", article=s.article("g1"), events=(ev,))])
    rows = _q(
        neo4j_clean,
        "MATCH (:Person)-[:AFFILIATED_WITH]->(o:Organization) RETURN o.id AS id, o.name AS name",
    )
    assert rows == [{"id": "org:UN", "name": "UN"}]


def test_bad_article_is_never_half_written(writer: GraphWriter, neo4j_clean: neo4j.Driver) -> None:
    bad = s.meeting_result("bad", "Reuters", date=dt.date(2022, 1, 1))
    # A second, valid event comes first; the second one's offset cannot be stored (> 64 bit).
    good_event = s.make_event("bad", EventType.THREATEN, (s.USA,), (s.RUS,))
    broken = bad.events[0].model_copy(
        update={"evidence": (Evidence(text="x", start=2**70, end=2**70 + 1),)}
    )
    bad = bad.model_copy(update={"events": (good_event, broken)})
    report = writer.write_results([s.seed_result(), bad, s.meeting_result("ok", "AP")])
    assert (report.written, report.failed) == (2, 1)
    assert report.errors[0].item == "bad" and "refused" in report.errors[0].error
    leftovers = _q(
        neo4j_clean,
        "MATCH (n) WHERE n.id IN $ids OR (n:Article AND n.id = 'bad') RETURN n.id AS id",
        ids=[e.id for e in bad.events],
    )
    assert leftovers == []
    assert _q(neo4j_clean, "MATCH ()-[r:REPORTED_IN]->(:Article {id: 'bad'}) RETURN r") == []
    assert counts(neo4j_clean)["Article"] == 2
    assert ("state:USA", "state:RUS") in interactions(neo4j_clean)
    assert interactions(neo4j_clean)[("state:USA", "state:RUS")]["count"] == 1
    assert_interactions_exact(neo4j_clean)


def test_item_errors_pass_through(writer: GraphWriter) -> None:
    failed = ExtractionResult(
        item="broken.txt", error="unsupported language: de", error_kind="UnsupportedLanguage"
    )
    wrong = s.meeting_result("w1", "AP")
    wrong = wrong.model_copy(update={"article": s.article("other")})
    report = writer.write_results([failed, wrong, s.meeting_result("w2", "AP")])
    assert (report.written, report.failed) == (1, 2)
    assert [e.error_kind for e in report.errors] == ["UnsupportedLanguage", "ItemRejected"]
    assert "belongs to article 'w1'" in report.errors[1].error


def test_batch_size_does_not_change_the_graph(neo4j_clean: neo4j.Driver) -> None:
    ensure_schema(Graph(neo4j_clean, DB))
    results = [
        s.seed_result(),
        *(
            s.meeting_result(f"r{i}", f"pub{i % 3}", date=dt.date(2021, 12, 2 + i // 2))
            for i in range(8)
        ),
    ]
    GraphWriter(Graph(neo4j_clean, DB), batch_size=1).write_results(results)
    one_by_one = counts(neo4j_clean), interactions(neo4j_clean)
    wipe(neo4j_clean, DB)
    GraphWriter(Graph(neo4j_clean, DB), batch_size=1000).write_results(results)
    assert (counts(neo4j_clean), interactions(neo4j_clean)) == one_by_one
    assert_interactions_exact(neo4j_clean)


def test_one_article_never_reports_one_event_twice(
    writer: GraphWriter, neo4j_clean: neo4j.Driver
) -> None:
    writer.write_results([s.meeting_result("m1", "Reuters", place=None)])
    first = s.make_event("m2", EventType.CONSULT, (s.BLINKEN,), (s.LAVROV,), start=0)
    second = s.make_event(
        "m2", EventType.CONSULT, (s.BLINKEN,), (s.LAVROV,), start=50, date=dt.date(2021, 12, 3)
    )
    result = ExtractionResult(item="m2", article=s.article("m2"), events=(first, second))
    writer.write_results([result])
    rows = _q(
        neo4j_clean,
        "MATCH (e:Event) RETURN e.num_articles AS n, COUNT { (e)-[:REPORTED_IN]->() } AS r "
        "ORDER BY n",
    )
    assert rows == [{"n": 1, "r": 1}, {"n": 2, "r": 2}]


def test_created_events_carry_every_property_of_the_contract() -> None:
    """WRITE_EVENTS spells the created events' properties out: those of event_props."""
    from graph import queries
    from graph.props import event_props, reported_in_props

    event = s.seed_result().events[0]
    assert set(event_props(event)) == set(queries.EVENT_KEYS)
    assert set(reported_in_props(event)) == set(queries.REPORT_KEYS)


def test_a_stored_event_written_again_is_merged_not_created(
    writer: GraphWriter, neo4j_clean: neo4j.Driver
) -> None:
    """An article changed after another article's report joined its event: the event stays
    (it keeps the other report) and the article's new report of it is merged into it."""
    writer.write_results([s.meeting_result("ap-1", "AP")])
    writer.write_results([s.meeting_result("ap-2", "Reuters")])  # joins ap-1's event
    changed = s.meeting_result("ap-1", "AP")
    changed = changed.model_copy(
        update={"article": changed.article.model_copy(update={"title": "Changed"})}
    )
    report = writer.write_results([changed])
    assert report.written == 1 and not report.errors
    rows = _q(
        neo4j_clean,
        "MATCH (e:Event) RETURN e.id AS id, e.num_articles AS n, "
        "COUNT { (e)-[:REPORTED_IN]->() } AS reports, COUNT { (e)-[:SOURCE]->() } AS sources",
    )
    assert len(rows) == 1 and rows[0]["n"] == 2 and rows[0]["reports"] == 2
    assert rows[0]["sources"] == 1
