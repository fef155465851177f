"""Requested, obliged, hoped-for and refused events, and the manual's types (real pipeline)."""

from __future__ import annotations

import pytest
from pipeline_cases import events

from ingest.extract import Extractor
from ontology.model import Event, Modality
from ontology.plover import EventType

pytestmark = pytest.mark.model


def summary(found: list[Event]) -> set[tuple[EventType, str, str, Modality]]:
    return {
        (
            e.type,
            ",".join(sorted(a.country or a.name for a in e.source)),
            ",".join(sorted(a.country or a.name for a in e.target)),
            e.modality,
        )
        for e in found
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Germany pressed Serbia to recognize Kosovo.",
            (EventType.REQUEST, "DEU", "SRB", Modality.ASSERTED),
        ),
        (
            "France wants Germany to sanction Russian banks.",
            (EventType.REQUEST, "FRA", "DEU", Modality.ASSERTED),
        ),
        (
            "Kyiv needs to negotiate with Moscow, the Turkish envoy said.",
            (EventType.REQUEST, "TUR", "UKR", Modality.ASSERTED),
        ),
    ],
)
def test_requested_and_obliged_events_are_the_askers_requests(
    extractor: Extractor, text: str, expected: tuple[EventType, str, str, Modality]
) -> None:
    found = summary(events(extractor, text))
    assert expected in found
    assert not any(
        t in {EventType.SUPPORT, EventType.SANCTION, EventType.CONSULT} for t, *_ in found
    )


@pytest.mark.parametrize(
    "text",
    [
        "Tokyo hopes Seoul will join the talks with Beijing.",
        "Tokyo hoped that Seoul would sanction Pyongyang.",
        "The two governments need to resume talks.",
    ],
)
def test_hoped_for_or_unattributed_obligations_are_not_events(
    extractor: Extractor, text: str
) -> None:
    assert events(extractor, text) == []


def test_own_wish_is_an_intention_not_a_request(extractor: Extractor) -> None:
    found = summary(events(extractor, "Iran wants to hold talks with Saudi Arabia."))
    assert (EventType.AGREE, "IRN", "SAU", Modality.FUTURE) in found
    assert not any(t is EventType.REQUEST for t, *_ in found)


def test_lexical_negation(extractor: Extractor) -> None:
    found = summary(events(extractor, "Japan avoided criticizing China."))
    assert found == {(EventType.ACCUSE, "JPN", "CHN", Modality.NEGATED)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sudan signed a trade deal with Egypt.", (EventType.AGREE, "SDN", "EGY")),
        ("Russia agreed to a truce with Ukraine.", (EventType.AGREE, "RUS", "UKR")),
        (
            "Egypt called for a ceasefire between Israel and Hamas.",
            (EventType.REQUEST, "EGY", "ISR,PSE"),
        ),
        (
            "Trump attacked Biden over his handling of the border.",
            (EventType.ACCUSE, "Trump", "USA"),
        ),
        ("In a speech, Erdogan attacked Israel.", (EventType.ACCUSE, "TUR", "ISR")),
        ("Rebels attacked a police station in Kidal.", (EventType.ASSAULT, "rebels", "police")),
    ],
)
def test_types_from_the_plover_manual(
    extractor: Extractor, text: str, expected: tuple[EventType, str, str]
) -> None:
    assert expected in {(t, s, g) for t, s, g, _ in summary(events(extractor, text))}


def test_signature_by_one_side_alone_stays_support(extractor: Extractor) -> None:
    found = events(extractor, "The Malian president signed a new charter on Friday.")
    assert all(e.type is not EventType.AGREE for e in found)


def test_hoped_is_read_as_hope_not_hop(extractor: Extractor) -> None:
    found = summary(events(extractor, "Iran hoped to sign a trade deal with Oman."))
    assert (EventType.AGREE, "IRN", "OMN", Modality.FUTURE) in found
