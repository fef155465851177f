"""Arbitrary Unicode through the whole pipeline: a result or an item error, never a crash."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.extract import Extractor
from ingest.nlp import load_pipeline
from ontology.model import Article, ExtractionResult

pytestmark = pytest.mark.model

EXTRACTOR: list[Extractor] = []


def extractor() -> Extractor:
    if not EXTRACTOR:
        EXTRACTOR.append(Extractor(load_pipeline("en_core_web_sm")))
    return EXTRACTOR[0]


WORDS = st.sampled_from(
    [
        "Russia",
        "Ukraine",
        "met",
        "warned",
        "if",
        "not",
        "would",
        "he",
        "said",
        "should",
        "NATO",
        "Blinken",
        "troops",
        "on",
        "Thursday",
        "sanctions",
        "with",
        ",",
        ".",
        "and",
        "“",
        "”",
        "attack",
        "talks",
        "it",
        "to",
        "urge",
        "a day after",
        "2014",
        "in",
        "Kyiv",
    ]
)
NEWSY = st.lists(WORDS, min_size=1, max_size=40).map(" ".join)


def check(result: ExtractionResult, article: Article) -> None:
    assert result.item == article.id
    if result.ok:
        assert result.article is not None
        for event in result.events:
            assert event.source
            assert event.evidence
    else:
        assert result.error and result.error_kind


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(min_size=0, max_size=300))
def test_arbitrary_unicode_never_raises(text: str) -> None:
    article = Article(id="fuzz", text=text, published=dt.date(2024, 1, 1))
    check(extractor().extract(article), article)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=NEWSY, published=st.none() | st.dates())
def test_newsy_word_salad_never_raises(text: str, published: dt.date | None) -> None:
    article = Article(id="salad", text=text, published=published)
    check(extractor().extract(article), article)
