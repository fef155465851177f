"""Sentence starts after abbreviations, handles and initials (``dekg_sentences_v1``)."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language

from ingest.components.sentences import TITLES, sentence_ends, split_sentences
from ingest.nlp import load_base


@pytest.fixture(scope="module")
def parser() -> Language:
    nlp = load_base("en_core_web_sm")
    nlp.add_pipe("dekg_sentences_v1", first=True)
    return nlp


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The brigade shared the footage on X. Rebels stormed a police post in the north.",
            ["The brigade shared the footage on X.", "Rebels stormed a police post in the north."],
        ),
        (
            "The envoy arrived at 9 a.m. Soldiers sealed off the airport.",
            ["The envoy arrived at 9 a.m.", "Soldiers sealed off the airport."],
        ),
        (
            "The deal was welcomed in the U.K. But exporters in Chile were worried.",
            ["The deal was welcomed in the U.K.", "But exporters in Chile were worried."],
        ),
        (
            "Shares of Norvik Mining Corp. It was fined by regulators in Oslo.",
            ["Shares of Norvik Mining Corp.", "It was fined by regulators in Oslo."],
        ),
    ],
)
def test_abbreviation_or_handle_ends_the_sentence(
    parser: Language, text: str, expected: list[str]
) -> None:
    assert [s.text for s in parser(text).sents] == expected


@pytest.mark.parametrize(
    "text",
    [
        "A letter signed by K. Larsen of the U.S. Embassy reached Oslo on Monday.",
        "Lt. Gen. Omar Bashir met St. Clair at 10 a.m. Tuesday in the capital.",
        "The talks on U.N. reform ended with a statement by Dr. Amina Yusuf.",
        "Investors at J. P. Holdings Inc. sold their shares.",
    ],
)
def test_initials_titles_and_names_stay_in_one_sentence(parser: Language, text: str) -> None:
    assert len(list(parser(text).sents)) == 1


def test_handle_letter_is_split_from_its_period(parser: Language) -> None:
    doc = parser("He wrote on X. Troops shelled the port.")
    assert [t.text for t in doc][:5] == ["He", "wrote", "on", "X", "."]
    assert doc[5].is_sent_start


def test_no_start_without_a_following_word() -> None:
    nlp = load_base("en_core_web_sm")
    doc = nlp.make_doc("The video was posted on X.")
    assert sentence_ends(doc) == []
    assert len(split_sentences(doc)) == len(nlp.make_doc("The video was posted on X."))


BLANK = spacy.blank("en")  # the English tokenizer and its abbreviation exceptions
WORDS = ["Gen.", "Dr.", "U.S.", "X.", "on", "via", "The", "It", "Smith", "p.m.", "talks", "J."]


@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12))
def test_titles_never_end_a_sentence_and_splitting_keeps_the_text(words: list[str]) -> None:
    doc = BLANK.make_doc(" ".join(words))
    ends = sentence_ends(doc)
    assert all(doc[i].lower_ not in TITLES for i in ends)
    assert split_sentences(doc).text == " ".join(words)
