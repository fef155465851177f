"""The trigger lexicon: its data file, its loader and rule matching on hand-built parses."""

from __future__ import annotations

import json

import pytest
import spacy
from spacy.tokens import Doc

from ingest.triggers import Lexicon, LexiconError, default_lexicon, load_rules, parse_rule
from ontology.plover import EventType, cameo_table

VOCAB = spacy.blank("en").vocab


def parsed(tokens: str) -> Doc:
    """A hand-built parse: ``word lemma POS dep head`` per token, tokens joined by " | "."""
    rows = [t.split() for t in tokens.split(" | ")]
    return Doc(
        VOCAB,
        words=[r[0] for r in rows],
        lemmas=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        deps=[r[3] for r in rows],
        heads=[int(r[4]) for r in rows],
    )


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
        "Russia Russia PROPN nsubj 1 | imposed impose VERB ROOT 1 | sanctions sanction NOUN dobj 1"
    )
    curfew = parsed(
        "Police police NOUN nsubj 1 | imposed impose VERB ROOT 1 | a a DET det 3"
        " | curfew curfew NOUN dobj 1"
    )
    bare = parsed(
        "Police police NOUN nsubj 1 | imposed impose VERB ROOT 1 | order order NOUN dobj 1"
    )
    first = lexicon.match(sanctions[1])
    second = lexicon.match(curfew[1])
    assert first is not None and first.cameo == "163"
    assert second is not None and second.cameo == "1723"
    assert lexicon.match(bare[1]) is None


@pytest.mark.parametrize(
    ("tokens", "index", "intent", "expected"),
    [
        # an appeal by its preposition
        ("Kenya Kenya PROPN nsubj 1 | called call VERB ROOT 1 | on on ADP prep 1"
         " | Uganda Uganda PROPN pobj 2", 1, False, "REQUEST"),
        # "respond" is a threat only as an intention
        ("They they PRON nsubj 1 | respond respond VERB ROOT 1", 1, False, None),
        ("They they PRON nsubj 1 | respond respond VERB ROOT 1", 1, True, "THREATEN"),
        # the governor selects the code: "forced to act" → 138
        ("Russia Russia PROPN nsubjpass 2 | was be AUX auxpass 2 | forced force VERB ROOT 2"
         " | to to PART aux 4 | act act VERB xcomp 2", 4, False, "138"),
        # excluded clausal complement, object and intransitive readings
        ("Malawi Malawi PROPN nsubj 1 | refused refuse VERB ROOT 1 | to to PART aux 3"
         " | comment comment VERB xcomp 1", 1, False, None),
        ("Japan Japan PROPN nsubj 1 | demonstrated demonstrate VERB ROOT 1"
         " | strength strength NOUN dobj 1", 1, False, None),
        ("Students student NOUN nsubj 1 | demonstrated demonstrate VERB ROOT 1", 1, False,
         "PROTEST"),
        ("He he PRON nsubj 1 | offered offer VERB ROOT 1 | no no DET det 3"
         " | evidence evidence NOUN dobj 1", 1, False, None),
        ("Putin Putin PROPN nsubj 1 | offered offer VERB ROOT 1 | to to PART aux 3"
         " | negotiate negotiate VERB xcomp 1", 1, False, "AGREE"),
    ],
)  # fmt: skip
def test_shipped_rules_on_hand_built_parses(
    tokens: str, index: int, intent: bool, expected: str | None
) -> None:
    """``expected``: the matched rule's type, or its code when it is a number; None: no rule."""
    rule = default_lexicon().match(parsed(tokens)[index], intent=intent)
    if expected is None:
        assert rule is None
    else:
        assert rule is not None
        assert (rule.cameo if expected.isdigit() else rule.type.value) == expected
