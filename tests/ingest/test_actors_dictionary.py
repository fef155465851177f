"""The actor dictionary: generated states, shipped entries, user files and dated roles."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.actors.dictionary import ActorDictionaryError, get_dictionary, slugify
from ontology.model import ActorKind, Sector


def test_states_have_names_short_forms_demonyms_and_capitals() -> None:
    d = get_dictionary()
    for text in ["Russia", "Russian Federation", "Russian", "Moscow", "the Kremlin"]:
        assert d.state_of(text) == "RUS", text
    for text in ["U.S.", "United States", "America", "American", "Washington"]:
        assert d.state_of(text) == "USA", text
    for text in ["UK", "Britain", "British", "London", "Downing Street"]:
        assert d.state_of(text) == "GBR", text
    assert d.state_of("Kyiv") == d.state_of("Kiev") == "UKR"
    assert d.state_of("Gaza Strip") == "PSE"


def test_every_pycountry_state_is_present() -> None:
    import pycountry

    d = get_dictionary()
    missing = [c.alpha_3 for c in pycountry.countries if f"state:{c.alpha_3}" not in d.actors]
    assert missing == []


def test_capital_and_metonym_forms_carry_a_sector() -> None:
    d = get_dictionary()
    (moscow,) = d.lookup("Moscow")
    assert (moscow.kind, moscow.sector) == ("capital", Sector.GOV)
    (pentagon,) = d.lookup("Pentagon")
    assert (pentagon.kind, pentagon.sector) == ("metonym", Sector.MIL)


def test_organisations_and_armed_groups() -> None:
    d = get_dictionary()
    nato = d.actor(d.lookup("NATO")[0].actor_id)
    assert nato is not None and nato.kind is ActorKind.ORGANIZATION and nato.country is None
    hamas = d.actor(d.lookup("Hamas")[0].actor_id)
    assert hamas is not None and hamas.kind is ActorKind.ARMED_GROUP
    assert (hamas.country, hamas.sector) == ("PSE", Sector.REB)
    assert d.is_non_actor("Reuters")


def test_people_roles_depend_on_the_date() -> None:
    d = get_dictionary()
    putin_2010 = d.actor("person:vladimir-putin", dt.date(2010, 1, 1))
    putin_2021 = d.actor("person:vladimir-putin", dt.date(2021, 12, 2))
    assert putin_2010 is not None and putin_2010.role == "Prime Minister"
    assert putin_2021 is not None and putin_2021.role == "President"
    bush_1990 = d.best_form("Bush", dt.date(1990, 6, 1))
    bush_2003 = d.best_form("Bush", dt.date(2003, 6, 1))
    assert bush_1990 is not None and bush_1990.actor_id == "person:george-h-w-bush"
    assert bush_2003 is not None and bush_2003.actor_id == "person:george-w-bush"


def test_user_file_adds_people_and_organisations(tmp_path: Path) -> None:
    extra = tmp_path / "mine.json"
    extra.write_text(
        json.dumps(
            {
                "people": [
                    {
                        "name": "Nikos Christodoulides",
                        "gender": "m",
                        "aliases": ["Christodoulides"],
                        "roles": [
                            {
                                "role": "Foreign Minister",
                                "country": "CYP",
                                "sector": "GOV",
                                "start": "2018-03-01",
                                "end": "2022-01-01",
                            },
                            {
                                "role": "President",
                                "country": "CYP",
                                "sector": "GOV",
                                "start": "2023-02-28",
                                "end": None,
                            },
                        ],
                    }
                ],
                "organizations": [{"id": "org:ACME", "name": "Acme Council", "sector": "NGO"}],
            }
        ),
        encoding="utf-8",
    )
    d = get_dictionary([extra])
    actor = d.actor("person:nikos-christodoulides", dt.date(2020, 1, 1))
    assert actor is not None and (actor.role, actor.country) == ("Foreign Minister", "CYP")
    assert actor.affiliation == "state:CYP"
    assert d.lookup("Acme Council")[0].actor_id == "org:ACME"
    assert get_dictionary()  # the shipped one is unaffected
    assert not get_dictionary().lookup("Acme Council")


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        "[1, 2]",
        json.dumps({"people": [{"name": "X", "roles": [{"sector": "NOPE"}]}]}),
        json.dumps({"people": [{"name": "X", "roles": [{"start": "yesterday"}]}]}),
        json.dumps({"organizations": [{"name": "No id"}]}),
    ],
)
def test_malformed_user_files_raise_a_clear_error(tmp_path: Path, content: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ActorDictionaryError, match=r"bad\.json|person|organization"):
        get_dictionary([bad])


def test_missing_user_file_raises(tmp_path: Path) -> None:
    with pytest.raises(ActorDictionaryError, match="cannot read"):
        get_dictionary([tmp_path / "absent.json"])


@given(st.text(max_size=30))
def test_slugify_gives_id_safe_text(text: str) -> None:
    slug = slugify(text)
    assert slug
    assert all(c.isascii() and (c.isalnum() or c == "-") for c in slug)


@given(st.text(min_size=1, max_size=30).filter(lambda t: t.strip()))
def test_slugify_is_stable_and_keeps_non_latin_names_apart(text: str) -> None:
    assert slugify(text) == slugify(f"  {text} ")
    assert slugify(" ".join(text.split())) == slugify(text)


def test_slugify_distinguishes_names_without_latin_letters() -> None:
    assert slugify("Хамас") != slugify("Хезболла")
    assert slugify("Хамас").startswith("x")
