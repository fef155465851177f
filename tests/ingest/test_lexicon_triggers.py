"""The CAMEO verb lexicon proposer (``dekg_lexicon_triggers_v1``), on invented sentences."""

from __future__ import annotations

import pytest
from spacy.language import Language

from ingest.candidate import get_candidates
from ingest.components.lexicon_triggers import SCORE, LexiconTriggers
from ingest.lexicon_verbs import VerbLexicon
from ingest.nlp import load_base, load_pipeline
from ingest.proposals import TriggerSource, proposals

pytestmark = pytest.mark.model

# An invented lexicon: which entry wins is what is tested, not the shipped codes.
TINY = VerbLexicon(
    verbs={"scold": "111", "close": "160", "call": "040"},
    phrases={"call off": "160"},
    objects={"close border": "172", "call envoy": "026"},
)


@pytest.fixture(scope="module")
def base() -> Language:
    return load_base("en_core_web_sm")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Spain scolded Morocco over the fishing deal.", [("scolded", "ACCUSE", "111", "scold")]),
        ("Russia closed the border with Georgia.", [("closed", "COERCE", "172", "close border")]),
        ("Russia closed the factory.", [("closed", "SANCTION", "160", "close")]),
        ("Iran called off the visit of the envoy.", [("called", "SANCTION", "160", "call off")]),
        ("The minister said the weather was fine.", []),
    ],
)
def test_the_most_specific_entry_is_proposed(
    base: Language, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    doc = LexiconTriggers(TINY)(base(text))
    found = [
        (s.text, s.label_, i.cameo, i.source.removeprefix("lexicon:")) for s, i in proposals(doc)
    ]
    assert found == expected
    assert all(i.score == SCORE for _, i in proposals(doc))


@pytest.mark.parametrize(
    ("text", "trigger", "source"),
    [
        # no hand rule knows these verbs: the lexicon proposes them
        ("Turkey indicted three French journalists.", "indicted", "lexicon:indict"),
        ("Russia closed the border with Georgia.", "closed", "lexicon:close border"),
        # a hand rule fired: the lexicon adds nothing beside it
        ("The United States imposed sanctions on Iran on Monday.", "imposed", "rule:"),
        # the complement of a rule's trigger is not a second event
        ("France agreed to reimpose the curfew in Algeria.", "agreed", "rule:"),
    ],
)
def test_pipeline_proposes_the_lexicon_only_where_no_rule_fired(
    text: str, trigger: str, source: str
) -> None:
    doc = load_pipeline("en_core_web_sm", triggers=TriggerSource.RULES_LEXICON)(text)
    found = list(proposals(doc))
    assert [s.text for s, _ in found] == [trigger]
    assert found[0][1].source.startswith(source)
    assert [c.origin for c in get_candidates(doc)] == [found[0][1].source]


def test_rules_alone_do_not_run_the_lexicon() -> None:
    doc = load_pipeline("en_core_web_sm")("Turkey indicted three French journalists.")
    assert list(proposals(doc)) == []
    assert TriggerSource.RULES_LEXICON.factories[-1] == "dekg_lexicon_triggers_v1"
