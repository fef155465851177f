"""Coreference on real sentences (model) and on the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest
from actor_docs import run
from spacy.language import Language
from spacy.tokens import Doc

from ingest.actors.pronouns import quote_mask
from ingest.mentions import get_mentions

SEED = Path(__file__).resolve().parents[2] / "examples" / "cyprus-mail-blinken-lavrov.txt"


def resolved(doc: Doc, i: int) -> set[str]:
    """Actor ids of the mentions headed by token ``i``."""
    return {m.actor.id for m in get_mentions(doc) if m.head == i}


def index_of(doc: Doc, text: str, nth: int = 0) -> int:
    return [t.i for t in doc if t.text == text][nth]


@pytest.fixture(scope="module")
def seed(nlp: Language) -> Doc:
    return run(nlp, SEED.read_text(encoding="utf-8").split("Related Posts")[0])


@pytest.mark.model
def test_seed_description_looks_ahead_to_lavrov(seed: Doc) -> None:
    number = index_of(seed, "number")
    assert resolved(seed, number) == {"person:sergei-lavrov"}


@pytest.mark.model
def test_seed_object_pronouns_are_the_counterpart_not_the_subject(seed: Doc) -> None:
    assert resolved(seed, index_of(seed, "him", 0)) == {"person:sergei-lavrov"}
    assert resolved(seed, index_of(seed, "him", 1)) == {"person:sergei-lavrov"}


@pytest.mark.model
def test_seed_first_names_and_speaker_pronouns(seed: Doc) -> None:
    assert resolved(seed, index_of(seed, "Sergei", 1)) == {"person:sergei-lavrov"}
    assert resolved(seed, index_of(seed, "He")) == {"person:antony-blinken"}
    assert resolved(seed, index_of(seed, "he")) == {"person:sergei-lavrov"}


@pytest.mark.model
def test_seed_it_is_russia_after_moscow_accuses(seed: Doc) -> None:
    assert resolved(seed, index_of(seed, "It")) == {"state:RUS"}


@pytest.mark.model
def test_seed_their_is_both_coordinated_states(seed: Doc) -> None:
    assert resolved(seed, index_of(seed, "their")) == {"state:RUS", "state:UKR"}


@pytest.mark.model
def test_she_prefers_a_woman(nlp: Language) -> None:
    doc = run(nlp, "Angela Merkel met Emmanuel Macron in Berlin. She said Europe must act.")
    assert resolved(doc, index_of(doc, "She")) == {"person:angela-merkel"}


@pytest.mark.model
def test_minister_description_resolves_backwards(nlp: Language) -> None:
    doc = run(
        nlp,
        "Russian Foreign Minister Sergei Lavrov arrived in Geneva. "
        "The minister told reporters talks would continue.",
    )
    assert resolved(doc, index_of(doc, "minister")) == {"person:sergei-lavrov"}


@pytest.mark.model
def test_speaker_pronoun_does_not_point_into_the_quote(nlp: Language) -> None:
    doc = run(
        nlp,
        "Lavrov told reporters Moscow was ready for dialogue. "
        "“We, as President Putin has stated, do not want any conflicts,” he said.",
    )
    assert resolved(doc, index_of(doc, "he")) == {"person:sergei-lavrov"}
    assert resolved(doc, index_of(doc, "We")) == {"state:RUS"}


def test_quote_mask_marks_tokens_between_quotes() -> None:
    from spacy.vocab import Vocab

    doc = Doc(Vocab(), words=["He", "said", "“", "we", "agree", "”", "today"])
    assert quote_mask(doc) == [False, False, False, True, True, False, False]


@pytest.mark.model
def test_it_after_a_thing_subject_is_not_an_actor(nlp: Language) -> None:
    doc = run(nlp, "The agreement was signed by Russia on Monday. It will take effect next year.")
    assert resolved(doc, index_of(doc, "It")) == set()
    doc = run(nlp, "Russia signed the accord. It said the deal was fair.")
    assert resolved(doc, index_of(doc, "It")) == {"state:RUS"}


SADIQI = (
    "“We consider the withdrawal a good step,” said Mawlawi Abdul Wahid Sadiqi. "
    "The Taliban chief was referring to the Doha agreement."
)


@pytest.mark.model
def test_description_gives_an_unknown_person_an_affiliation(nlp: Language) -> None:
    # An invented name: a real Taliban leader is in the actor knowledge base, with his office.
    doc = run(nlp, SADIQI)
    mention = next(m for m in get_mentions(doc) if doc[m.head].text == "Sadiqi")
    assert mention.actor.affiliation == "armed_group:taliban"
    assert mention.actor.country == "AFG"
    assert resolved(doc, index_of(doc, "We")) == {"armed_group:taliban"}
