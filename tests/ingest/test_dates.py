"""Dates: the document date and the resolution of temporal expressions."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.dates import (
    WEEKDAYS,
    dateline_date,
    document_date,
    explicit_dates,
    normalise_expression,
    parse_published,
    resolve,
)
from ontology.model import Article, DatePrecision

THU = dt.date(2021, 12, 2)  # a Thursday
D = DatePrecision


@pytest.mark.parametrize(
    ("expression", "expected", "precision"),
    [
        ("on Thursday", dt.date(2021, 12, 2), D.DAY),  # the anchor is a Thursday
        ("Thursday", dt.date(2021, 12, 2), D.DAY),
        ("on Monday", dt.date(2021, 11, 29), D.DAY),
        ("on Friday", dt.date(2021, 11, 26), D.DAY),
        ("today", THU, D.DAY),
        ("yesterday", dt.date(2021, 12, 1), D.DAY),
        ("tomorrow", dt.date(2021, 12, 3), D.DAY),
        ("a day after declaring that Washington was ready", dt.date(2021, 12, 1), D.DAY),
        ("a day earlier", dt.date(2021, 12, 1), D.DAY),
        ("two days ago", dt.date(2021, 11, 30), D.DAY),
        ("a day later", dt.date(2021, 12, 3), D.DAY),
        ("last week", dt.date(2021, 11, 25), D.WEEK),
        ("last month", dt.date(2021, 11, 1), D.MONTH),
        ("next Monday", dt.date(2021, 12, 6), D.DAY),
        ("last Thursday", dt.date(2021, 11, 25), D.DAY),
        ("December 1, 2021", dt.date(2021, 12, 1), D.DAY),
        ("Dec. 1", dt.date(2021, 12, 1), D.DAY),
        ("1 December", dt.date(2021, 12, 1), D.DAY),
        ("on Sept. 5", dt.date(2021, 9, 5), D.DAY),
        ("on Dec. 25", dt.date(2020, 12, 25), D.DAY),  # nearest in the past
        ("2021-11-30", dt.date(2021, 11, 30), D.DAY),
        ("in 2014", dt.date(2014, 1, 1), D.YEAR),
        ("in March", dt.date(2021, 3, 1), D.MONTH),
        ("in December 2019", dt.date(2019, 12, 1), D.MONTH),
        ("last year", dt.date(2020, 1, 1), D.YEAR),
    ],
)
def test_resolve_expressions(expression: str, expected: dt.date, precision: DatePrecision) -> None:
    result = resolve(expression, THU)
    assert (result.date, result.precision) == (expected, precision)


def test_resolve_in_a_whole_sentence() -> None:
    sentence = "U.S. Secretary of State Antony Blinken met his Russian opposite number on Thursday"
    assert resolve(sentence, dt.date(2021, 12, 3)).date == THU


def test_future_weekday() -> None:
    assert resolve("will meet on Friday", THU, future=True).date == dt.date(2021, 12, 3)
    assert resolve("on Friday", THU).date == dt.date(2021, 11, 26)


def test_unknown_expression() -> None:
    result = resolve("has amassed troops near the border", THU)
    assert result.date is None and result.precision is D.UNKNOWN


def test_parse_published_forms() -> None:
    assert parse_published("2021-12-02") == THU
    assert parse_published("2021-12-02T10:00:00Z") == THU
    assert parse_published("2025-03-14 20:30:26Z") == dt.date(2025, 3, 14)
    assert parse_published("Thu, 02 Dec 2021 10:00:00 GMT") == THU
    assert parse_published("") is None
    with pytest.raises(ValueError, match="not a date"):
        parse_published("not a date")


def test_document_date_seed_shape() -> None:
    article = Article(
        id="seed",
        text="Blinken met his Russian opposite number on Thursday, a day after declaring ...",
        captions=("A militant ... in Luhansk Region, Ukraine December 1, 2021. REUTERS/A B",),
    )
    assert document_date(article) == (THU, True)


def test_document_date_prefers_metadata() -> None:
    article = Article(
        id="a", text="On Thursday, December 1, 2021 ...", published=dt.date(2022, 1, 5)
    )
    assert document_date(article) == (dt.date(2022, 1, 5), False)


def test_document_date_from_dateline() -> None:
    article = Article(id="a", text="LONDON, March 3, 1987 - Britain said on Monday ...")
    assert document_date(article) == (dt.date(1987, 3, 3), True)
    assert dateline_date("MOSCOW, Dec 2 (Reuters) - Russia said") is None  # no year


def test_document_date_without_dates() -> None:
    assert document_date(Article(id="a", text="Russia said on Monday it would respond.")) == (
        None,
        False,
    )


def test_weekday_too_far_ahead_is_not_used() -> None:
    # Wednesday December 1 + "Tuesday" (six days later) stays on December 1.
    article = Article(id="a", text="Officials met on Tuesday. Ukraine, December 1, 2021.")
    assert document_date(article) == (dt.date(2021, 12, 1), True)


def test_deadline_dates_are_not_document_dates() -> None:
    text = "Officials met on March 2, 2022 and set a deadline: talks must end by December 31, 2030."
    assert explicit_dates(text) == [dt.date(2022, 3, 2)]


# ------------------------------------------------------------------ properties

anchors = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2050, 12, 31))
weekday_names = st.sampled_from(sorted(WEEKDAYS))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), anchors)
def test_resolve_never_raises(text: str, anchor: dt.date) -> None:
    result = resolve(text, anchor)
    assert (result.date is None) == (result.precision is D.UNKNOWN)


PAST_TEMPLATES = [
    "on {wd}",
    "{wd}",
    "last {wd}",
    "yesterday",
    "a day after",
    "a day earlier",
    "two days ago",
    "last week",
    "last month",
    "last year",
    "in March",
    "on Sept. 5",
    "December 1",
    "today",
    "earlier this month",
]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PAST_TEMPLATES), weekday_names, anchors)
def test_past_phrases_never_after_anchor_plus_a_week(
    template: str, weekday: str, anchor: dt.date
) -> None:
    result = resolve(template.format(wd=weekday.title()), anchor)
    assert result.date is not None
    assert result.date <= anchor + dt.timedelta(days=7)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["on {wd}", "{wd}", "next {wd}", "last {wd}", "on {wd} night"]),
    weekday_names,
    anchors,
    st.booleans(),
)
def test_weekday_phrases_land_on_that_weekday(
    template: str, weekday: str, anchor: dt.date, future: bool
) -> None:
    result = resolve(template.format(wd=weekday.title()), anchor, future=future)
    assert result.date is not None and result.date.weekday() == WEEKDAYS[weekday]
    assert abs((result.date - anchor).days) <= 7


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalise_expression(text)
    assert normalise_expression(once) == once


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.lists(st.text(max_size=80), max_size=3))
def test_document_date_never_raises(text: str, captions: list[str]) -> None:
    day, inferred = document_date(Article(id="x", text=text, captions=tuple(captions)))
    assert inferred == (day is not None)


@settings(max_examples=200, deadline=None)
@given(weekday_names, anchors, st.booleans())
def test_next_and_last_weekdays_are_strictly_after_and_before(
    weekday: str, anchor: dt.date, future: bool
) -> None:
    ahead = resolve(f"next {weekday.title()}", anchor, future=future).date
    back = resolve(f"last {weekday.title()}", anchor, future=future).date
    assert ahead is not None and back is not None
    assert 1 <= (ahead - anchor).days <= 7
    assert 1 <= (anchor - back).days <= 7


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from([("today", 0), ("tonight", 0), ("yesterday", -1), ("last night", -1)]),
    st.sampled_from(["", "Officials said ", "late "]),
    anchors,
)
def test_relative_days_are_offsets_of_the_anchor(
    phrase: tuple[str, int], lead: str, anchor: dt.date
) -> None:
    word, offset = phrase
    assert resolve(f"{lead}{word}", anchor).date == anchor + dt.timedelta(days=offset)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)), anchors)
def test_a_full_date_is_that_day_however_it_is_spaced(day: dt.date, anchor: dt.date) -> None:
    month = day.strftime("%B")
    for text in (f"on {month} {day.day}, {day.year}", f"on {month} {day.day} , {day.year}"):
        assert resolve(text, anchor).date == day
