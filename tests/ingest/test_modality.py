"""Modality and the codes it implies, on hand-built parses (``dekg_modality_v1`` logic)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from ingest import clauses
from ingest.candidate import Candidate
from ingest.components.modality import classify
from ontology.model import Actor, ActorKind, Modality
from ontology.plover import EventType

VOCAB = spacy.blank("en").vocab
JPN = Actor(id="state:JPN", name="Japan", kind=ActorKind.STATE, country="JPN")


def build(rows: list[tuple[str, int, str, str, str]]) -> Doc:
    words, heads, deps, lemmas, pos = (list(x) for x in zip(*rows, strict=True))
    return Doc(VOCAB, words=words, heads=heads, deps=deps, lemmas=lemmas, pos=pos)


def candidate(
    token: int, event_type: EventType, cameo: str, negated: tuple[EventType, str] | None = None
) -> Candidate:
    return Candidate(
        token=token,
        sent_start=0,
        sent_end=8,
        type=event_type,
        cameo=cameo,
        source=(JPN,),
        target=(),
        negated=negated,
    )


def test_future_aid_is_an_intention_to_aid() -> None:
    doc = build(
        [
            ("Japan", 2, "nsubj", "Japan", "PROPN"),
            ("will", 2, "aux", "will", "AUX"),
            ("send", 2, "ROOT", "send", "VERB"),
            ("aid", 2, "dobj", "aid", "NOUN"),
        ]
    )
    out = classify(candidate(2, EventType.AID, "070"), doc[2], 2024)
    assert (out.type, out.cameo, out.modality) == (EventType.AGREE, "033", Modality.FUTURE)


def test_future_attack_is_a_threat() -> None:
    doc = build(
        [
            ("Japan", 2, "nsubj", "Japan", "PROPN"),
            ("would", 2, "aux", "would", "AUX"),
            ("attack", 2, "ROOT", "attack", "VERB"),
        ]
    )
    out = classify(candidate(2, EventType.ASSAULT, "190"), doc[2], 2024)
    assert (out.type, out.cameo) == (EventType.THREATEN, "138")


def test_negation_flips_polarity_or_marks_negated() -> None:
    doc = build(
        [
            ("Japan", 3, "nsubj", "Japan", "PROPN"),
            ("did", 3, "aux", "do", "AUX"),
            ("not", 3, "neg", "not", "PART"),
            ("agree", 3, "ROOT", "agree", "VERB"),
        ]
    )
    flipped = classify(
        candidate(3, EventType.AGREE, "030", (EventType.REJECT, "120")), doc[3], 2024
    )
    assert (flipped.type, flipped.modality) == (EventType.REJECT, Modality.ASSERTED)
    negated = classify(candidate(3, EventType.CONSULT, "040"), doc[3], 2024)
    assert (negated.type, negated.modality) == (EventType.CONSULT, Modality.NEGATED)


def test_failing_to_agree_is_negation() -> None:
    doc = build(
        [
            ("Japan", 1, "nsubj", "Japan", "PROPN"),
            ("failed", 1, "ROOT", "fail", "VERB"),
            ("to", 3, "aux", "to", "PART"),
            ("reach", 1, "xcomp", "reach", "VERB"),
            ("agreement", 3, "dobj", "agreement", "NOUN"),
        ]
    )
    assert clauses.is_negated(doc[3])
    out = classify(candidate(3, EventType.AGREE, "030", (EventType.REJECT, "120")), doc[3], 2024)
    assert out.type is EventType.REJECT


def test_consequence_of_a_condition_is_hypothetical_and_condition_is_no_event() -> None:
    doc = build(
        [
            ("Japan", 2, "nsubj", "Japan", "PROPN"),
            ("would", 2, "aux", "would", "AUX"),
            ("retaliate", 2, "ROOT", "retaliate", "VERB"),
            ("if", 5, "mark", "if", "SCONJ"),
            ("China", 5, "nsubj", "China", "PROPN"),
            ("attacked", 2, "advcl", "attack", "VERB"),
        ]
    )
    out = classify(candidate(2, EventType.THREATEN, "138"), doc[2], 2024)
    assert out.modality is Modality.HYPOTHETICAL
    assert clauses.in_condition(doc[5])
    assert not clauses.in_condition(doc[2])


def test_unless_turns_an_offer_into_a_threat() -> None:
    doc = build(
        [
            ("Japan", 2, "nsubj", "Japan", "PROPN"),
            ("will", 2, "aux", "will", "AUX"),
            ("withdraw", 2, "ROOT", "withdraw", "VERB"),
            ("unless", 5, "mark", "unless", "SCONJ"),
            ("China", 5, "nsubj", "China", "PROPN"),
            ("pays", 2, "advcl", "pay", "VERB"),
        ]
    )
    out = classify(candidate(2, EventType.RETREAT, "087"), doc[2], 2024)
    assert (out.type, out.cameo) == (EventType.THREATEN, "130")


def test_plain_past_is_asserted() -> None:
    doc = build(
        [("Japan", 1, "nsubj", "Japan", "PROPN"), ("attacked", 1, "ROOT", "attack", "VERB")]
    )
    out = classify(candidate(1, EventType.ASSAULT, "190"), doc[1], 2024)
    assert (out.type, out.modality) == (EventType.ASSAULT, Modality.ASSERTED)
