"""Forward weekdays, vague times, background aspect and clause periods (real pipeline)."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.extract import Extractor
from ingest.nlp import load_pipeline
from ontology.model import Article, DatePrecision

pytestmark = pytest.mark.model
MONDAY = dt.date(2024, 6, 3)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_pipeline("en_core_web_sm"))


def dates(extractor: Extractor, text: str) -> set[tuple[dt.date | None, DatePrecision]]:
    result = extractor.extract(Article(id="case", text=text, published=MONDAY))
    assert result.ok, result.error
    assert result.events, "no event found"
    return {(e.date, e.date_precision) for e in result.events}


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Armenian and Azerbaijani diplomats will hold talks Tuesday in Geneva.", 1),
        ("Armenia's foreign minister meets his Azerbaijani counterpart Friday.", 4),
        ("Blinken is scheduled to meet Lavrov on Wednesday in Geneva.", 2),
        ("Armenian and Azerbaijani diplomats held talks Tuesday in Geneva.", -6),
        ("Russia attacked Kyiv on Sunday.", -1),
    ],
)
def test_weekdays_forward_unless_told_in_the_past(
    extractor: Extractor, text: str, day: int
) -> None:
    assert dates(extractor, text) == {(MONDAY + dt.timedelta(days=day), DatePrecision.DAY)}


@pytest.mark.parametrize(
    "text",
    [
        "Putin said he would meet Zelensky at some point.",
        "China said it would eventually sanction Lithuania.",
        "Sudan's army has been fighting the RSF forces in Khartoum.",
    ],
)
def test_no_day_where_the_text_gives_none(extractor: Extractor, text: str) -> None:
    assert all(d is None for d, _ in dates(extractor, text))


def test_a_period_in_the_clause_dates_the_event_to_it(extractor: Extractor) -> None:
    found = dates(extractor, "Japan accused Chinese jets of violating its airspace in March.")
    assert found == {(dt.date(2024, 3, 1), DatePrecision.MONTH)}


def test_bounding_periods_do_not_date_the_event(extractor: Extractor) -> None:
    found = dates(
        extractor, "Russian jets bombed Ukrainian towns, the heaviest strikes since March."
    )
    assert found == {(MONDAY, DatePrecision.DAY)}


def test_speech_participle_dates_the_act(extractor: Extractor) -> None:
    text = "The Serbian leader rejected the ruling, telling reporters on Friday that it was unfair."
    assert dates(extractor, text) == {(dt.date(2024, 5, 31), DatePrecision.DAY)}
