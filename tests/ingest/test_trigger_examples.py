"""Every rule of the shipped lexicon fires on its own example sentence, and none is shadowed.

The examples were written for this file from general news English (never from an
evaluation sentence); a rule whose example stops firing was broken by a change to the
matcher, the lexicon or the parser.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from ingest import clauses
from ingest.nlp import load_base
from ingest.trigger_shadow import shadowed_rules
from ingest.triggers import Lexicon, TriggerRule, default_lexicon, parse_rule

RULES = [
    r for lemma in sorted(default_lexicon()._by_lemma) for r in default_lexicon().rules_for(lemma)
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_base("en_core_web_sm")


def _fired(nlp: Language, lexicon: Lexicon, text: str) -> list[str]:
    out = []
    for token in nlp(text):
        if token.dep_ in {"compound", "amod"}:
            continue
        rule = lexicon.match(token, intent=clauses.is_intent(token))
        if rule is not None:
            out.append(rule.id)
    return out


@pytest.mark.model
@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_fires_on_its_example(nlp: Language, rule: TriggerRule) -> None:
    assert rule.id in _fired(nlp, default_lexicon(), rule.example), rule.example


def test_shipped_lexicon_has_no_shadowed_rule() -> None:
    assert shadowed_rules(RULES) == []


def _rule(rule_id: str, **conditions: object) -> TriggerRule:
    return parse_rule(
        {"id": rule_id, "lemma": "impose", "cameo": "163", "example": "x x x", **conditions}
    )


def test_a_rule_met_whenever_a_later_one_is_shadows_it() -> None:
    rules = [
        _rule("any-object", objects=["sanction", "tariff"]),
        _rule("tariff-only", objects=["tariff"]),
        _rule("tariff-on-entity", objects=["tariff"], object_entity=True),
        _rule("same-conditions", objects=["sanction", "tariff"]),
        _rule("curfew", objects=["curfew"]),
        _rule("with-prep", objects=["tariff"], preps=["on"]),
    ]
    found = dict(shadowed_rules(rules))
    assert found == {
        "tariff-only": "any-object",
        "same-conditions": "any-object",
    }  # "with-prep" is more specific, so it is tried before "any-object"


def test_intent_and_pos_conditions_do_not_shadow_wider_rules() -> None:
    rules = [
        _rule("intent", intent=True),
        _rule("plain"),
        _rule("noun", pos=["NOUN"]),
        _rule("verb-or-noun", pos=["VERB", "NOUN"]),
    ]
    # "intent" is tried first but does not hold outside intent; "plain" shadows nothing wider.
    assert dict(shadowed_rules(rules)) == {}
    assert dict(shadowed_rules([_rule("plain"), _rule("plain-again")])) == {"plain-again": "plain"}
