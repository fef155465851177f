"""Offline gazetteer and the places component."""

from __future__ import annotations

from pathlib import Path

import pytest
from actor_docs import run
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language

from ingest.mentions import get_places
from ingest.places import get_gazetteer, normalise

SEED = Path(__file__).resolve().parents[2] / "examples" / "cyprus-mail-blinken-lavrov.txt"


def test_stockholm_is_geocoded_with_geonames_id() -> None:
    place = get_gazetteer().lookup("Stockholm")
    assert place is not None
    assert (place.country, place.geonames_id, place.feature) == ("SWE", 2673730, "city")
    assert place.lat == pytest.approx(59.33, abs=0.01)
    assert place.lon == pytest.approx(18.07, abs=0.01)


def test_kirovsk_follows_the_context_country() -> None:
    gazetteer = get_gazetteer()
    in_ukraine = gazetteer.lookup("Kirovsk", ["UKR"])
    assert in_ukraine is not None and in_ukraine.country == "UKR"
    assert in_ukraine.lat == pytest.approx(48.64, abs=0.01)
    assert in_ukraine.lon == pytest.approx(38.64, abs=0.01)
    anywhere = gazetteer.lookup("Kirovsk")
    assert anywhere is not None and anywhere.country == "RUS"


def test_a_small_namesake_in_context_does_not_beat_a_famous_city() -> None:
    place = get_gazetteer().lookup("Geneva", ["USA"])
    assert place is not None and place.country == "CHE"


def test_countries_and_regions() -> None:
    gazetteer = get_gazetteer()
    ukraine = gazetteer.lookup("Ukraine")
    assert ukraine is not None and (ukraine.country, ukraine.feature) == ("UKR", "country")
    region = gazetteer.lookup("Luhansk Region", ["UKR"])
    assert region is not None and (region.country, region.feature) == ("UKR", "region")


def test_unknown_name_is_none() -> None:
    assert get_gazetteer().lookup("Qwertyville Xyz") is None


@given(st.text(max_size=40))
def test_normalise_never_raises_and_is_idempotent(text: str) -> None:
    key = normalise(text)
    assert normalise(key) == key
    assert key == key.lower()


@pytest.mark.model
def test_seed_places(nlp: Language) -> None:
    doc = run(nlp, SEED.read_text(encoding="utf-8").split("Related Posts")[0])
    places = {doc[p.start : p.end].text: p.place for p in get_places(doc)}
    assert places["Stockholm"].country == "SWE"
    assert places["Kirovsk"].country == "UKR"
    assert places["Kirovsk"].geonames_id == 705809
    assert places["Luhansk Region"].country == "UKR"


@pytest.mark.model
def test_place_contexts(nlp: Language) -> None:
    doc = run(
        nlp,
        "Troops massed near the border in Belgorod. Five hundred Ugandan rebels surrendered "
        "in the eastern town of Soroti. Moscow accused Kyiv of provocations.",
    )
    names = {doc[p.start : p.end].text: p.place.country for p in get_places(doc)}
    assert names.get("Belgorod") == "RUS"
    assert names.get("Soroti") == "UGA"
    assert "Moscow" not in names
    assert "Kyiv" not in names
