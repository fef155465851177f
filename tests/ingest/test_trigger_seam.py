"""The seam between trigger proposers and argument attachment (``ingest.proposals``)."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from ingest.candidate import get_candidates
from ingest.nlp import load_base, load_pipeline
from ingest.proposals import SPAN_KEY, TriggerInfo, TriggerSource, proposals, propose
from ontology.plover import EventType

pytestmark = pytest.mark.model

SENTENCE = "The United States imposed sanctions on Iran on Monday."


def test_rule_proposer_writes_typed_spans_with_rule_ids() -> None:
    doc = load_pipeline("en_core_web_sm")(SENTENCE)
    found = list(proposals(doc))
    assert [(s.text, s.label_) for s, _ in found] == [("imposed", "SANCTION")]
    info = found[0][1]
    assert info.source.startswith("rule:impose")
    assert info.cameo.startswith("16")
    [candidate] = get_candidates(doc)
    assert candidate.origin == info.source
    assert [a.country for a in candidate.source] == ["USA"]
    assert [a.country for a in candidate.target] == ["IRN"]


def test_overlapping_proposals_are_refused() -> None:
    doc = load_base("en_core_web_sm")(SENTENCE)
    info = TriggerInfo("040", "model", 0.9)
    assert propose(doc, 3, 4, EventType.SANCTION, info)
    assert not propose(doc, 2, 4, EventType.CONSULT, info)
    assert propose(doc, 0, 1, EventType.CONSULT, info)
    assert [s.text for s, _ in proposals(doc)] == ["The", "imposed"]


@Language.component("test_proposes_criticized")
def _proposes_criticized(doc: Doc) -> Doc:
    for token in doc:
        if token.lower_ == "criticized":
            propose(doc, token.i, token.i + 1, EventType.ACCUSE, TriggerInfo("111", "model", 0.6))
    return doc


def test_attachment_takes_whatever_is_proposed() -> None:
    from ingest.nlp import _add_dekg_components

    nlp = load_base("en_core_web_sm")
    _add_dekg_components(nlp, [], TriggerSource.RULES)
    nlp.remove_pipe("dekg_rule_triggers_v1")
    nlp.add_pipe("test_proposes_criticized", before="dekg_event_arguments_v1")
    doc = nlp("China criticized Japan over the visit.")
    assert SPAN_KEY in doc.spans
    [candidate] = get_candidates(doc)
    assert candidate.type is EventType.ACCUSE
    assert candidate.origin == "model"
    assert [a.country for a in candidate.source] == ["CHN"]
    assert [a.country for a in candidate.target] == ["JPN"]


def test_trigger_source_names_its_components() -> None:
    assert TriggerSource("both").factories == ("dekg_rule_triggers_v1", "dekg_model_triggers_v1")
    with pytest.raises(ValueError):
        load_pipeline("en_core_web_sm", triggers="guess")
