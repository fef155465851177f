"""Unknown people placed by the text: titles, appositions, possessives, missions, groups.

Every sentence here is written for these tests (none comes from the evaluation data).
"""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from ingest.mentions import Mention, get_mentions
from ontology.model import ActorKind, Sector


def run(nlp: Language, text: str, day: dt.date = dt.date(2021, 5, 4)) -> Doc:
    doc = nlp.make_doc(text)
    doc._.dekg_doc_date = day
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def at(doc: Doc, word: str) -> list[Mention]:
    """The mentions headed by the last token ``word``."""
    index = [t.i for t in doc if t.text == word][-1]
    return [m for m in get_mentions(doc) if m.head == index]


@pytest.mark.parametrize(
    ("text", "heads", "country", "sector"),
    [
        (
            "Pham Van Loc, the former prime minister of Laos, was arrested on Tuesday. "
            "Pham denied the charges.",
            ("Loc", "minister", "Pham"),
            "LAO",
            Sector.ELI,
        ),
        (
            "Norway's envoy to the talks, Erik Dahl, met the delegations on Friday.",
            ("Dahl", "envoy"),
            "NOR",
            Sector.GOV,
        ),
        (
            "Maria Okonjo, the defence minister of Ghana, inspected the troops.",
            ("Okonjo", "minister"),
            "GHA",
            Sector.GOV,
        ),
    ],
)
def test_an_apposition_places_the_person_through_the_article(
    nlp: Language, text: str, heads: tuple[str, ...], country: str, sector: Sector
) -> None:
    doc = run(nlp, text)
    for head in heads:
        (mention,) = at(doc, head)
        actor = mention.actor
        assert actor.kind is ActorKind.PERSON, head
        assert (actor.country, actor.sector, actor.affiliation) == (
            country,
            sector,
            f"state:{country}",
        )


def test_a_states_un_ambassador_acts_for_the_state(nlp: Language) -> None:
    doc = run(nlp, "Chile's U.N. ambassador Ana Bravo asked for a vote on the draft.")
    (mention,) = at(doc, "Bravo")
    assert (mention.actor.country, mention.actor.affiliation) == ("CHL", "state:CHL")


@pytest.mark.parametrize(
    ("text", "noun", "country"),
    [
        ("Iran's U.N. mission said the inspectors would return in May.", "mission", "IRN"),
        ("Kenya's U.N. delegation walked out of the session.", "delegation", "KEN"),
    ],
)
def test_a_states_un_mission_is_the_state_not_the_un(
    nlp: Language, text: str, noun: str, country: str
) -> None:
    doc = run(nlp, text)
    mentions = get_mentions(doc)
    assert not [m for m in mentions if m.actor.id in {"org:UN", "org:U.N."}]
    (mention,) = at(doc, noun)
    assert (mention.actor.id, mention.actor.sector) == (f"state:{country}", Sector.GOV)


def test_the_un_itself_stays_the_un(nlp: Language) -> None:
    doc = run(nlp, "The U.N. mission in Mali said two peacekeepers were hurt.")
    assert [m.actor.id for m in get_mentions(doc) if m.actor.kind is ActorKind.ORGANIZATION]


@pytest.mark.parametrize(
    ("text", "head", "country", "sector"),
    [
        (
            "A British militant was killed in an air strike on Sunday.",
            "militant",
            "GBR",
            Sector.REB,
        ),
        ("Iraqi Kurds fled the shelling across the mountains.", "Kurds", "IRQ", Sector.CVL),
        ("Somali refugees crossed into Kenya last week.", "refugees", "SOM", Sector.REF),
    ],
)
def test_demonym_groups_have_the_state_and_the_nouns_sector(
    nlp: Language, text: str, head: str, country: str, sector: Sector
) -> None:
    (mention,) = at(run(nlp, text), head)
    assert (mention.actor.country, mention.actor.sector) == (country, sector)


def test_they_resolves_to_every_antecedent(nlp: Language) -> None:
    doc = run(nlp, "Germany and France condemned the coup. They called on the junta to step down.")
    assert sorted(m.actor.country for m in at(doc, "They")) == ["DEU", "FRA"]


def test_a_known_person_out_of_office_is_a_former_official(nlp: Language) -> None:
    doc = run(nlp, "Joaquim Chissano urged calm in the capital.", dt.date(2011, 5, 4))
    (mention,) = at(doc, "Chissano")
    actor = mention.actor
    assert (actor.country, actor.sector, actor.wikidata) == ("MOZ", Sector.ELI, "Q208355")
    assert actor.role == "former President"
    in_office = run(nlp, "Joaquim Chissano urged calm in the capital.", dt.date(2001, 5, 4))
    (mention,) = at(in_office, "Chissano")
    assert (mention.actor.sector, mention.actor.role) == (Sector.GOV, "President")
