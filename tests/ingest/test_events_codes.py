"""CAMEO arithmetic: intentions, threats, refinement by the complement (property tests)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ingest.codes import COOPERATIVE, MATERIAL_CONFLICT, intent_code, refine
from ontology.plover import EventType, cameo_table

CODES = sorted(c for c in cameo_table() if len(c) >= 3)
PAIRS = st.sampled_from(CODES).map(lambda c: (cameo_table()[c].type, c))


@given(PAIRS)
def test_intent_codes_are_valid(pair: tuple[EventType, str]) -> None:
    event_type, code = intent_code(*pair)
    assert code in cameo_table()
    if pair[0] in COOPERATIVE:
        assert event_type is EventType.AGREE and code.startswith("03")
    elif pair[0] in MATERIAL_CONFLICT:
        assert event_type is EventType.THREATEN and code.startswith("13")
    else:
        assert (event_type, code) == pair


@given(PAIRS, PAIRS)
def test_refined_codes_are_valid(
    governing: tuple[EventType, str], embedded: tuple[EventType, str]
) -> None:
    event_type, code = refine(governing, embedded)
    assert code in cameo_table()
    assert isinstance(event_type, EventType)


def test_examples() -> None:
    assert refine((EventType.AGREE, "030"), (EventType.CONSULT, "046")) == (EventType.AGREE, "036")
    assert refine((EventType.THREATEN, "130"), (EventType.COERCE, "1722")) == (
        EventType.THREATEN,
        "1322",
    )
    assert refine((EventType.REJECT, "120"), (EventType.CONSULT, "040")) == (
        EventType.REJECT,
        "125",
    )
    assert refine((EventType.ACCUSE, "112"), (EventType.ASSAULT, "190")) == (
        EventType.ACCUSE,
        "112",
    )
    assert intent_code(EventType.AID, "072") == (EventType.AGREE, "0332")
    assert intent_code(EventType.SANCTION, "163") == (EventType.THREATEN, "1312")
