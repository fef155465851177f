"""The title and group-noun lexicon."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.sectors import parse_title, sector_of_noun
from ontology.model import Sector


@pytest.mark.parametrize(
    ("word", "sector"),
    [
        ("officials", Sector.GOV),
        ("troops", Sector.MIL),
        ("rebels", Sector.REB),
        ("militias", Sector.REB),
        ("police", Sector.COP),
        ("lawmakers", Sector.LEG),
        ("refugees", Sector.REF),
        ("protesters", Sector.CVL),
        ("students", Sector.EDU),
        ("opposition", Sector.OPP),
    ],
)
def test_group_nouns(word: str, sector: Sector) -> None:
    assert sector_of_noun(word) is sector


def test_unknown_nouns_have_no_sector() -> None:
    assert sector_of_noun("crisis") is None
    assert sector_of_noun("consequences") is None


@pytest.mark.parametrize(
    ("words", "role", "sector"),
    [
        (["Secretary", "of", "State"], "Secretary of State", Sector.GOV),
        (["Foreign", "Minister"], "Foreign Minister", Sector.GOV),
        (
            ["Planning", "and", "Investment", "Minister"],
            "Planning and Investment Minister",
            Sector.GOV,
        ),
        (["Defence", "Secretary"], "Defence Secretary", Sector.GOV),
        (["Secretary", "-", "General"], "Secretary-General", Sector.GOV),
        (["Lt.", "Gen."], "Lt. Gen.", Sector.MIL),
        (["former", "president"], "Former President", Sector.GOV),
        (["Judge"], "Judge", Sector.JUD),
    ],
)
def test_parse_title(words: list[str], role: str, sector: Sector) -> None:
    title = parse_title(words)
    assert title is not None
    assert (title.role, title.sector) == (role, sector)


def test_words_without_a_title_head_are_not_a_title() -> None:
    assert parse_title(["Foreign", "and"]) is None
    assert parse_title([]) is None


@given(st.lists(st.text(max_size=12), max_size=8))
def test_parse_title_never_raises(words: list[str]) -> None:
    title = parse_title(words)
    assert title is None or (title.role and title.sector is not None)


def test_the_rightmost_title_word_is_the_head() -> None:
    title = parse_title(["deputy", "energy", "minister"])
    assert title is not None and title.sector is Sector.GOV
