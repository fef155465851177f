"""Event dates from the sentence and the document date (hand-built parses).

A parse is written one token a word: ``word/head/dep/pos[/lemma[/ent]]`` (lemma defaults to
the lower-cased word, the entity tag to ``O``).
"""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.tokens import Doc

from ingest.event_time import event_date
from ontology.model import DatePrecision

VOCAB = spacy.blank("en").vocab
THURSDAY = dt.date(2021, 12, 2)
UNKNOWN = (None, DatePrecision.UNKNOWN)


def build(spec: str, tags: dict[int, str] | None = None) -> Doc:
    fields = [token.split("/") for token in spec.split()]
    words = [f[0] for f in fields]
    doc = Doc(
        VOCAB,
        words=words,
        heads=[int(f[1]) for f in fields],
        deps=[f[2] for f in fields],
        pos=[f[3] for f in fields],
        lemmas=[f[4] if len(f) > 4 and f[4] else f[0].lower() for f in fields],
        ents=[f[5] if len(f) > 5 else "O" for f in fields],
    )
    for i, tag in (tags or {}).items():
        doc[i].tag_ = tag
    return doc


def when(doc: Doc, i: int, anchor: dt.date | None = THURSDAY) -> tuple[dt.date | None, object]:
    found = event_date(doc[i], anchor)
    return found.date, found.precision


MET_A_DAY_AFTER = build(
    "Blinken/1/nsubj/PROPN met/1/ROOT/VERB/meet Lavrov/1/dobj/PROPN on/1/prep/ADP "
    "Tuesday/3/pobj/PROPN//B-DATE a/6/det/DET day/7/npadvmod/NOUN after/1/prep/ADP "
    "declaring/7/pcomp/VERB/declare sanctions/8/dobj/NOUN/sanction"
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
    doc = build("Iran/1/nsubj/PROPN accuses/1/ROOT/VERB/accuse Iraq/1/dobj/PROPN")
    found = event_date(doc[1], THURSDAY)
    assert (found.date, found.explicit) == (THURSDAY, False)
    assert event_date(doc[1], None).date is None


@pytest.mark.parametrize(
    "spec",
    [
        "Russia/2/nsubj/PROPN has/2/aux/AUX/have amassed/2/ROOT/VERB/amass troops/2/dobj/NOUN",
        # a verbal act in the present perfect is no news of the day either (labelled null)
        "Islamabad/2/nsubj/PROPN has/2/aux/AUX/have blamed/2/ROOT/VERB/blame Kabul/2/dobj/PROPN",
    ],
)
def test_present_perfect_is_undated(spec: str) -> None:
    doc = build(spec, {1: "VBZ", 2: "VBN"})
    assert when(doc, 2) == UNKNOWN


def test_a_bounding_date_names_no_day() -> None:
    doc = build(
        "Police/1/nsubj/NOUN detained/1/ROOT/VERB/detain hundreds/1/dobj/NOUN "
        "since/1/prep/ADP March/3/pobj/PROPN//B-DATE 3/4/nummod/NUM//I-DATE"
    )
    assert when(doc, 1) == UNKNOWN


# "Violence began on May 3 in the region where forces clashed": the time is the main
# clause's; the clash in the relative clause is not dated to the story's day.
OTHER_TIME = build(
    "Violence/1/nsubj/NOUN began/1/ROOT/VERB/begin on/1/prep/ADP May/2/pobj/PROPN//B-DATE "
    "3/3/nummod/NUM//I-DATE in/1/prep/ADP the/7/det/DET region/5/pobj/NOUN "
    "where/10/advmod/ADV forces/10/nsubj/NOUN/force clashed/7/relcl/VERB/clash"
)


def test_a_time_named_elsewhere_in_the_sentence_is_not_the_story_day() -> None:
    assert when(OTHER_TIME, 10) == UNKNOWN
    assert event_date(OTHER_TIME[1], THURSDAY).date == dt.date(2021, 5, 3)


def test_a_date_modifying_a_thing_keeps_the_story_day() -> None:
    doc = build(
        "Iran/1/nsubj/PROPN rejected/1/ROOT/VERB/reject the/4/det/DET "
        "2015/4/compound/NUM//B-DATE accord/1/dobj/NOUN"
    )
    assert event_date(doc[1], THURSDAY).date == THURSDAY


@pytest.mark.parametrize(
    "adverb", ["repeatedly", "routinely", "recently", "later", "previously", "often"]
)
def test_habitual_background_and_later_acts_are_undated(adverb: str) -> None:
    doc = build(
        f"Officials/2/nsubj/NOUN/official {adverb}/2/advmod/ADV "
        "denied/2/ROOT/VERB/deny the/4/det/DET claims/2/dobj/NOUN/claim"
    )
    assert when(doc, 2) == UNKNOWN


def test_hours_later_is_still_the_day_of_the_story() -> None:
    doc = build(
        "Hours/1/npadvmod/NOUN/hour//B-TIME later/3/advmod/ADV//I-TIME ,/3/punct/PUNCT "
        "Venezuela/3/nsubj/PROPN broke/3/ROOT/VERB/break ties/3/dobj/NOUN/tie"
    )
    assert when(doc, 4) == (THURSDAY, DatePrecision.DAY)


@pytest.mark.parametrize("stretch", ["weeks", "months", "years"])
def test_a_stretch_of_time_is_no_day(stretch: str) -> None:
    doc = build(
        "Turkey/1/nsubj/PROPN rejected/1/ROOT/VERB/reject the/3/det/DET bids/1/dobj/NOUN/bid "
        f"for/1/prep/ADP {stretch}/4/pobj/NOUN//B-DATE"
    )
    assert when(doc, 1) == UNKNOWN


@pytest.mark.parametrize(
    ("spec", "trigger", "day"),
    [
        (  # a weekday with a time of day
            "Iran/1/nsubj/PROPN fired/1/ROOT/VERB/fire missiles/1/dobj/NOUN on/1/prep/ADP "
            "Tuesday/5/compound/PROPN//B-DATE evening/3/pobj/NOUN//B-TIME",
            1,
            dt.date(2021, 11, 30),
        ),
        (  # the year of a date entity the parser hangs elsewhere
            "Militants/1/nsubj/NOUN attacked/1/ROOT/VERB/attack Israel/1/dobj/PROPN on/1/prep/ADP "
            "October/3/pobj/PROPN//B-DATE 7/4/nummod/NUM//I-DATE ,/4/punct/PUNCT//I-DATE "
            "2023/1/npadvmod/NUM//I-DATE",
            1,
            dt.date(2023, 10, 7),
        ),
        (  # a day on a noun of the trigger's clause
            "The/1/det/DET UAE/2/nsubj/PROPN signed/2/ROOT/VERB/sign accords/2/dobj/NOUN/accord "
            "at/2/prep/ADP a/6/det/DET ceremony/4/pobj/NOUN on/6/prep/ADP "
            "Tuesday/7/pobj/PROPN//B-DATE",
            2,
            dt.date(2021, 11, 30),
        ),
    ],
)
def test_the_day_named_in_the_clause(spec: str, trigger: int, day: dt.date) -> None:
    assert when(build(spec), trigger) == (day, DatePrecision.DAY)
