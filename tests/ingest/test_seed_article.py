"""The seed article end to end: its gold events, dates, places and its must-nots (model)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ingest.extract import Extractor
from ingest.nlp import load_pipeline
from ingest.readers import iter_items
from ontology.model import Event, ExtractionResult, Modality
from ontology.plover import EventType

pytestmark = pytest.mark.model

SEED = Path(__file__).resolve().parents[2] / "examples" / "cyprus-mail-blinken-lavrov.txt"
DEC_1, DEC_2 = dt.date(2021, 12, 1), dt.date(2021, 12, 2)


@pytest.fixture(scope="module")
def result() -> ExtractionResult:
    extractor = Extractor(load_pipeline("en_core_web_sm"))
    [item] = iter_items([SEED])
    [out] = extractor.extract_many([item])
    assert out.ok, out.error
    return out


def countries(actors: object) -> set[str]:
    return {a.country for a in actors if a.country}  # type: ignore[attr-defined]


def find(result: ExtractionResult, event_type: EventType, source: str, target: str) -> list[Event]:
    return [
        e
        for e in result.events
        if e.type is event_type
        and source in countries(e.source)
        and (
            target in countries(e.target)
            or (not target and not e.target)
            or target in {a.id for a in e.target}
        )
    ]


def test_document_date_inferred(result: ExtractionResult) -> None:
    assert result.article is not None
    assert result.article.published == DEC_2


def test_meeting_is_one_event_in_stockholm(result: ExtractionResult) -> None:
    meetings = [e for e in result.events if e.type is EventType.CONSULT]
    assert len(meetings) == 1
    [meeting] = meetings
    assert countries((*meeting.source, *meeting.target)) == {"USA", "RUS"}
    assert meeting.date == DEC_2
    assert meeting.place is not None and meeting.place.name == "Stockholm"
    assert meeting.place.country == "SWE"
    assert len(meeting.evidence) >= 2
    assert meeting.id.startswith("ev-")


def test_warning_delivered_in_stockholm(result: ExtractionResult) -> None:
    threats = [e for e in find(result, EventType.THREATEN, "USA", "RUS") if e.date == DEC_2]
    placed = [e for e in threats if e.place and e.place.name == "Stockholm"]
    assert placed
    assert any(len(e.evidence) >= 2 for e in placed)


def test_urge_and_reported_should(result: ExtractionResult) -> None:
    assert any(e.date == DEC_2 for e in find(result, EventType.REQUEST, "USA", "RUS"))
    both = [
        e for e in find(result, EventType.REQUEST, "USA", "UKR") if "RUS" in countries(e.target)
    ]
    assert both and both[0].date == DEC_2


def test_sanctions_threat_the_day_before(result: ExtractionResult) -> None:
    [threat] = [e for e in find(result, EventType.THREATEN, "USA", "RUS") if e.date == DEC_1]
    assert threat.modality is Modality.HYPOTHETICAL


def test_ready_for_dialogue(result: ExtractionResult) -> None:
    [event] = find(result, EventType.AGREE, "RUS", "UKR")
    assert event.cameo == "036"
    assert event.modality is Modality.FUTURE
    assert event.date == DEC_2


def test_troops_attributed_to_kyiv_and_undated(result: ExtractionResult) -> None:
    [event] = [e for e in result.events if e.type is EventType.MOBILIZE]
    assert countries(event.source) == {"RUS"}
    assert countries(event.attributed_to) == {"UKR"}
    assert event.date is None


def test_accusation(result: ExtractionResult) -> None:
    [event] = find(result, EventType.ACCUSE, "RUS", "UKR")
    assert event.date == DEC_2


def test_putin_conditional_threat_against_nato(result: ExtractionResult) -> None:
    [event] = [
        e
        for e in result.events
        if e.type is EventType.THREATEN and any(a.id == "org:NATO" for a in e.target)
    ]
    assert countries(event.source) == {"RUS"}
    assert event.modality is Modality.HYPOTHETICAL
    assert event.date is None


def test_must_nots(result: ExtractionResult) -> None:
    assert result.article is not None
    body = result.article.text
    assert "Related Posts" not in body
    for event in result.events:
        for evidence in event.evidence:
            for phrase in ("Taiwan", "grain", "nuclear plant", "heat alert", "4.5 billion"):
                assert phrase not in evidence.text
    actors = {a.id: a for a in result.actors}
    assert actors["person:antony-blinken"].kind.value == "person"
    assert actors["person:sergei-lavrov"].kind.value == "person"
    assert actors["state:UKR"].country == "UKR"
    assert all(
        e.place is None or e.place.name not in {"Blinken", "Washington"} for e in result.events
    )
    # no invasion, attack or war as events: they are conditions or background
    assert not [
        e
        for e in result.events
        if e.type is EventType.ASSAULT
        and e.evidence[0].start < len(body)
        and "Luhansk" not in e.evidence[0].text
    ]


def test_evidence_offsets_point_into_the_body(result: ExtractionResult) -> None:
    assert result.article is not None
    body = result.article.text
    for event in result.events:
        for evidence in event.evidence:
            if evidence.text in body:
                assert body[evidence.start : evidence.end] == evidence.text


def test_ids_are_unique(result: ExtractionResult) -> None:
    ids = [e.id for e in result.events]
    assert len(ids) == len(set(ids))


def test_meeting_in_a_third_country(result: ExtractionResult) -> None:
    [meeting] = [e for e in result.events if e.type is EventType.CONSULT]
    assert (meeting.cameo, meeting.mode) == ("044", "third-party")
