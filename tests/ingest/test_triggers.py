"""The trigger lexicon: its data file, its loader and rule matching on hand-built parses."""

from __future__ import annotations

import json

import pytest
import spacy
from spacy.tokens import Doc

from ingest.triggers import Lexicon, LexiconError, default_lexicon, load_rules, parse_rule
from ontology.plover import EventType, cameo_table

VOCAB = spacy.blank("en").vocab


def parsed(
    words: list[str], heads: list[int], deps: list[str], lemmas: list[str], pos: list[str]
) -> Doc:
    return Doc(VOCAB, words=words, heads=heads, deps=deps, lemmas=lemmas, pos=pos)


def test_shipped_lexicon_is_valid_and_covers_every_category() -> None:
    lexicon = default_lexicon()
    rules = [r for lemma in ("meet", "impose", "attack") for r in lexicon.rules_for(lemma)]
    assert rules
    assert len(lexicon) > 300
    table = cameo_table()
    types: set[EventType] = set()
    for lemma in list(lexicon._by_lemma):
        for rule in lexicon.rules_for(lemma):
            assert rule.cameo in table, rule
            types.add(rule.type)
    assert types == set(EventType)


def test_rules_are_sorted_most_specific_first() -> None:
    rules = default_lexicon().rules_for("impose")
    assert [r.specificity for r in rules] == sorted((r.specificity for r in rules), reverse=True)


def test_parse_rule_reads_conditions() -> None:
    rule = parse_rule(
        {
            "id": "impose-163",
            "example": "Washington imposed sanctions on Iran.",
            "lemma": "Impose",
            "cameo": "163",
            "type": "SANCTION",
            "objects": ["sanction"],
            "negated_cameo": "120",
        }
    )
    assert rule.lemma == "impose"
    assert rule.type is EventType.SANCTION
    assert rule.objects == frozenset({"sanction"})
    assert rule.negated_type is EventType.REJECT
    assert rule.pos == frozenset({"VERB"})


@pytest.mark.parametrize(
    "entry",
    [
        {"cameo": "040"},
        {"lemma": "meet"},
        {"lemma": "meet", "cameo": "999"},
        {"lemma": "meet", "cameo": "040", "type": "PARTY"},
        {"lemma": "meet", "cameo": "040", "objects": 3},
        {"lemma": "meet", "cameo": "040", "confidence": "high"},
        {"lemma": "meet", "cameo": "040", "object": ["talks"]},
        {"lemma": "meet", "cameo": "040", "id": None},
        {"lemma": "meet", "cameo": "040", "id": "Has Spaces"},
        {"lemma": "meet", "cameo": "040", "example": None},
        {"lemma": "meet", "cameo": "040", "pos": ["VERBS"]},
    ],
)
def test_bad_entries_are_refused(entry: dict[str, object]) -> None:
    with pytest.raises(LexiconError):
        parse_rule({"id": "meet-040", "example": "They met.", **entry})


def test_load_rules_needs_a_list() -> None:
    with pytest.raises(LexiconError):
        load_rules(json.dumps({"rules": []}))
    with pytest.raises(LexiconError):
        load_rules("{not json")
    with pytest.raises(LexiconError, match="Extra inputs"):
        load_rules(json.dumps({"triggers": [], "rules": []}))
    meet = {"id": "meet-040", "lemma": "meet", "cameo": "040", "example": "They met."}
    with pytest.raises(LexiconError, match="duplicate rule id"):
        load_rules(json.dumps({"triggers": [meet, meet]}))
    assert load_rules(json.dumps({"triggers": [meet]}))


def test_object_condition_selects_the_code() -> None:
    lexicon = Lexicon(
        load_rules(
            json.dumps(
                {
                    "triggers": [
                        {
                            "id": "impose-163",
                            "lemma": "impose",
                            "cameo": "163",
                            "type": "SANCTION",
                            "objects": ["sanction"],
                            "example": "Russia imposed sanctions.",
                        },
                        {
                            "id": "impose-1723",
                            "lemma": "impose",
                            "cameo": "1723",
                            "objects": ["curfew"],
                            "example": "Police imposed a curfew.",
                        },
                    ]
                }
            )
        )
    )
    sanctions = parsed(
        ["Russia", "imposed", "sanctions"],
        [1, 1, 1],
        ["nsubj", "ROOT", "dobj"],
        ["Russia", "impose", "sanction"],
        ["PROPN", "VERB", "NOUN"],
    )
    curfew = parsed(
        ["Police", "imposed", "a", "curfew"],
        [1, 1, 3, 1],
        ["nsubj", "ROOT", "det", "dobj"],
        ["police", "impose", "a", "curfew"],
        ["NOUN", "VERB", "DET", "NOUN"],
    )
    bare = parsed(
        ["Police", "imposed", "order"],
        [1, 1, 1],
        ["nsubj", "ROOT", "dobj"],
        ["police", "impose", "order"],
        ["NOUN", "VERB", "NOUN"],
    )
    first = lexicon.match(sanctions[1])
    second = lexicon.match(curfew[1])
    assert first is not None and first.cameo == "163"
    assert second is not None and second.cameo == "1723"
    assert lexicon.match(bare[1]) is None


def test_preposition_intent_and_governor_conditions() -> None:
    lexicon = default_lexicon()
    call_on = parsed(
        ["Kenya", "called", "on", "Uganda"],
        [1, 1, 1, 2],
        ["nsubj", "ROOT", "prep", "pobj"],
        ["Kenya", "call", "on", "Uganda"],
        ["PROPN", "VERB", "ADP", "PROPN"],
    )
    rule = lexicon.match(call_on[1])
    assert rule is not None and rule.type is EventType.REQUEST
    respond = parsed(
        ["They", "respond"], [1, 1], ["nsubj", "ROOT"], ["they", "respond"], ["PRON", "VERB"]
    )
    assert lexicon.match(respond[1]) is None
    intent = lexicon.match(respond[1], intent=True)
    assert intent is not None and intent.type is EventType.THREATEN
    forced = parsed(
        ["Russia", "was", "forced", "to", "act"],
        [2, 2, 2, 4, 2],
        ["nsubjpass", "auxpass", "ROOT", "aux", "xcomp"],
        ["Russia", "be", "force", "to", "act"],
        ["PROPN", "AUX", "VERB", "PART", "VERB"],
    )
    act = lexicon.match(forced[4])
    assert act is not None and act.cameo == "138"


def test_excluded_intransitive_and_clausal_conditions() -> None:
    lexicon = default_lexicon()
    comment = parsed(
        ["Malawi", "refused", "to", "comment"],
        [1, 1, 3, 1],
        ["nsubj", "ROOT", "aux", "xcomp"],
        ["Malawi", "refuse", "to", "comment"],
        ["PROPN", "VERB", "PART", "VERB"],
    )
    assert lexicon.match(comment[1]) is None
    show = parsed(
        ["Japan", "demonstrated", "strength"],
        [1, 1, 1],
        ["nsubj", "ROOT", "dobj"],
        ["Japan", "demonstrate", "strength"],
        ["PROPN", "VERB", "NOUN"],
    )
    assert lexicon.match(show[1]) is None
    march = parsed(
        ["Students", "demonstrated"],
        [1, 1],
        ["nsubj", "ROOT"],
        ["student", "demonstrate"],
        ["NOUN", "VERB"],
    )
    protest = lexicon.match(march[1])
    assert protest is not None and protest.type is EventType.PROTEST
    evidence = parsed(
        ["He", "offered", "no", "evidence"],
        [1, 1, 3, 1],
        ["nsubj", "ROOT", "det", "dobj"],
        ["he", "offer", "no", "evidence"],
        ["PRON", "VERB", "DET", "NOUN"],
    )
    assert lexicon.match(evidence[1]) is None
    negotiate = parsed(
        ["Putin", "offered", "to", "negotiate"],
        [1, 1, 3, 1],
        ["nsubj", "ROOT", "aux", "xcomp"],
        ["Putin", "offer", "to", "negotiate"],
        ["PROPN", "VERB", "PART", "VERB"],
    )
    offer = lexicon.match(negotiate[1])
    assert offer is not None and offer.type is EventType.AGREE
