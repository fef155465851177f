"""PLOVER-style actor phrases through the real English pipeline."""

from __future__ import annotations

import datetime as dt

import pytest
from actor_docs import run as run_actors
from spacy.language import Language
from spacy.tokens import Doc

from ingest.mentions import get_mentions

pytestmark = pytest.mark.model


def run(nlp: Language, text: str, day: dt.date = dt.date(2000, 1, 1)) -> Doc:
    return run_actors(nlp, text, day)


def at_head(doc: Doc, word: str) -> set[tuple[str, str | None, str | None]]:
    index = next(t.i for t in doc if t.text == word)
    return {
        (m.actor.id, m.actor.country, m.actor.sector.value if m.actor.sector else None)
        for m in get_mentions(doc)
        if m.head == index
    }


@pytest.mark.parametrize(
    ("text", "head", "expected"),
    [
        ("Fijian rebels freed the hostages.", "rebels", ("armed_group:fji-reb", "FJI", "REB")),
        ("The Sudanese government allowed access.", "government", ("state:SDN", "SDN", "GOV")),
        ("Israeli troops fired on the crowd.", "troops", ("group:isr-mil", "ISR", "MIL")),
        ("Aid reached Romanian refugees on Monday.", "refugees", ("group:rou-ref", "ROU", "REF")),
        ("Ethiopia let in UN peacekeepers.", "peacekeepers", ("org:UN", None, "MIL")),
        ("Afghan rebel leaders met him.", "leaders", ("armed_group:afg-reb", "AFG", "REB")),
        ("Poland's parliament demanded an apology.", "parliament", ("group:pol-leg", "POL", "LEG")),
    ],
)
def test_nominal_groups(
    nlp: Language, text: str, head: str, expected: tuple[str, str | None, str]
) -> None:
    assert expected in at_head(run(nlp, text), head)


@pytest.mark.parametrize(
    ("text", "head", "country", "role"),
    [
        (
            "Serbian President Vojislav Kostunica promised to democratize Serbia.",
            "Kostunica",
            "SRB",
            "President",
        ),
        (
            "Planning and Investment Minister Tran Quoc Vinh said Vietnam is committed to reform.",
            "Vinh",
            "VNM",
            "Planning and Investment Minister",
        ),
        (
            "British Defence Secretary Tom King has promised to continue military aid.",
            "King",
            "GBR",
            "Defence Secretary",
        ),
    ],
)
def test_titled_people(nlp: Language, text: str, head: str, country: str, role: str) -> None:
    doc = run(nlp, text)
    index = next(t.i for t in doc if t.text == head)
    (mention,) = [m for m in get_mentions(doc) if m.head == index]
    assert (mention.actor.kind.value, mention.actor.country, mention.actor.role) == (
        "person",
        country,
        role,
    )


def test_president_of_a_country_without_a_name(nlp: Language) -> None:
    doc = run(nlp, "Putin offered to negotiate with the president of Armenia.")
    assert ("state:ARM", "ARM", "GOV") in at_head(doc, "president")


def test_metonyms(nlp: Language) -> None:
    doc = run(nlp, "The White House said the Kremlin and Beijing were warned by the Pentagon.")
    ids = {
        (m.actor.id, m.actor.sector.value if m.actor.sector else None) for m in get_mentions(doc)
    }
    assert {("state:USA", "GOV"), ("state:RUS", "GOV"), ("state:CHN", "GOV")} <= ids
    assert ("state:USA", "MIL") in ids


def test_dictionary_person_role_follows_the_document_date(nlp: Language) -> None:
    text = "President Bush has threatened further action against Russia."
    early = run(nlp, text, dt.date(1991, 5, 1))
    late = run(nlp, text, dt.date(2003, 5, 1))
    assert ("person:george-h-w-bush", "USA", "GOV") in at_head(early, "Bush")
    assert ("person:george-w-bush", "USA", "GOV") in at_head(late, "Bush")


def test_news_agencies_are_not_actors(nlp: Language) -> None:
    doc = run(nlp, "Reuters and AFP reported that Iran threatened Iraq, Xinhua said.")
    names = {m.actor.id for m in get_mentions(doc)}
    assert names == {"state:IRN", "state:IRQ"}


def test_name_mislabelled_as_org_after_a_title_is_a_person(nlp: Language) -> None:
    doc = run(nlp, "Vice-President Moody Awori has declined to resign, the Kenya commission said.")
    mention = next(m for m in get_mentions(doc) if doc[m.head].text == "Awori")
    assert (mention.actor.kind.value, mention.actor.country) == ("person", "KEN")


def test_ethnic_group_belongs_to_the_state_that_modifies_it(nlp: Language) -> None:
    doc = run(nlp, "Bosnian Serbs said on Tuesday their forces had withdrawn.")
    assert ("group:bih-cvl", "BIH", "CVL") in at_head(doc, "Serbs")


def test_titled_person_takes_the_country_of_a_place_in_the_sentence(nlp: Language) -> None:
    doc = run(nlp, "President Abdelaziz Bouteflicka threatened to institute a curfew in Algiers.")
    mention = next(m for m in get_mentions(doc) if doc[m.head].text == "Bouteflicka")
    assert mention.actor.country == "DZA"


def test_surname_alias_inside_a_place_name_is_not_the_person(nlp: Language) -> None:
    doc = run(nlp, "The ship completed its journey to the Iranian port of Bandar Abbas on Feb. 13.")
    assert all(m.actor.kind.value != "person" for m in get_mentions(doc))


def test_national_department_is_its_government(nlp: Language) -> None:
    doc = run(nlp, "The ships are sanctioned by the U.S. Treasury Department.")
    assert ("state:USA", "USA", "GOV") in at_head(doc, "Department")


ZIMBABWE = (
    "A court in Zimbabwe adjourned the case. Zimbabwe has seen protests. "
    "The veteran criticized President Emmerson Mnangagwa."
)


def test_titled_person_takes_the_dominant_country_of_the_article(nlp: Language) -> None:
    doc = run(nlp, ZIMBABWE)
    mention = next(m for m in get_mentions(doc) if doc[m.head].text == "Mnangagwa")
    assert mention.actor.country == "ZWE"


def test_bare_surname_of_someone_out_of_office_is_not_the_famous_person(nlp: Language) -> None:
    doc = run(nlp, "Baker said the plant would reopen on Monday.", dt.date(2021, 6, 1))
    assert all(m.actor.id != "person:james-baker" for m in get_mentions(doc))
    titled = run(nlp, "Secretary Baker said the talks would resume.", dt.date(2021, 6, 1))
    assert any(m.actor.id == "person:james-baker" for m in get_mentions(titled))


def test_foreign_ministry_belongs_to_the_state_of_its_context(nlp: Language) -> None:
    doc = run(nlp, "Sri Lanka has established ties with Iran, the foreign ministry said.")
    assert ("state:LKA", "LKA", "GOV") in at_head(doc, "ministry")
    doc = run(nlp, "The Russian Foreign Ministry summoned the ambassador.")
    assert ("state:RUS", "RUS", "GOV") in at_head(doc, "Ministry")


def test_people_groups_take_the_state_of_their_clause(nlp: Language) -> None:
    doc = run(
        nlp, "The United Nations will provide aid to refugees fleeing the civil war in Liberia."
    )
    assert ("group:lbr-ref", "LBR", "REF") in at_head(doc, "refugees")
    doc = run(nlp, "Tens of thousands of university students throughout Indonesia marched.")
    assert ("group:idn-edu", "IDN", "EDU") in at_head(doc, "students")
