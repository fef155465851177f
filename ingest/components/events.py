"""``dekg_events_v1``: event triggers with their CAMEO code and their source/target actors.

For every sentence: lexicon triggers (``ingest.triggers``) and reported requests ("He said
Russia and Ukraine should …"); a trigger inside the complement of another one ("agreed to
share information", "accuses Kyiv of pursuing a build-up") refines the governing trigger's
code instead of standing alone; triggers inside the condition of a conditional ("if Russia
invaded Ukraine") are not events. The arguments come from ``ingest.arguments``. The result is a
list of ``ingest.candidate.Candidate`` in ``Doc._.dekg_events``; modality, time, place and
merging come later.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ingest import clauses
from ingest.arguments import actors_at, arguments_of, fallback_target
from ingest.candidate import Candidate, set_candidates
from ingest.codes import refine
from ingest.triggers import Lexicon, default_lexicon
from ontology.plover import EventType, quad_class

# Arcs that separate two events rather than embed one in the other.
_SEPARATE_DEPS = frozenset({"conj", "advcl", "parataxis", "relcl", "appos"})
_TEMPORAL_PREPS = frozenset({"after", "before", "since", "while", "during", "until"})


@dataclass(slots=True)
class _Match:
    token: Token
    type: EventType
    cameo: str
    confidence: float
    negated: tuple[EventType, str] | None
    refined_by: tuple[str, ...] = ()
    complement: Token | None = None  # the requested clause of a reported "should"


def _rule_match(lexicon: Lexicon, token: Token) -> _Match | None:
    if token.lemma_.lower() not in lexicon or token.dep_ in {"compound", "amod"}:
        return None
    rule = lexicon.match(token, intent=clauses.is_intent(token))
    if rule is None:
        return None
    negated = (
        (rule.negated_type, rule.negated_cameo)
        if rule.negated_type and rule.negated_cameo
        else None
    )
    return _Match(token, rule.type, rule.cameo, rule.confidence, negated)


def _request_match(token: Token) -> _Match | None:
    """A reported "should/must" clause: the speaker requests it of the clause's subject."""
    if token.dep_ != "aux" or token.lower_ not in clauses.REQUEST_MODALS:
        return None
    verb = token.head
    speech = verb.head
    if verb.dep_ != "ccomp" or speech.lemma_.lower() not in clauses.SPEECH_VERBS:
        return None
    return _Match(speech, EventType.REQUEST, "020", 0.7, None, complement=verb)


def find_matches(sent: Span, lexicon: Lexicon) -> list[_Match]:
    """Trigger matches of a sentence, one per token."""
    found: dict[int, _Match] = {}
    for token in sent:
        match = _request_match(token) or _rule_match(lexicon, token)
        if match is not None and match.token.i not in found:
            found[match.token.i] = match
    return list(found.values())


_VERBAL_GOVERNORS = frozenset(
    {EventType.AGREE, EventType.THREATEN, EventType.REJECT, EventType.REQUEST}
)
_COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl"})


def _governor(match: _Match, by_token: dict[int, _Match]) -> tuple[_Match, bool] | None:
    """The trigger whose complement contains this one, if any, and whether it is the direct
    complement (which then refines the governor's code)."""
    current = match.token
    for steps, (head, dep) in enumerate(clauses.ancestors(current), start=1):
        to_clause = dep == "advcl" and clauses.has_to(current) and steps == 1
        if dep in _SEPARATE_DEPS and not to_clause:
            return None
        if current.dep_ == "pcomp" and head.lower_ in _TEMPORAL_PREPS:
            return None
        governing = by_token.get(head.i)
        if governing is not None:
            if to_clause and governing.type not in _VERBAL_GOVERNORS:
                return None
            return governing, steps <= 2 and dep in _COMPLEMENT_DEPS | {"advcl"}
        if head.lemma_.lower() in clauses.SPEECH_VERBS:
            return None
        current = head
    return None


def resolve_embedding(matches: list[_Match]) -> list[_Match]:
    """Drop triggers embedded in another trigger's complement, refining the governor."""
    by_token = {m.token.i: m for m in matches}
    kept: list[_Match] = []
    for match in sorted(matches, key=lambda m: -m.token.i):
        found = _governor(match, by_token)
        if found is None:
            kept.append(match)
            continue
        governor, direct = found
        if direct:
            governor.type, governor.cameo = refine(
                (governor.type, governor.cameo), (match.type, match.cameo)
            )
            governor.refined_by = (*governor.refined_by, match.token.text)
    return sorted(kept, key=lambda m: m.token.i)


def _candidate(doc: Doc, sent: Span, match: _Match) -> Candidate | None:
    args = arguments_of(
        doc,
        match.token,
        threat=match.type is EventType.THREATEN,
        verbal=quad_class(match.type) in {1, 3},
    )
    if not args.source:
        return None
    target = args.target or fallback_target(doc, sent, match.token, match.type, args.source)
    if match.complement is not None:
        source_ids = {a.id for a in args.source}
        target = tuple(
            a
            for s in clauses.subjects(match.complement)
            for a in actors_at(doc, s)
            if a.id not in source_ids
        )
    return Candidate(
        token=match.token.i,
        sent_start=sent.start,
        sent_end=sent.end,
        type=match.type,
        cameo=match.cameo,
        source=args.source,
        target=target,
        attributed_to=args.attributed_to,
        confidence=round(min(1.0, match.confidence * (0.6 + 0.4 * args.quality)), 3),
        negated=match.negated,
        trigger_text=match.token.text,
        refined_by=match.refined_by,
    )


class EventFinder:
    """The component: triggers → candidates with arguments."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        candidates: list[Candidate] = []
        for sent in doc.sents:
            matches = resolve_embedding(find_matches(sent, self.lexicon))
            for match in matches:
                if clauses.in_condition(match.token) or clauses.under_deliberation(match.token):
                    continue
                candidate = _candidate(doc, sent, match)
                if candidate is not None:
                    candidates.append(candidate)
        set_candidates(doc, candidates)
        return doc


@Language.factory("dekg_events_v1", requires=["token.dep", "token.lemma"])
def make_event_finder(nlp: Language, name: str) -> EventFinder:
    """Build the event trigger component with the shipped lexicon."""
    return EventFinder(default_lexicon())
