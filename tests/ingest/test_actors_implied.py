"""Actors the text implies, through the real pipeline: countryless groups nothing places (those
placed by their sentence or article: ``test_actors_context``), the implied source of passive
coercion, and a state's own forces that are not its target.

Every sentence here is written for these tests (none comes from the evaluation data).
"""

from __future__ import annotations

import pytest
from pipeline_cases import events
from spacy.language import Language

from ingest.extract import Extractor
from ingest.mentions import get_mentions
from ontology.model import Event
from ontology.plover import EventType
from tests.ingest.actor_docs import run

pytestmark = pytest.mark.model


def countries(actors: tuple[object, ...]) -> frozenset[str]:
    return frozenset(a.country for a in actors if getattr(a, "country", None))  # type: ignore[attr-defined]


def of_type(found: list[Event], type_: EventType) -> list[Event]:
    return [e for e in found if e.type is type_]


def country_of(nlp: Language, text: str, word: str) -> str | None:
    doc = run(nlp, text)
    index = [t.i for t in doc if t.text == word][-1]
    found = [m for m in get_mentions(doc) if m.head == index]
    return found[0].actor.country if found else None


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # victims of a foreign state's act are not its people
        ("Turkish drones hit a convoy, killing 12 people.", "people"),
        # no state anywhere: no actor
        ("Soldiers were seen near the bridge.", "Soldiers"),
        ("Protesters gathered outside the stadium.", "Protesters"),
    ],
)
def test_groups_the_context_does_not_place_are_no_actors(
    nlp: Language, text: str, word: str
) -> None:
    assert country_of(nlp, text, word) is None


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("A reporter was arrested in Zimbabwe over his articles.", "ZWE"),
        ("Two Ugandan activists were detained and charged with treason.", "UGA"),
        ("The Moroccan blogger was jailed for three years.", "MAR"),
    ],
)
def test_passive_coercion_without_agent_is_done_by_the_state(
    extractor: Extractor, text: str, country: str
) -> None:
    coercions = of_type(events(extractor, text), EventType.COERCE)
    assert coercions
    assert countries(coercions[0].source) == {country}
    assert country in countries(coercions[0].target)


def test_a_named_agent_stays_the_source(extractor: Extractor) -> None:
    found = events(extractor, "A reporter was arrested by Russian police in Zimbabwe.")
    coercions = of_type(found, EventType.COERCE)
    assert coercions and countries(coercions[0].source) == {"RUS"}


def test_a_killing_without_agent_keeps_no_source(extractor: Extractor) -> None:
    found = events(extractor, "Three villagers were killed in northern Mali on Sunday.")
    assert not of_type(found, EventType.ASSAULT)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Chile massed soldiers along its border with Bolivia.", {"BOL"}),
        ("Sweden withdrew its troops from Latvia.", {"LVA"}),
    ],
)
def test_a_states_own_forces_are_not_its_target(
    extractor: Extractor, text: str, target: set[str]
) -> None:
    found = events(extractor, text)
    assert found
    for event in found:
        assert countries(event.target) <= target


def test_an_opposition_may_target_its_own_states_forces(extractor: Extractor) -> None:
    found = events(extractor, "The Bolivian opposition accused the army of killing villagers.")
    accusations = of_type(found, EventType.ACCUSE)
    assert accusations and countries(accusations[0].target) == {"BOL"}
