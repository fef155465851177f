"""One hand-written sentence per PLOVER category through the real pipeline (model)."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.extract import Extractor
from ingest.nlp import load_pipeline
from ontology.model import Article, Modality
from ontology.plover import EventType

pytestmark = pytest.mark.model

CASES = [
    (EventType.AGREE, "Japan agreed to resume talks with China on Monday.", "JPN", "CHN"),
    (EventType.CONSULT, "France held talks with Germany on Tuesday.", "FRA", "DEU"),
    (EventType.SUPPORT, "Brazil praised Argentina for its handling of the crisis.", "BRA", "ARG"),
    (EventType.CONCEDE, "Sudan's government lifted a state of emergency.", "SDN", ""),
    (EventType.COOPERATE, "Israel shared intelligence with Jordan.", "ISR", "JOR"),
    (EventType.AID, "Japan sent humanitarian aid to Nepal on Friday.", "JPN", "NPL"),
    (EventType.RETREAT, "Russia withdrew its troops from Georgia.", "RUS", "GEO"),
    (EventType.REQUEST, "Kenya urged Uganda to reopen the border.", "KEN", "UGA"),
    (EventType.ACCUSE, "Iran accused Iraq of violating the ceasefire.", "IRN", "IRQ"),
    (EventType.REJECT, "Turkey rejected a proposal from Greece.", "TUR", "GRC"),
    (EventType.THREATEN, "Pakistan threatened to impose sanctions on India.", "PAK", "IND"),
    (EventType.PROTEST, "Thousands of Serbian workers demonstrated in Belgrade.", "SRB", "SRB"),
    (EventType.SANCTION, "The United States imposed sanctions on Venezuela.", "USA", "VEN"),
    (EventType.MOBILIZE, "China deployed troops along its border with India.", "CHN", "IND"),
    (EventType.COERCE, "Israeli police arrested 20 Palestinian protesters.", "ISR", "PSE"),
    (EventType.ASSAULT, "Ethiopian forces attacked Eritrea on Monday.", "ETH", "ERI"),
]
DAY = dt.date(2024, 3, 7)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_pipeline("en_core_web_sm"))


def run(extractor: Extractor, text: str) -> list[tuple[EventType, set[str], set[str]]]:
    result = extractor.extract(Article(id="case", text=text, published=DAY))
    assert result.ok, result.error
    return [
        (
            e.type,
            {a.country for a in e.source if a.country},
            {a.country for a in e.target if a.country},
        )
        for e in result.events
    ]


def test_every_category_is_covered() -> None:
    assert {case[0] for case in CASES} == set(EventType)


@pytest.mark.parametrize(("event_type", "text", "source", "target"), CASES)
def test_category_sentence(
    extractor: Extractor, event_type: EventType, text: str, source: str, target: str
) -> None:
    events = run(extractor, text)
    assert any(
        t is event_type and source in s and (target in g if target else not g) for t, s, g in events
    ), events


def test_intent_to_cooperate_is_agree(extractor: Extractor) -> None:
    result = extractor.extract(
        Article(
            id="x", text="Finland will give Tanzania a grant of 5 million dollars.", published=DAY
        )
    )
    [event] = result.events
    assert event.type is EventType.AGREE
    assert event.cameo.startswith("03")
    assert event.modality is Modality.FUTURE


def test_condition_is_not_an_event(extractor: Extractor) -> None:
    text = "Germany warned Russia of sanctions if it invaded Ukraine."
    events = run(extractor, text)
    assert all(t is not EventType.ASSAULT for t, _, _ in events)
    assert any(t is EventType.THREATEN and "DEU" in s and "RUS" in g for t, s, g in events)


def test_negated_agreement_is_a_rejection(extractor: Extractor) -> None:
    events = run(extractor, "Serbia did not agree to the plan of Kosovo.")
    assert [t for t, _, _ in events] == [EventType.REJECT]


def test_nominal_war_is_not_an_event(extractor: Extractor) -> None:
    assert run(extractor, "The crisis followed a war between Armenia and Azerbaijan.") == []
