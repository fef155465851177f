"""Cleaning: captions apart, navigation blocks, credits and bylines gone, idempotent."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.clean import clean_article, clean_text, detect_agency, is_caption
from ingest.readers import read_text
from ontology.model import Article

SEED = Path(__file__).parents[2] / "examples" / "cyprus-mail-blinken-lavrov.txt"


def _seed() -> Article:
    return clean_article(read_text(SEED.read_text(encoding="utf-8"), name=SEED.stem))


def test_seed_caption_kept_apart_with_date_and_credit() -> None:
    article = _seed()
    assert len(article.captions) == 1
    caption = article.captions[0]
    assert caption.startswith("A militant of the self-proclaimed Luhansk People's Republic")
    assert "Ukraine December 1, 2021" in caption
    assert caption.endswith("REUTERS/Alexander Ermochenko")
    assert "militant" not in article.text  # neither the caption nor its lower-case alt text
    assert "Ermochenko" not in article.text


def test_seed_related_posts_block_dropped() -> None:
    text = _seed().text
    assert "Related Posts" not in text
    assert "Reuters News Service" not in text
    assert "Taiwan" not in text and "grain" not in text
    assert text.startswith("U.S. Secretary of State Antony Blinken met")
    assert text.endswith("strike Moscow within minutes.")


def test_seed_story_paragraphs_intact() -> None:
    text = _seed().text
    assert "Lavrov told reporters Moscow was ready for dialogue with Kyiv." in text
    assert "Moscow accuses Kyiv of pursuing its own military build-up." in text


def test_bylines_and_reporting_credits_removed() -> None:
    raw = (
        "By John Smith and Jane Roe\n\n"
        "MOSCOW, Dec 2 (Reuters) - Russia rejected the proposal on Thursday.\n\n"
        "The Kremlin said talks would continue. (Reporting by Anna Ivanova; Editing by Tom Lee)\n\n"
        "Reporting by Mark Trevelyan; Writing by Guy Faulconbridge"
    )
    text, captions = clean_text(raw)
    assert captions == []
    assert "John Smith" not in text and "Ivanova" not in text and "Trevelyan" not in text
    assert text.startswith("MOSCOW, Dec 2 (Reuters) - Russia rejected")
    assert text.endswith("The Kremlin said talks would continue.")


def test_read_more_lines_and_navigation_after_prose_heading() -> None:
    raw = (
        "Iran rejected the offer on Monday.\n\nRead more: Iran nuclear talks stall\n\n"
        "Officials said a new round could start soon.\n\nMore stories\n\n"
        "Oil prices rise\n\nAP\n\nMarkets slip on rate fears\n\nAP"
    )
    text, _ = clean_text(raw)
    assert (
        text == "Iran rejected the offer on Monday.\n\nOfficials said a new round could start soon."
    )


def test_related_heading_followed_by_prose_is_kept() -> None:
    raw = (
        "Iran rejected the offer on Monday.\n\nRelated\n\n"
        "The talks, which began in April, have stalled over sanctions relief. "
        "Diplomats say a compromise is possible before the summer."
    )
    text, _ = clean_text(raw)
    assert "Diplomats say a compromise is possible" in text


def test_caption_shapes() -> None:
    assert is_caption("Protesters march in Kyiv, March 3, 2022. REUTERS/Gleb Garanich")
    assert is_caption("A soldier stands guard. (AP Photo/Efrem Lukatsky)")
    assert is_caption("FILE PHOTO: Russian President Vladimir Putin attends a meeting")
    assert is_caption("Smoke rises over the city (Photo: Jane Doe)")
    assert not is_caption("A Reuters/Ipsos poll showed support for the plan fell.")
    assert not is_caption("Russia said it would respond.")


def test_agency_detection() -> None:
    assert detect_agency("MOSCOW, Dec 2 (Reuters) - Russia said") == "Reuters"
    assert detect_agency("WASHINGTON (AP) — The Senate voted") == "AP"
    assert detect_agency("Some text. AFP/Getty") == "AFP"
    assert detect_agency("Story text", url="https://www.voanews.com/a/x.html") == "VOA"
    assert detect_agency("Story text", publisher="Reuters") == "Reuters"
    assert detect_agency("A Reuters/Ipsos poll showed support fell.") is None


def test_clean_article_is_idempotent_on_seed() -> None:
    once = _seed()
    assert clean_article(once) == once


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_clean_is_idempotent_and_never_raises(text: str) -> None:
    article = Article(id="x", text=text)
    once = clean_article(article)
    assert clean_article(once) == once
