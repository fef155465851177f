"""One happening, one event: merging reports inside an article (pure, with property tests)."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.merge import event_id, merge_events, same_happening
from ontology.model import Actor, ActorKind, DatePrecision, Event, Evidence, Modality, Place
from ontology.plover import EventType

USA = Actor(id="state:USA", name="United States", kind=ActorKind.STATE, country="USA")
RUS = Actor(id="state:RUS", name="Russia", kind=ActorKind.STATE, country="RUS")
UKR = Actor(id="state:UKR", name="Ukraine", kind=ActorKind.STATE, country="UKR")
STOCKHOLM = Place(name="Stockholm", country="SWE", lat=59.33, lon=18.07)
DAY = dt.date(2021, 12, 2)


def event(
    start: int,
    *,
    event_type: EventType = EventType.THREATEN,
    source: tuple[Actor, ...] = (USA,),
    target: tuple[Actor, ...] = (RUS,),
    date: dt.date | None = DAY,
    place: Place | None = None,
    confidence: float = 0.5,
) -> Event:
    evidence = Evidence(text=f"sentence {start}", start=start, end=start + 10)
    return Event(
        id=event_id("art", evidence, event_type),
        article_id="art",
        type=event_type,
        cameo="130" if event_type is EventType.THREATEN else "040",
        quad_class=3 if event_type is EventType.THREATEN else 1,
        goldstein=-4.4,
        source=source,
        target=target,
        date=date,
        place=place,
        confidence=confidence,
        evidence=(evidence,),
    )


def test_event_id_follows_the_graph_contract() -> None:
    evidence = Evidence(text="x", start=12, end=40)
    expected = "ev-" + hashlib.sha1(b"art|12|40|CONSULT").hexdigest()[:16]
    assert event_id("art", evidence, EventType.CONSULT) == expected


def test_two_reports_become_one_event() -> None:
    merged = merge_events([event(0, confidence=0.4), event(50, place=STOCKHOLM, confidence=0.9)])
    assert len(merged) == 1
    [one] = merged
    assert [e.start for e in one.evidence] == [0, 50]
    assert one.confidence == 0.9
    assert one.place == STOCKHOLM
    assert one.id == event_id("art", one.evidence[0], EventType.THREATEN)


def test_different_days_types_or_actors_stay_apart() -> None:
    assert len(merge_events([event(0), event(50, date=DAY - dt.timedelta(days=1))])) == 2
    assert len(merge_events([event(0), event(50, event_type=EventType.CONSULT)])) == 2
    assert len(merge_events([event(0), event(50, target=(UKR,))])) == 2


def test_assumed_dates_are_compatible() -> None:
    first = event(0)
    second = event(50, date=DAY - dt.timedelta(days=3))
    assert not same_happening(first, second)
    merged = merge_events([first, second], loose_dates=[first.id])
    assert len(merged) == 1
    assert merged[0].date == second.date


def test_meetings_are_symmetric() -> None:
    a = event(0, event_type=EventType.CONSULT, source=(USA,), target=(RUS,))
    b = event(50, event_type=EventType.CONSULT, source=(RUS,), target=(USA,))
    assert same_happening(a, b)
    assert not same_happening(event(0), event(50, source=(RUS,), target=(USA,)))


def test_place_is_shared_by_the_same_meeting() -> None:
    meeting = event(0, event_type=EventType.CONSULT)
    warning = event(50, place=STOCKHOLM)
    merged = merge_events([meeting, warning])
    assert [e.place for e in merged] == [STOCKHOLM, STOCKHOLM]
    elsewhere = event(90, event_type=EventType.CONSULT, source=(USA,), target=(UKR,))
    assert merge_events([elsewhere, warning])[0].place is None


EVENTS = st.lists(
    st.builds(
        event,
        start=st.integers(min_value=0, max_value=5000),
        event_type=st.sampled_from([EventType.THREATEN, EventType.CONSULT]),
        source=st.sampled_from([(USA,), (RUS,), (USA, UKR)]),
        target=st.sampled_from([(RUS,), (UKR,), ()]),
        date=st.sampled_from([DAY, None, DAY - dt.timedelta(days=1)]),
        place=st.sampled_from([None, STOCKHOLM]),
    ),
    max_size=12,
    unique_by=lambda e: e.evidence[0].start,
)


@given(EVENTS)
def test_merging_keeps_every_evidence_once(events: list[Event]) -> None:
    merged = merge_events(events)
    spans = sorted((e.start, e.end) for m in merged for e in m.evidence)
    assert spans == sorted((e.evidence[0].start, e.evidence[0].end) for e in events)
    assert len(merged) <= len(events)
    assert len({m.id for m in merged}) == len(merged)


@given(EVENTS)
def test_merging_is_idempotent(events: list[Event]) -> None:
    once = merge_events(events)
    assert merge_events(once) == once


def _dated(start: int, day: dt.date, precision: DatePrecision, **fields: object) -> Event:
    return event(start, date=day).model_copy(update={"date_precision": precision, **fields})


def test_assumed_date_does_not_join_a_background_period() -> None:
    today = _dated(0, DAY, DatePrecision.DAY)
    last_month = _dated(50, dt.date(2021, 11, 1), DatePrecision.MONTH)
    assert len(merge_events([today, last_month], loose_dates=[today.id])) == 2


def test_a_day_joins_the_period_that_contains_it() -> None:
    day = _dated(0, dt.date(2021, 11, 12), DatePrecision.DAY)
    month = _dated(50, dt.date(2021, 11, 1), DatePrecision.MONTH)
    other_month = _dated(90, dt.date(2021, 10, 1), DatePrecision.MONTH)
    assert same_happening(day, month)
    assert not same_happening(day, other_month)
    [merged] = merge_events([month, day])
    assert (merged.date, merged.date_precision) == (dt.date(2021, 11, 12), DatePrecision.DAY)


def test_history_never_joins_a_current_event() -> None:
    current = event(0, date=None)
    old = event(50, date=None).model_copy(update={"modality": Modality.HISTORICAL})
    assert not same_happening(current, old)


DATED = st.builds(
    _dated,
    start=st.integers(min_value=0, max_value=5000),
    day=st.dates(min_value=dt.date(2021, 10, 1), max_value=dt.date(2021, 12, 31)),
    precision=st.sampled_from(list(DatePrecision)),
)


@given(DATED, DATED, st.booleans(), st.booleans())
def test_compatibility_is_symmetric_and_keeps_days_apart(
    a: Event, b: Event, a_loose: bool, b_loose: bool
) -> None:
    loose = frozenset([a.id] * a_loose + [b.id] * b_loose)
    assert same_happening(a, b, loose) == same_happening(b, a, loose)
    both_days = a.date_precision is b.date_precision is DatePrecision.DAY
    if both_days and not loose and a.date != b.date:
        assert not same_happening(a, b, loose)


BLINKEN = Actor(
    id="person:antony-blinken", name="Antony Blinken", kind=ActorKind.PERSON, country="USA"
)


def test_the_same_actors_are_the_same_ids() -> None:
    assert same_happening(event(0, source=(BLINKEN,)), event(50, source=(BLINKEN,)))
    assert not same_happening(event(0, source=(BLINKEN,)), event(50))
    assert not same_happening(event(0), event(50, target=(RUS, UKR)))


@pytest.mark.parametrize("modality", [Modality.HYPOTHETICAL, Modality.FUTURE, Modality.NEGATED])
def test_other_modalities_stay_apart(modality: Modality) -> None:
    assert not same_happening(event(0), event(50).model_copy(update={"modality": modality}))


def test_a_report_undated_by_its_text_joins_no_dated_one() -> None:
    undated, dated, assumed = event(0, date=None), event(50), event(90)
    assert not same_happening(undated, dated)
    [merged] = merge_events([assumed, undated], loose_dates=[assumed.id])
    assert merged.date is None
