"""Sectors and countries the sentence gives: domestic groups, ethnic minorities, state media,
seated and led groups, office holders out of office.

Every sentence here is written for these tests (none comes from the evaluation data).
"""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from ingest.mentions import Mention, get_mentions
from ontology.model import Sector
from tests.ingest.actor_docs import run


def headed_by(nlp: Language, text: str, word: str, day: dt.date | None = None) -> Mention:
    doc = run(nlp, text) if day is None else run(nlp, text, day)
    index = [t.i for t in doc if t.text == word][-1]
    found = [m for m in get_mentions(doc) if m.head == index]
    assert found, f"no mention headed by {word!r} in {text!r}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "word", "country", "sector"),
    [
        # countryless rebels, police and opposition: the sentence's nearest state
        ("The Chadian government rejected new demands from the rebels.", "rebels", "TCD", "REB"),
        ("Militants loyal to a Yemeni cleric stormed the port.", "Militants", "YEM", "REB"),
        ("Police fired tear gas at students in Kenya on Friday.", "Police", "KEN", "COP"),
        # an ethnicity in another state is that state's people
        ("Ethnic Russians protested outside the parliament of Latvia.", "Russians", "LVA", "CVL"),
        # state media speak for the government
        ("The official Iranian news agency said the talks had failed.", "agency", "IRN", "GOV"),
        ("Belarus's rulers refused to meet the envoys.", "rulers", "BLR", "GOV"),
        # a group seated in a state, forces led by a state
        ("A terror group based in Mali claimed the bombing.", "group", "MLI", "REB"),
        ("A newspaper based in Nairobi was shut down.", "newspaper", "KEN", "MED"),
        ("French-led troops secured the airport.", "troops", "FRA", "MIL"),
        # a capital after "from" or a visit is its government
        ("The tests drew sharp warnings from Beijing.", "Beijing", "CHN", "GOV"),
        ("The minister cut short a visit to Hanoi.", "Hanoi", "VNM", "GOV"),
        ("The drills drew condemnation from Pyongyang and Tokyo.", "Pyongyang", "PRK", "GOV"),
        # populated places stand for civilians
        ("Artillery shelled several Lebanese villages overnight.", "villages", "LBN", "CVL"),
        ("Bulldozers demolished Syrian homes near the border.", "homes", "SYR", "CVL"),
        ("Troops imposed a curfew on the Turkish town.", "town", "TUR", "CVL"),
        # countryless people: the state of the place they are in
        ("Protesters blocked the main road in Nairobi on Monday.", "Protesters", "KEN", "CVL"),
        ("Thousands of demonstrators marched across Lima.", "demonstrators", "PER", "CVL"),
        ("Dockworkers and students rallied in Lagos.", "students", "NGA", "EDU"),
        # countryless state organs: the state the sentence is about, else the article's
        ("Peru's government said soldiers had cleared the roads.", "soldiers", "PER", "MIL"),
        ("Chile closed the border. The court ordered the men freed.", "court", "CHL", "JUD"),
    ],
)
def test_sentence_gives_country_and_sector(
    nlp: Language, text: str, word: str, country: str, sector: str
) -> None:
    mention = headed_by(nlp, text, word)
    assert (mention.actor.country, mention.actor.sector) == (country, Sector(sector))


def test_named_armed_group_is_not_placed_in_a_state(nlp: Language) -> None:
    mention = headed_by(nlp, "Al Qaeda claimed the attack in Somalia.", "Qaeda")
    assert mention.actor.country is None


def test_rebels_without_any_state_stay_countryless(nlp: Language) -> None:
    mention = headed_by(nlp, "The rebels said they would fight on.", "rebels")
    assert mention.actor.country is None
    assert mention.actor.sector is Sector.REB


def test_demonym_people_without_ethnic_keep_their_state(nlp: Language) -> None:
    mention = headed_by(nlp, "Albanians marched through the centre of Kosovo.", "Albanians")
    assert mention.actor.country == "ALB"


def test_office_holder_before_the_first_known_office_is_an_elite(nlp: Language) -> None:
    text = "Ariel Sharon visited the site."
    before = headed_by(nlp, text, "Sharon", dt.date(2000, 9, 28)).actor
    during = headed_by(nlp, text, "Sharon", dt.date(2003, 1, 1)).actor
    assert (before.country, before.sector, before.role) == ("ISR", Sector.ELI, None)
    assert (during.country, during.sector) == ("ISR", Sector.GOV)


def test_capital_after_motion_stays_a_place(nlp: Language) -> None:
    doc = run(nlp, "The envoy returned from Moscow on Friday.")
    assert not [m for m in get_mentions(doc) if m.text == "Moscow"]


def test_russia_before_1992_is_the_soviet_union(nlp: Language) -> None:
    text = "Moscow said Russian troops would stay."
    old = headed_by(nlp, text, "Moscow", dt.date(1987, 4, 2)).actor
    new = headed_by(nlp, text, "Moscow", dt.date(2001, 4, 2)).actor
    assert (old.id, old.country, old.sector) == ("state:SUN", "SUN", Sector.GOV)
    assert (new.id, new.country) == ("state:RUS", "RUS")


def test_a_word_of_a_dictionary_name_gives_no_sector(nlp: Language) -> None:
    doc = run(nlp, "Soldiers raided a West Bank refugee camp.")
    assert all(m.actor.sector is not Sector.BUS for m in get_mentions(doc))


def test_officials_take_the_state_the_sentence_is_about(nlp: Language) -> None:
    mention = headed_by(nlp, "Kenya closed the border, officials said.", "officials")
    assert (mention.actor.country, mention.actor.sector) == ("KEN", Sector.GOV)


def test_officials_of_no_known_state_are_no_actor(nlp: Language) -> None:
    doc = run(nlp, "Officials said the talks would resume next week.")
    assert not [m for m in get_mentions(doc) if m.text == "Officials"]


def test_he_and_she_take_a_singular_person_noun(nlp: Language) -> None:
    text = "Kenya detained a Somali diplomat overnight and questioned him for hours."
    mention = headed_by(nlp, text, "him")
    assert mention.actor.country == "SOM"


def test_he_never_takes_a_body(nlp: Language) -> None:
    doc = run(nlp, "The Kenyan army said he had crossed the border.")
    assert not [m for m in get_mentions(doc) if m.text == "he" and m.actor.country == "KEN"]
