"""The shipped actor knowledge base: sizes, Wikidata ids, dated roles, and its use in the text."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from collections import Counter

import pytest
from spacy.language import Language

from ingest.actors.dictionary import ActorDictionary, get_dictionary
from ingest.actors.kb import KB_PATH, read_knowledge_base
from ingest.mentions import get_mentions
from ontology.model import Actor, ActorKind, Sector

QID = re.compile(r"^Q[1-9][0-9]*$")


def read_compiled_ids() -> list[str]:
    data = json.loads(gzip.decompress(KB_PATH.read_bytes()))
    return list(data.get("compiled_people", []))


@pytest.fixture(scope="module")
def dictionary() -> ActorDictionary:
    return get_dictionary()


def test_every_office_holder_is_a_valid_actor_with_a_wikidata_id(
    dictionary: ActorDictionary,
) -> None:
    kb = read_knowledge_base()
    assert len(kb.people) >= 5000
    ids = [row[0] for row in kb.people]
    assert len(ids) == len(set(ids))
    compiled = set(read_compiled_ids())
    assert len(compiled) <= 60
    for row in kb.people:
        person = dictionary.people[row[0]]
        if person.id in compiled:
            assert person.wikidata is None
            continue
        assert person.wikidata and QID.match(person.wikidata)
        assert person.roles
        for role in person.roles:
            assert role.end is None or role.end >= dt.date(2000, 1, 1)
            assert role.start is None or role.end is None or role.start < role.end
            assert role.country is None or f"state:{role.country}" in dictionary.actors
        actor = person.actor_on(None)
        assert isinstance(actor, Actor)
        assert actor.wikidata == person.wikidata


def test_the_base_covers_the_main_offices_of_most_states() -> None:
    kb = read_knowledge_base()
    roles = [r for row in kb.people for r in row[5]]
    countries = {r[1] for r in roles if r[1]}
    assert len(countries) >= 170
    kinds = Counter(
        kind
        for r in roles
        for kind, pattern in (
            ("head", r"^(president|prime minister|monarch|king|queen|emir|chancellor)\b"),
            ("foreign", r"foreign|external"),
            ("defence", r"defen[cs]e"),
            ("interior", r"interior|internal affairs|home affairs"),
            ("un", r"united nations"),
        )
        if re.search(pattern, r[0].lower())
    )
    assert kinds["head"] >= 1500
    assert kinds["foreign"] >= 500 and kinds["defence"] >= 500 and kinds["interior"] >= 300
    assert kinds["un"] >= 100
    assert sum(r[2] == "MIL" for r in roles) >= 300


def test_states_and_organisations_carry_wikidata_ids(dictionary: ActorDictionary) -> None:
    states = [a for a in dictionary.actors.values() if a.kind is ActorKind.STATE and a.wikidata]
    assert len(states) >= 193
    assert dictionary.actors["state:USA"].wikidata == "Q30"
    assert dictionary.actors["state:MOZ"].wikidata == "Q1029"
    orgs = [
        a for a in dictionary.actors.values() if a.kind is ActorKind.ORGANIZATION and a.wikidata
    ]
    assert len(orgs) >= 150
    assert dictionary.actors["org:NATO"].wikidata == "Q7184"
    assert all(QID.match(a.wikidata or "") for a in [*states, *orgs])


def test_armed_groups_with_aliases_countries_and_checked_ids(dictionary: ActorDictionary) -> None:
    groups = [a for a in dictionary.actors.values() if a.kind is ActorKind.ARMED_GROUP]
    assert len(groups) >= 100
    assert all(QID.match(g.wikidata) for g in groups if g.wikidata)
    (form,) = dictionary.lookup("Hamas")
    assert dictionary.actors[form.actor_id].wikidata == "Q38799"
    (form,) = dictionary.lookup("ISWAP")
    group = dictionary.actors[form.actor_id]
    assert (group.name, group.country, group.sector) == (
        "Islamic State West Africa Province",
        "NGA",
        Sector.REB,
    )
    (form,) = dictionary.lookup("IRGC")
    assert dictionary.actors[form.actor_id].sector is Sector.MIL


def test_curated_people_keep_their_ids_and_gain_wikidata_ids(dictionary: ActorDictionary) -> None:
    (form,) = dictionary.lookup("Sergei Lavrov")
    assert form.actor_id == "person:sergei-lavrov"
    assert dictionary.people[form.actor_id].wikidata == "Q58217"


def test_a_person_gets_the_role_of_the_article_date(dictionary: ActorDictionary) -> None:
    (form,) = dictionary.lookup("Oldemiro Balói")
    assert dictionary.lookup("Oldemiro Baloi") == [form]  # ASCII-folded form
    in_2010 = dictionary.actor(form.actor_id, dt.date(2010, 6, 1))
    assert in_2010 is not None
    assert (in_2010.country, in_2010.sector, in_2010.wikidata) == ("MOZ", Sector.GOV, "Q58223")
    assert in_2010.role == "Minister of Foreign Affairs"
    in_1996 = dictionary.actor(form.actor_id, dt.date(1996, 6, 1))
    assert in_1996 is not None and in_1996.role == "Minister of Industry, Commerce and Tourism"


def test_a_knowledge_base_name_in_a_sentence_is_that_person(nlp: Language) -> None:
    doc = nlp.make_doc("Foreign Minister Oldemiro Baloi flew to Lisbon for talks on debt relief.")
    doc._.dekg_doc_date = dt.date(2012, 3, 5)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    people = [m.actor for m in get_mentions(doc) if m.actor.kind is ActorKind.PERSON]
    assert [(p.id, p.country, p.wikidata) for p in people] == [
        ("person:oldemiro-baloi", "MOZ", "Q58223")
    ]


def test_roles_after_the_snapshots_are_compiled_in(dictionary: ActorDictionary) -> None:
    (form,) = dictionary.lookup("Israel Katz")
    person = dictionary.people[form.actor_id]
    assert person.wikidata == "Q487304"  # the base's person keeps its id and gains the role
    actor = dictionary.actor(form.actor_id, dt.date(2025, 3, 1))
    assert actor is not None and (actor.role, actor.country) == ("Minister of Defense", "ISR")
    (form,) = dictionary.lookup("Hakan Fidan")
    actor = dictionary.actor(form.actor_id, dt.date(2024, 3, 1))
    assert actor is not None and (actor.country, actor.sector) == ("TUR", Sector.GOV)


def test_a_bare_surname_is_not_a_knowledge_base_form(dictionary: ActorDictionary) -> None:
    assert "Baloi" not in dictionary.forms
    assert "Balói" not in dictionary.forms
