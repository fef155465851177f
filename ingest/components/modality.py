"""``dekg_modality_v1``: asserted, future, hypothetical, negated or historical — and the code
that follows from it.

- the PLOVER manual's types first (``ingest.plover_types``: signing a deal is AGREE, a verbal
  "attack" ACCUSE);
- requested ("urged Russia to agree to a ceasefire", ``ingest.framing``): not an event of its
  own but the requester's REQUEST of whoever is asked; obliged ("need to", "must") in a
  reported clause: the speaker's REQUEST (a first-person obligation is an intention); hoped
  for by someone else, or obliged with nobody asking: no event;
- negated ("did not agree", "failed to reach agreement", "reluctance to endorse"): a trigger
  with a polarity-flipping code becomes that code (REJECT), otherwise the event is
  ``negated``;
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

from ingest import clauses, framing
from ingest.arguments import source_actors
from ingest.candidate import Candidate, get_candidates, set_candidates
from ingest.codes import COOPERATIVE, intent_code, refine
from ingest.mentions import get_doc_date
from ingest.plover_types import manual_type
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


def _requested(candidate: Candidate, token: Token, asker: Token) -> Candidate | None:
    """The requester's REQUEST of the asked party; ``None`` when the requester is unknown."""
    source = tuple(source_actors(token.doc, asker)[0])
    if not source:
        return None
    event_type, cameo = refine((EventType.REQUEST, "020"), (candidate.type, candidate.cameo))
    source_ids = {a.id for a in source}
    asked = tuple(a for a in candidate.source if a.id not in source_ids)
    return dataclasses.replace(
        candidate,
        type=event_type,
        cameo=cameo,
        source=source,
        target=asked or tuple(a for a in candidate.target if a.id not in source_ids),
        negated=None,
        token=asker.i,
        trigger_text=asker.text,
    )


def _framed(candidate: Candidate, token: Token) -> Candidate | None:
    """A requested, obliged or hoped-for event as what it is (see the module docstring);
    the candidate itself when nothing frames it."""
    asker = framing.requester(token)
    if asker is not None:
        return _requested(candidate, token, asker)
    if framing.hoped_for(token):
        return None
    if not framing.obliged(token):
        return candidate
    speech = clauses.speech_verb_of(token)
    speaker = source_actors(token.doc, speech)[0] if speech is not None else []
    if speech is None or not speaker:
        return None
    if {a.id for a in speaker} & {a.id for a in candidate.source}:
        event_type, cameo = intent_code(candidate.type, candidate.cameo)  # "we must act"
        return dataclasses.replace(
            candidate, type=event_type, cameo=cameo, modality=Modality.FUTURE
        )
    return _requested(candidate, token, speech)


def classify(candidate: Candidate, token: Token, doc_year: int | None) -> Candidate | None:
    """The candidate with its modality and the code that modality implies (``None``: the
    text does not report it as an event)."""
    parties = len(candidate.source) + len(candidate.target)
    event_type, cameo = manual_type(token, candidate.type, candidate.cameo, parties=parties)
    typed = dataclasses.replace(candidate, type=event_type, cameo=cameo)
    framed = _framed(typed, token)
    if framed is not typed:
        return framed
    modality = Modality.ASSERTED
    if clauses.is_negated(token) or framing.lexically_negated(token):
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
    return dataclasses.replace(typed, type=event_type, cameo=cameo, modality=modality)


class ModalityTagger:
    """The component: sets ``Candidate.modality`` and adjusts codes."""

    def __call__(self, doc: Doc) -> Doc:
        doc_date = get_doc_date(doc)
        year = doc_date.year if doc_date else None
        classified = [classify(c, doc[c.token], year) for c in get_candidates(doc)]
        set_candidates(doc, [c for c in classified if c is not None])
        return doc


@Language.factory("dekg_modality_v1", requires=["token.dep"])
def make_modality_tagger(nlp: Language, name: str) -> ModalityTagger:
    """Build the modality component."""
    return ModalityTagger()
