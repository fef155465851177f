"""``dekg_rule_triggers_v1``: trigger proposals from the lexicon rules (``ingest.triggers``).

Every token a rule matches, and every reported request ("He said Russia and Ukraine
should …"), becomes a one-token span in ``doc.spans["dekg_triggers"]`` labelled with its
PLOVER type; ``span._.dekg_trigger`` names the rule (``rule:<id>``).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from ingest import clauses
from ingest.proposals import TriggerInfo, propose
from ingest.triggers import Lexicon, default_lexicon
from ontology.plover import EventType

REQUEST_RULE_ID = "request-reported-modal"


def rule_proposal(lexicon: Lexicon, token: Token) -> tuple[EventType, TriggerInfo] | None:
    """The lexicon rule the token meets, as a proposal."""
    if token.dep_ in {"compound", "amod"} or lexicon.lemma_of(token) is None:
        return None
    rule = lexicon.match(token, intent=clauses.is_intent(token))
    if rule is None:
        return None
    negated = (
        (rule.negated_type, rule.negated_cameo)
        if rule.negated_type and rule.negated_cameo
        else None
    )
    return rule.type, TriggerInfo(rule.cameo, f"rule:{rule.id}", rule.confidence, negated)


def request_proposal(token: Token) -> tuple[Token, TriggerInfo] | None:
    """A reported "should/must" clause: the speaker requests it of the clause's subject."""
    if token.dep_ != "aux" or token.lower_ not in clauses.REQUEST_MODALS:
        return None
    verb = token.head
    speech = verb.head
    if verb.dep_ != "ccomp" or speech.lemma_.lower() not in clauses.SPEECH_VERBS:
        return None
    return speech, TriggerInfo("020", f"rule:{REQUEST_RULE_ID}", 0.7, complement=verb.i)


class RuleTriggers:
    """The component: lexicon matches → trigger spans."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            request = request_proposal(token)
            if request is not None:
                speech, info = request
                propose(doc, speech.i, speech.i + 1, EventType.REQUEST, info)
                continue
            found = rule_proposal(self.lexicon, token)
            if found is not None:
                propose(doc, token.i, token.i + 1, found[0], found[1])
        return doc


@Language.factory("dekg_rule_triggers_v1", requires=["token.dep", "token.lemma"])
def make_rule_triggers(nlp: Language, name: str) -> RuleTriggers:
    """Build the rule trigger proposer with the shipped lexicon."""
    return RuleTriggers(default_lexicon())
