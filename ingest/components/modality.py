"""``dekg_modality_v1``: asserted, future, hypothetical, negated or historical — and the code
that follows from it.

- negated ("did not agree", "failed to reach agreement"): a trigger with a polarity-flipping
  code becomes that code (REJECT), otherwise the event is ``negated``;
- a condition attached to the clause ("… would be forced to act if NATO placed missiles",
  "ready to respond … in the event of a Russian attack") → ``hypothetical``;
- "will/would/ready to/willing to/plans to" → ``future``;
- an intention to cooperate is AGREE and an intention to act against someone THREATEN
  (``ingest.codes.intent_code``);
- a year before the document's year attached to the clause ("in 2014") → ``historical``.
"""

from __future__ import annotations

import dataclasses
import re

from spacy.language import Language
from spacy.tokens import Doc, Token

from ingest import clauses
from ingest.candidate import Candidate, get_candidates, set_candidates
from ingest.codes import COOPERATIVE, intent_code
from ingest.mentions import get_doc_date
from ontology.model import Modality
from ontology.plover import EventType

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_VERBAL = frozenset({EventType.REQUEST, EventType.ACCUSE, EventType.REJECT, EventType.THREATEN})
_HYPOTHETICAL_AUX = frozenset({"would", "could", "might"})


def _is_hypothetical(token: Token) -> bool:
    if clauses.condition_clauses(token):
        return True
    return bool(clauses.modal_aux(token) & _HYPOTHETICAL_AUX) and bool(
        clauses.sentence_conditions(token)
    )


def _historical(token: Token, doc_year: int | None) -> bool:
    if doc_year is None:
        return False
    for tok in clauses.clause_chain(token):
        for child in tok.children:
            if child.ent_type_ != "DATE" and child.dep_ != "prep":
                continue
            text = " ".join(t.text for t in child.subtree)
            years = [int(y) for y in _YEAR.findall(text)]
            if years and max(years) < doc_year:
                return True
    return False


def classify(candidate: Candidate, token: Token, doc_year: int | None) -> Candidate:
    """The candidate with its modality and the code that modality implies."""
    event_type, cameo = candidate.type, candidate.cameo
    modality = Modality.ASSERTED
    if clauses.is_negated(token):
        if candidate.negated is not None:
            event_type, cameo = candidate.negated
        else:
            modality = Modality.NEGATED
    elif _is_hypothetical(token):
        modality = Modality.HYPOTHETICAL
    elif clauses.is_intent(token):
        modality = Modality.FUTURE
    elif _historical(token, doc_year):
        modality = Modality.HISTORICAL
    if modality in {Modality.FUTURE, Modality.HYPOTHETICAL} and event_type not in _VERBAL:
        if "unless" in clauses.condition_marks(token) and event_type in COOPERATIVE:
            event_type, cameo = EventType.THREATEN, "130"
        else:
            event_type, cameo = intent_code(event_type, cameo)
    return dataclasses.replace(candidate, type=event_type, cameo=cameo, modality=modality)


class ModalityTagger:
    """The component: sets ``Candidate.modality`` and adjusts codes."""

    def __call__(self, doc: Doc) -> Doc:
        doc_date = get_doc_date(doc)
        year = doc_date.year if doc_date else None
        set_candidates(doc, [classify(c, doc[c.token], year) for c in get_candidates(doc)])
        return doc


@Language.factory("dekg_modality_v1", requires=["token.dep"])
def make_modality_tagger(nlp: Language, name: str) -> ModalityTagger:
    """Build the modality component."""
    return ModalityTagger()
