"""Event dates from the sentence and the document date (hand-built parses)."""

from __future__ import annotations

import datetime as dt

import spacy
from spacy.tokens import Doc

from ingest.event_time import event_date
from ontology.model import DatePrecision

VOCAB = spacy.blank("en").vocab
THURSDAY = dt.date(2021, 12, 2)


def build(rows: list[tuple[str, int, str, str, str, str]]) -> Doc:
    words, heads, deps, lemmas, pos, ents = (list(x) for x in zip(*rows, strict=True))
    return Doc(VOCAB, words=words, heads=heads, deps=deps, lemmas=lemmas, pos=pos, ents=ents)


MET_A_DAY_AFTER = build(
    [
        ("Blinken", 1, "nsubj", "Blinken", "PROPN", "O"),
        ("met", 1, "ROOT", "meet", "VERB", "O"),
        ("Lavrov", 1, "dobj", "Lavrov", "PROPN", "O"),
        ("on", 1, "prep", "on", "ADP", "O"),
        ("Tuesday", 3, "pobj", "Tuesday", "PROPN", "B-DATE"),
        ("a", 6, "det", "a", "DET", "O"),
        ("day", 7, "npadvmod", "day", "NOUN", "O"),
        ("after", 1, "prep", "after", "ADP", "O"),
        ("declaring", 7, "pcomp", "declare", "VERB", "O"),
        ("sanctions", 8, "dobj", "sanction", "NOUN", "O"),
    ]
)


def test_expression_on_the_clause() -> None:
    found = event_date(MET_A_DAY_AFTER[1], THURSDAY)
    assert (found.date, found.precision, found.explicit) == (
        dt.date(2021, 11, 30),
        DatePrecision.DAY,
        True,
    )


def test_a_day_after_is_the_day_before_the_governing_event() -> None:
    assert event_date(MET_A_DAY_AFTER[8], THURSDAY).date == dt.date(2021, 11, 29)


def test_no_expression_means_the_document_date_assumed() -> None:
    doc = build(
        [
            ("Iran", 1, "nsubj", "Iran", "PROPN", "O"),
            ("accuses", 1, "ROOT", "accuse", "VERB", "O"),
            ("Iraq", 1, "dobj", "Iraq", "PROPN", "O"),
        ]
    )
    found = event_date(doc[1], THURSDAY)
    assert (found.date, found.explicit) == (THURSDAY, False)
    assert event_date(doc[1], None).date is None


def test_present_perfect_of_a_material_event_is_undated() -> None:
    doc = build(
        [
            ("Russia", 2, "nsubj", "Russia", "PROPN", "O"),
            ("has", 2, "aux", "have", "AUX", "O"),
            ("amassed", 2, "ROOT", "amass", "VERB", "O"),
            ("troops", 2, "dobj", "troop", "NOUN", "O"),
        ]
    )
    doc[2].tag_ = "VBN"
    doc[1].tag_ = "VBZ"
    assert event_date(doc[2], THURSDAY).precision is DatePrecision.UNKNOWN
    assert event_date(doc[2], THURSDAY, verbal=True).date == THURSDAY


def test_a_bounding_date_names_no_day() -> None:
    doc = build(
        [
            ("Police", 1, "nsubj", "police", "NOUN", "O"),
            ("detained", 1, "ROOT", "detain", "VERB", "O"),
            ("hundreds", 1, "dobj", "hundred", "NOUN", "O"),
            ("since", 1, "prep", "since", "ADP", "O"),
            ("March", 3, "pobj", "March", "PROPN", "B-DATE"),
            ("3", 4, "nummod", "3", "NUM", "I-DATE"),
        ]
    )
    found = event_date(doc[1], THURSDAY)
    assert (found.date, found.precision) == (None, DatePrecision.UNKNOWN)


# "Violence began on May 3 in the region where forces clashed": the time is the main
# clause's; the clash in the relative clause is not dated to the story's day.
OTHER_TIME = build(
    [
        ("Violence", 1, "nsubj", "violence", "NOUN", "O"),
        ("began", 1, "ROOT", "begin", "VERB", "O"),
        ("on", 1, "prep", "on", "ADP", "O"),
        ("May", 2, "pobj", "May", "PROPN", "B-DATE"),
        ("3", 3, "nummod", "3", "NUM", "I-DATE"),
        ("in", 1, "prep", "in", "ADP", "O"),
        ("the", 7, "det", "the", "DET", "O"),
        ("region", 5, "pobj", "region", "NOUN", "O"),
        ("where", 10, "advmod", "where", "ADV", "O"),
        ("forces", 10, "nsubj", "force", "NOUN", "O"),
        ("clashed", 7, "relcl", "clash", "VERB", "O"),
    ]
)


def test_a_time_named_elsewhere_in_the_sentence_is_not_the_story_day() -> None:
    found = event_date(OTHER_TIME[10], THURSDAY)
    assert (found.date, found.precision) == (None, DatePrecision.UNKNOWN)
    assert event_date(OTHER_TIME[1], THURSDAY).date == dt.date(2021, 5, 3)


def test_a_date_modifying_a_thing_keeps_the_story_day() -> None:
    doc = build(
        [
            ("Iran", 1, "nsubj", "Iran", "PROPN", "O"),
            ("rejected", 1, "ROOT", "reject", "VERB", "O"),
            ("the", 4, "det", "the", "DET", "O"),
            ("2015", 4, "compound", "2015", "NUM", "B-DATE"),
            ("accord", 1, "dobj", "accord", "NOUN", "O"),
        ]
    )
    assert event_date(doc[1], THURSDAY).date == THURSDAY
