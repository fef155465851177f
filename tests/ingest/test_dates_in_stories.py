"""Event dates and merging through the whole pipeline, on invented news sentences (model)."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.extract import Extractor
from ontology.model import Article, DatePrecision, Event
from ontology.plover import EventType

pytestmark = pytest.mark.model
WEDNESDAY = dt.date(2024, 10, 2)


def events(extractor: Extractor, text: str) -> list[Event]:
    result = extractor.extract(Article(id="story", text=text, published=WEDNESDAY))
    assert result.ok, result.error
    assert result.events, "no event found"
    return list(result.events)


def days(extractor: Extractor, text: str) -> set[dt.date | None]:
    return {
        e.date if e.date_precision is DatePrecision.DAY else None for e in events(extractor, text)
    }


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Iran fired missiles at Israel on Tuesday evening.", dt.date(2024, 10, 1)),
        (
            "Chinese troops attacked Indian soldiers in Ladakh on Monday night.",
            dt.date(2024, 9, 30),
        ),
        ("Hamas fighters attacked Israel on October 7, 2023.", dt.date(2023, 10, 7)),
        (
            "Pakistan expelled India's high commissioner and suspended trade on Monday.",
            dt.date(2024, 9, 30),
        ),
    ],
)
def test_the_named_day_dates_the_event(extractor: Extractor, text: str, day: dt.date) -> None:
    assert days(extractor, text) == {day}


@pytest.mark.parametrize(
    "text",
    [
        "Islamabad has blamed Kabul for the attacks.",
        "Russia has repeatedly denied the accusations made by Ukraine.",
        "Serbia routinely rejects the demands of Kosovo.",
        "Turkey rejected the applications of Sweden for weeks.",
        "Nigerian doctors protested against the government five times since 2020.",
    ],
)
def test_no_day_for_habits_stretches_and_perfects(extractor: Extractor, text: str) -> None:
    assert days(extractor, text) == {None}


def test_a_later_report_of_the_same_strike_is_one_event(extractor: Extractor) -> None:
    text = (
        "Israeli jets struck Hezbollah positions in Lebanon on Monday. "
        "The Israeli military said its jets struck Hezbollah positions to stop the rocket fire."
    )
    strikes = [e for e in events(extractor, text) if e.type is EventType.ASSAULT]
    assert len(strikes) == 1
    assert len(strikes[0].evidence) == 2
    assert strikes[0].date == dt.date(2024, 9, 30)


def test_strikes_of_different_days_stay_apart(extractor: Extractor) -> None:
    text = (
        "Israeli jets struck Hezbollah positions in Lebanon on Monday. "
        "Israeli jets struck Hezbollah positions in Lebanon again on Tuesday."
    )
    strikes = [e for e in events(extractor, text) if e.type is EventType.ASSAULT]
    assert sorted(e.date for e in strikes if e.date) == [dt.date(2024, 9, 30), dt.date(2024, 10, 1)]
