"""Scoring dates and same-happening merges against sentence labels (invented events)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.evaluate_dates import (
    Label,
    Mention,
    date_right,
    happenings,
    pair,
    parse_label,
    score_document,
)
from ontology.model import Actor, ActorKind, DatePrecision, Event, Evidence
from ontology.plover import EventType

USA = Actor(id="state:USA", name="United States", kind=ActorKind.STATE, country="USA")
DAY = dt.date(2025, 3, 11)


def event(name: str, date: dt.date | None = DAY, precision: str = "day") -> Event:
    return Event(
        id=name,
        article_id="doc",
        type=EventType.ASSAULT,
        cameo="190",
        quad_class=4,
        goldstein=-10,
        source=(USA,),
        date=date,
        date_precision=DatePrecision(precision),
        evidence=(Evidence(text=name, start=0, end=len(name), trigger="struck"),),
    )


def label(key: str, dates: list[str | None], same_as: str | None = None) -> Label:
    return parse_label(
        {"key": key, "type": "ASSAULT", "trigger": "struck", "date": dates, "same_as": same_as}
    )


@pytest.mark.parametrize(
    ("dates", "predicted", "right"),
    [
        (["2025-03-11"], event("a"), True),
        (["2025-03-10"], event("a"), False),
        ([None], event("a", None, "unknown"), True),
        ([None], event("a", dt.date(2025, 3, 1), "month"), True),
        ([None, "2025-03-11"], event("a"), True),
        (["2025-03-11"], event("a", None, "unknown"), False),
    ],
)
def test_date_right(dates: list[str | None], predicted: Event, right: bool) -> None:
    assert date_right(label("s-1#0", dates), predicted) is right


@given(st.dates(), st.dates())
def test_a_day_is_right_only_when_listed(listed: dt.date, predicted: dt.date) -> None:
    assert date_right(label("s-1#0", [listed.isoformat()]), event("a", predicted)) is (
        listed == predicted
    )


@pytest.mark.parametrize(
    "row",
    [
        {"key": "no-index", "date": [None]},
        {"key": "s-1#0", "date": []},
        {"key": "s-1#0", "date": ["March 3"]},
        {"key": "s-1#0", "date": [None], "same_as": 3},
    ],
)
def test_malformed_labels_are_refused(row: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        parse_label(row)


def test_pairing_needs_the_sentence_the_type_and_a_shared_trigger_word() -> None:
    one = event("one")
    labels = [label("s-1#0", ["2025-03-11"]), label("s-2#0", ["2025-03-11"])]
    mentions = [Mention(one, "s-1", "struck twice"), Mention(one, "s-2", "attacked")]
    assert pair(labels, mentions) == {"s-1#0": one}


def test_chains_of_same_as_lead_to_the_first_mention() -> None:
    labels = [label("s-1#0", [None]), label("s-2#0", [None], "s-1#0"), label("s-3#0", [None])]
    labels.append(label("s-4#0", [None], "s-2#0"))
    assert happenings(labels) == {
        "s-1#0": "s-1#0",
        "s-2#0": "s-1#0",
        "s-3#0": "s-3#0",
        "s-4#0": "s-1#0",
    }


def test_merge_pairs_right_wrong_and_missed() -> None:
    merged, alone = event("merged"), event("alone", dt.date(2025, 3, 10))
    labels = [
        label("s-1#0", ["2025-03-11"]),
        label("s-2#0", ["2025-03-11"], "s-1#0"),
        label("s-3#0", ["2025-03-11"]),
        label("s-4#0", ["2025-03-11"], "s-1#0"),
    ]
    mentions = [
        Mention(merged, "s-1", "struck"),
        Mention(merged, "s-2", "struck"),
        Mention(merged, "s-3", "struck"),
        Mention(alone, "s-4", "struck"),
    ]
    scores = score_document(labels, mentions, published=DAY)
    counts = scores.counts
    assert (counts["paired"], counts["date_right"], counts["published_right"]) == (4, 3, 4)
    assert (counts["merge_right"], counts["merge_wrong"], counts["merge_missed"]) == (1, 2, 2)
    assert scores.merge_precision == pytest.approx(1 / 3, abs=1e-3)
    assert scores.merge_recall == 0.333
