"""Arguments that do not overreach, through the real pipeline (hand-written sentences)."""

from __future__ import annotations

import pytest
from pipeline_cases import events

from ingest.extract import Extractor
from ontology.model import Event
from ontology.plover import EventType

pytestmark = pytest.mark.model


def countries(actors: tuple[object, ...]) -> set[str]:
    return {a.country for a in actors if getattr(a, "country", None)}  # type: ignore[attr-defined]


def pairs(found: list[Event]) -> set[tuple[EventType, frozenset[str], frozenset[str]]]:
    return {(e.type, frozenset(countries(e.source)), frozenset(countries(e.target))) for e in found}


@pytest.mark.parametrize(
    "text",
    [
        "Turkish lawmakers were angered by a court ruling to imprison Kurdish mayors.",
        "Greek officials were outraged by Turkey's decision to expel the Dutch envoy.",
        "Israeli officials were happy with the U.S. decision to sanction Iranian banks.",
    ],
)
def test_no_source_climbing_through_feelings(extractor: Extractor, text: str) -> None:
    assert not any(
        e.type in {EventType.COERCE, EventType.SANCTION} for e in events(extractor, text)
    )


def test_conjoined_act_still_shares_its_subject(extractor: Extractor) -> None:
    found = events(
        extractor, "The Taliban denounced the delay and threatened to attack U.S. forces."
    )
    threats = [e for e in found if e.type is EventType.THREATEN]
    assert threats and "AFG" in countries(threats[0].source)


def test_rejection_gets_no_own_state_target(extractor: Extractor) -> None:
    found = events(extractor, "A spokesman for Afghan President Ashraf Ghani rejected the claims.")
    assert all(countries(e.target) != {"AFG"} for e in found)


def test_offensive_without_a_victim_has_no_place_target(extractor: Extractor) -> None:
    found = events(extractor, "Afghan forces launched an offensive in Helmand.")
    assert all(not e.target for e in found)


def test_state_shelling_unnamed_villages_is_not_domestic(extractor: Extractor) -> None:
    found = events(extractor, "Officials said Iran had shelled Kurdish villages.")
    assert (EventType.ASSAULT, frozenset({"IRN"}), frozenset({"IRN"})) not in pairs(found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ukrainian towns, which were shelled by Russia, lost power.",
            (EventType.ASSAULT, frozenset({"RUS"}), frozenset({"UKR"})),
        ),
        (
            "The Syrian villages that Turkish troops shelled were empty.",
            (EventType.ASSAULT, frozenset({"TUR"}), frozenset({"SYR"})),
        ),
        (
            "The Indian army, which shelled the Pakistani town of Kotli, denied any wrongdoing.",
            (EventType.ASSAULT, frozenset({"IND"}), frozenset({"PAK"})),
        ),
        (
            "Syrian rebels were bombed by Russian jets on Monday.",
            (EventType.ASSAULT, frozenset({"RUS"}), frozenset({"SYR"})),
        ),
        (
            "Chinese police detained dozens of Uyghur activists in Urumqi.",
            (EventType.COERCE, frozenset({"CHN"}), frozenset({"CHN"})),
        ),
        (
            "Georgian President Eduard Shevardnadze resigned in Tbilisi.",
            (EventType.RETREAT, frozenset({"GEO"}), frozenset({"GEO"})),
        ),
    ],
)
def test_relative_clauses_passives_and_patients(
    extractor: Extractor,
    text: str,
    expected: tuple[EventType, frozenset[str], frozenset[str]],
) -> None:
    assert expected in pairs(events(extractor, text))


def test_verbal_act_targets_the_author_of_what_it_answers(extractor: Extractor) -> None:
    found = pairs(events(extractor, "Japan rejected the demands in response to China's ultimatum."))
    assert (EventType.REJECT, frozenset({"JPN"}), frozenset({"CHN"})) in found


@pytest.mark.parametrize(
    ("text", "type_", "source", "target"),
    [
        (
            "The Kremlin said the decision amounted to theft and warned Britain of retaliation.",
            EventType.THREATEN,
            "RUS",
            "GBR",
        ),
        (
            "India's foreign ministry said the change was an internal matter and urged Pakistan "
            "to accept it.",
            EventType.REQUEST,
            "IND",
            "PAK",
        ),
    ],
)
def test_a_speakers_second_act_after_a_report_is_the_speakers(
    extractor: Extractor, text: str, type_: EventType, source: str, target: str
) -> None:
    assert (type_, frozenset({source}), frozenset({target})) in pairs(events(extractor, text))


def test_a_material_event_in_the_report_gets_no_speaker_source(extractor: Extractor) -> None:
    found = events(extractor, "Police said the fire started at night and killed two Kenyans.")
    assert not [e for e in found if e.type is EventType.ASSAULT]
