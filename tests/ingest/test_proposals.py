"""How the model's proposals combine with the rules' (``ingest.proposals.governing_rules``)."""

from __future__ import annotations

import pytest

from ingest.components.rule_triggers import RuleTriggers
from ingest.nlp import load_base
from ingest.proposals import governing_rules, proposals
from ingest.triggers import default_lexicon

pytestmark = pytest.mark.model


def _ruled(text: str) -> tuple[list[str], set[str]]:
    doc = RuleTriggers(default_lexicon())(load_base("en_core_web_sm")(text))
    return [s.text for s, _ in proposals(doc)], {doc[i].text for i in governing_rules(doc)}


def test_words_governing_a_rule_trigger_are_closed_to_the_model() -> None:
    # "respond" (a rule's THREATEN) is the complement of "declaring": a model trigger on
    # "declaring" would swallow it. "flew" is a happening of its own, placed by "after".
    triggers, ruled = _ruled(
        "Blinken flew home a day after declaring that Washington was ready to respond."
    )
    assert triggers == ["respond"]
    assert ruled == {"respond", "ready", "was", "declaring"}


def test_a_conjoined_clause_stays_open_to_the_model() -> None:
    triggers, ruled = _ruled("Russia imposed sanctions on Ukraine and the talks collapsed.")
    assert triggers == ["imposed"]
    assert ruled == {"imposed"}


def test_no_rule_no_closed_word() -> None:
    assert _ruled("Copper prices rose on Friday.") == ([], set())


def test_in_both_the_rules_type_wins_over_a_governing_model_trigger() -> None:
    from ingest.nlp import load_pipeline

    text = (
        "Blinken flew home a day after declaring that Washington was ready to respond "
        "resolutely, including with hard-hitting sanctions."
    )
    alone = [
        (s.text, s.label_)
        for s, _ in proposals(load_pipeline("en_core_web_sm", triggers="model")(text))
    ]
    both = [
        (s.text, s.label_)
        for s, _ in proposals(load_pipeline("en_core_web_sm", triggers="both")(text))
    ]
    # The shipped model alone calls "declaring" a COERCE, which would take "respond" as its
    # complement; in both, the rule's THREATEN stands and the model adds nothing there.
    assert ("declaring", "COERCE") in alone
    assert ("respond", "THREATEN") in both
    assert all(word != "declaring" for word, _ in both)
