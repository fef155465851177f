"""The actor components on the real English pipeline, on the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest
from actor_docs import run
from spacy.language import Language
from spacy.tokens import Doc

from ingest.mentions import Mention, get_actors, get_mentions

pytestmark = pytest.mark.model

SEED = Path(__file__).resolve().parents[2] / "examples" / "cyprus-mail-blinken-lavrov.txt"


@pytest.fixture(scope="module")
def seed(nlp: Language) -> Doc:
    return run(nlp, SEED.read_text(encoding="utf-8").split("Related Posts")[0])


def by_text(doc: Doc, text: str) -> list[Mention]:
    return [m for m in get_mentions(doc) if m.text == text]


@pytest.mark.parametrize(
    ("actor_id", "kind", "country", "sector"),
    [
        ("person:antony-blinken", "person", "USA", "GOV"),
        ("person:sergei-lavrov", "person", "RUS", "GOV"),
        ("person:vladimir-putin", "person", "RUS", "GOV"),
        ("state:USA", "state", "USA", None),
        ("state:RUS", "state", "RUS", None),
        ("state:UKR", "state", "UKR", None),
        ("org:NATO", "organization", None, None),
    ],
)
def test_seed_gold_actors_are_found(
    seed: Doc, actor_id: str, kind: str, country: str | None, sector: str | None
) -> None:
    actor = get_actors(seed)[actor_id]
    assert actor.kind.value == kind
    assert actor.country == country
    if sector is not None:
        assert actor.sector is not None and actor.sector.value == sector


def test_seed_roles_come_from_text_and_dictionary(seed: Doc) -> None:
    actors = get_actors(seed)
    assert actors["person:antony-blinken"].role == "Secretary of State"
    assert actors["person:sergei-lavrov"].role == "Foreign Minister"
    assert actors["person:vladimir-putin"].role == "President"


def test_seed_must_not_confusions_are_fixed(seed: Doc) -> None:
    for text, expected in [("Blinken", "PERSON"), ("Kyiv", "GPE"), ("Lavrov", "PERSON")]:
        labels = {e.label_ for e in seed.ents if e.text == text}
        assert labels == {expected}, text
    for mention in by_text(seed, "Washington"):
        assert mention.actor.id == "state:USA"
        assert mention.actor.sector is not None and mention.actor.sector.value == "GOV"
    for mention in by_text(seed, "Moscow"):
        assert mention.actor.id == "state:RUS"
    assert all(m.actor.id == "state:UKR" for m in by_text(seed, "Kyiv"))
    assert by_text(seed, "Kyiv")


def test_seed_militant_is_armed_group_not_ukraine(seed: Doc) -> None:
    militant = next(  # the caption; its lower-case slug line names no group (Ukraine's rebels)
        m
        for m in get_mentions(seed)
        if seed[m.head].text == "militant" and "Luhansk People" in seed[m.head].sent.text
    )
    assert militant.actor.id == "armed_group:lpr"
    assert militant.actor.kind.value == "armed_group"
    assert militant.actor.country == "UKR"
    assert militant.actor.sector is not None and militant.actor.sector.value == "REB"


def test_seed_photo_credit_and_publisher_are_not_actors(seed: Doc) -> None:
    names = {m.actor.name for m in get_mentions(seed)}
    assert "Alexander Ermochenko" not in names
    assert not any("Reuters" in n or "REUTERS" in n or "Cyprus Mail" in n for n in names)


def test_minsk_peace_process_is_not_an_actor(seed: Doc) -> None:
    assert not by_text(seed, "Minsk")
