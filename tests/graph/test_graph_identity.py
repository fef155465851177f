"""Cross-article identity: fingerprints and the merge decision (pure, no Neo4j)."""

from __future__ import annotations

import datetime as dt

import graph_samples as s
from hypothesis import given
from hypothesis import strategies as st

from graph.identity import Candidate, fingerprint, place_id, resolve, same_happening, slug
from ontology.model import Actor, Modality, Place
from ontology.plover import EventType

ACTORS = [s.USA, s.RUS, s.UKR, s.BLINKEN, s.LAVROV]
actor_sets = st.lists(st.sampled_from(ACTORS), min_size=1, max_size=3, unique_by=lambda a: a.id)
types = st.sampled_from(list(EventType))
dates = st.dates(min_value=dt.date(1980, 1, 1), max_value=dt.date(2030, 12, 31))


@given(types, actor_sets, actor_sets, st.randoms())
def test_fingerprint_ignores_actor_order(
    type_: EventType, src: list[Actor], tgt: list[Actor], rnd: object
) -> None:
    a = s.make_event("a", type_, tuple(src), tuple(tgt))
    shuffled_src, shuffled_tgt = list(src), list(tgt)
    rnd.shuffle(shuffled_src)  # type: ignore[attr-defined]
    rnd.shuffle(shuffled_tgt)  # type: ignore[attr-defined]
    b = s.make_event("b", type_, tuple(shuffled_src), tuple(shuffled_tgt), start=9)
    assert fingerprint(a) == fingerprint(b)


@given(actor_sets, actor_sets)
def test_only_consult_is_symmetric(src: list[Actor], tgt: list[Actor]) -> None:
    consult = s.make_event("a", EventType.CONSULT, tuple(src), tuple(tgt))
    swapped = s.make_event("a", EventType.CONSULT, tuple(tgt), tuple(src))
    assert fingerprint(consult) == fingerprint(swapped)
    threat = s.make_event("a", EventType.THREATEN, tuple(src), tuple(tgt))
    back = s.make_event("a", EventType.THREATEN, tuple(tgt), tuple(src))
    if {a.id for a in src} != {a.id for a in tgt}:
        assert fingerprint(threat) != fingerprint(back)


def test_fingerprint_separates_type_modality_and_actors() -> None:
    base = s.make_event("a", EventType.THREATEN, (s.USA,), (s.RUS,))
    others = [
        s.make_event("a", EventType.ACCUSE, (s.USA,), (s.RUS,)),
        s.make_event("a", EventType.THREATEN, (s.USA,), (s.RUS,), modality=Modality.NEGATED),
        s.make_event("a", EventType.THREATEN, (s.USA,), (s.UKR,)),
        s.make_event("a", EventType.THREATEN, (s.USA, s.UKR), (s.RUS,)),
    ]
    assert len({fingerprint(e) for e in [base, *others]}) == 5
    assert fingerprint(s.make_event("a", EventType.ASSAULT, (), ())) is None


@given(dates, st.integers(min_value=-5, max_value=5))
def test_dates_merge_within_one_day(day: dt.date, shift: int) -> None:
    fp = "f"
    other = Candidate("x", fp, day, None, frozenset({"a1"}))
    moved = day + dt.timedelta(days=shift)
    assert same_happening(fp, moved, None, "a2", other) is (abs(shift) <= 1)


def test_place_and_article_rules() -> None:
    day = dt.date(2021, 12, 2)
    c = Candidate("x", "f", day, "geonames:1", frozenset({"a1"}))
    assert same_happening("f", day, None, "a2", c)
    assert same_happening("f", day, "geonames:1", "a2", c)
    assert not same_happening("f", day, "geonames:2", "a2", c)
    assert not same_happening("f", day, None, "a1", c)  # same article: two happenings
    assert not same_happening("f", None, None, "a2", c)
    assert not same_happening(None, day, None, "a2", c)
    assert same_happening("f", day, "geonames:2", "a2", Candidate("y", "f", day, None))


@given(st.permutations(range(4)))
def test_resolve_groups_one_meeting_whatever_the_order(order: list[int]) -> None:
    reports = [
        s.meeting_result("m1", "Reuters").events[0],
        s.meeting_result("m2", "AP", reverse=True).events[0],
        s.meeting_result("m3", "AFP", date=dt.date(2021, 12, 3), place=None).events[0],
        s.meeting_result("m4", "BBC", date=dt.date(2021, 12, 9)).events[0],
    ]
    events = [reports[i] for i in order]
    mapping = resolve(events, [])
    same = {mapping[e.id] for e in reports[:3]}
    assert len(same) == 1 and mapping[reports[3].id] == reports[3].id
    assert mapping[reports[3].id] not in same
    assert set(mapping) == {e.id for e in events}


def test_resolve_joins_stored_candidates() -> None:
    report = s.meeting_result("m2", "AP").events[0]
    stored = Candidate(
        "ev-stored",
        fingerprint(report) or "",
        dt.date(2021, 12, 1),
        place_id(s.STOCKHOLM),
        frozenset({"m1"}),
    )
    assert resolve([report], [stored]) == {report.id: "ev-stored"}


@given(st.text())
def test_slug_is_ascii_and_never_empty(text: str) -> None:
    out = slug(text)
    assert out and out.isascii() and " " not in out
    assert slug(out) == out


def test_place_ids() -> None:
    assert place_id(s.STOCKHOLM) == "geonames:2673730"
    assert place_id(Place(name="Kirovsk, Luhansk", country="UKR")) == "place:kirovsk-luhansk-ukr"
    assert place_id(Place(name="Somewhere")) == "place:somewhere-xx"


def test_one_article_adds_one_report_to_a_stored_event() -> None:
    """Two meetings in one article near a stored one: only the first joins it."""
    first = s.make_event("m2", EventType.CONSULT, (s.BLINKEN,), (s.LAVROV,), start=0)
    second = s.make_event(
        "m2", EventType.CONSULT, (s.BLINKEN,), (s.LAVROV,), start=50, date=dt.date(2021, 12, 3)
    )
    stored = Candidate(
        "ev-stored", fingerprint(first) or "", dt.date(2021, 12, 2), None, frozenset({"m1"})
    )
    mapping = resolve([first, second], [stored, stored])  # looked up once per report
    assert mapping == {first.id: "ev-stored", second.id: second.id}
