"""prepare_article on the real seed article and on arbitrary input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import InputError, UnsupportedLanguage
from ingest.prepare import prepare_article
from ingest.readers import iter_items, read_bytes
from ontology.model import Article

SEED = Path(__file__).parents[2] / "examples" / "cyprus-mail-blinken-lavrov.txt"


def _seed() -> Article:
    (item,) = iter_items([SEED])
    assert item.article is not None
    return prepare_article(item.article)


def test_seed_prepared() -> None:
    article = _seed()
    assert article.id == "cyprus-mail-blinken-lavrov"
    assert (
        article.title == "Blinken urges Russia’s Lavrov to take diplomatic exit from Ukraine crisis"
    )
    assert article.publisher == "Cyprus Mail"
    assert article.agency == "Reuters"
    assert article.language == "en"
    assert article.published == dt.date(2021, 12, 2)
    assert article.published_inferred is True
    (caption,) = article.captions
    assert "December 1, 2021" in caption and caption.endswith("REUTERS/Alexander Ermochenko")
    assert "Related Posts" not in article.text and "Taiwan" not in article.text


def test_seed_evidence_offsets_refer_to_cleaned_text() -> None:
    article = _seed()
    sentence = "Lavrov told reporters Moscow was ready for dialogue with Kyiv."
    start = article.text.index(sentence)
    assert article.text[start : start + len(sentence)] == sentence


def test_given_published_used_when_missing_and_not_inferred() -> None:
    article = Article(id="a", text="Russia and Ukraine agreed on Thursday to hold more talks.")
    prepared = prepare_article(article, published=dt.date(2000, 1, 1))
    assert (prepared.published, prepared.published_inferred) == (dt.date(2000, 1, 1), False)


def test_metadata_date_wins_over_argument() -> None:
    article = Article(id="a", text="Iran rejected the offer.", published=dt.date(2020, 5, 1))
    assert prepare_article(article, published=dt.date(2000, 1, 1)).published == dt.date(2020, 5, 1)


def test_non_english_refused() -> None:
    article = Article(
        id="de",
        text="Der Bundeskanzler hat am Donnerstag in Berlin mit dem französischen Präsidenten "
        "über die Lage in der Ukraine gesprochen und weitere Hilfen angekündigt.",
    )
    with pytest.raises(UnsupportedLanguage, match="unsupported language: de"):
        prepare_article(article)


def test_only_navigation_is_empty() -> None:
    article = Article(id="nav", text="Related Posts\n\nOil prices rise\n\nReuters News Service")
    with pytest.raises(InputError, match="empty"):
        prepare_article(article)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500))
def test_arbitrary_text_only_raises_input_errors(text: str) -> None:
    for item in read_bytes(text.encode("utf-8", "surrogatepass"), kind="txt", name="fuzz"):
        if item.article is None:
            assert isinstance(item.error, InputError)
            continue
        try:
            prepared = prepare_article(item.article)
        except InputError:
            continue
        assert prepared.text.strip()
        assert prepared.language == "en"
