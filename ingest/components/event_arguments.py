"""``dekg_event_arguments_v1``: the trigger proposals of ``doc.spans["dekg_triggers"]`` →
event candidates with their source/target actors.

Whatever proposed the triggers (rules, the learned model, both), this component treats them
alike: a trigger inside the complement of another one refines the governing trigger's code
instead of standing alone (``ingest.embedding``); triggers inside the condition of a
conditional ("if Russia invaded Ukraine") are not events; the arguments come from
``ingest.arguments`` (a source the text only implies from ``ingest.actors.implied``). The
result is a list of ``ingest.candidate.Candidate`` in
``Doc._.dekg_events``; modality, time, place and merging come later.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ingest import clauses
from ingest.actors.implied import implied_source
from ingest.arguments import actors_at, arguments_of, fallback_target
from ingest.candidate import Candidate, set_candidates
from ingest.embedding import Match, resolve_embedding
from ingest.proposals import proposals
from ontology.plover import EventType, quad_class


def _matches(doc: Doc) -> dict[int, list[Match]]:
    """The proposals as matches, by sentence start."""
    by_sentence: dict[int, list[Match]] = {}
    for span, info in proposals(doc):
        token = span.root
        complement = doc[info.complement] if info.complement is not None else None
        match = Match(
            token,
            EventType(span.label_),
            info.cameo,
            info.score,
            info.negated,
            origin=info.source,
            complement=complement,
        )
        by_sentence.setdefault(token.sent.start, []).append(match)
    return by_sentence


def _candidate(doc: Doc, sent: Span, match: Match) -> Candidate | None:
    args = arguments_of(
        doc,
        match.token,
        threat=match.type is EventType.THREATEN,
        verbal=quad_class(match.type) in {1, 3},
    )
    source, quality = args.source, args.quality
    if not source:
        source, quality = implied_source(doc, sent, match.token, match.type), 0.5
    if not source:
        return None
    target = args.target or fallback_target(doc, sent, match.token, match.type, source)
    if match.complement is not None:
        source_ids = {a.id for a in source}
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
        source=source,
        target=target,
        attributed_to=args.attributed_to,
        confidence=round(min(1.0, match.confidence * (0.6 + 0.4 * quality)), 3),
        negated=match.negated,
        trigger_text=match.token.text,
        refined_by=match.refined_by,
        origin=match.origin,
    )


class EventArguments:
    """The component: trigger proposals → candidates with arguments."""

    def __call__(self, doc: Doc) -> Doc:
        candidates: list[Candidate] = []
        for matches in _matches(doc).values():
            for match in resolve_embedding(matches):
                token = match.token
                if clauses.in_condition(token) or clauses.under_deliberation(token):
                    continue
                candidate = _candidate(doc, token.sent, match)
                if candidate is not None:
                    candidates.append(candidate)
        set_candidates(doc, sorted(candidates, key=lambda c: c.token))
        return doc


@Language.factory("dekg_event_arguments_v1", requires=["token.dep", "token.lemma"])
def make_event_arguments(nlp: Language, name: str) -> EventArguments:
    """Build the argument-attachment component."""
    return EventArguments()
