"""Triggers embedded in another trigger's complement ("agreed to share information", "accuses
Kyiv of pursuing a build-up") refine the governing trigger's code instead of standing alone.

An event noun is a happening of its own, not a complement, when it is the object of a time
preposition ("agreed … during talks with", "rushed troops after the clash") or when it names
what a non-verbal act is about ("condemned the arrest", "blamed Syria for the attack",
"praised the mediation of Egypt", "a protest over the killing"): PLOVER codes both events.
Only appeals, agreements, threats and rejections take an event noun as their content ("called
for talks", "threatened sanctions", "rejected the request").

Works on the proposals of every trigger source alike (``ingest.proposals``).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ingest import clauses
from ingest.codes import refine
from ontology.plover import EventType

# Arcs that separate two events rather than embed one in the other.
_SEPARATE_DEPS = frozenset({"conj", "advcl", "parataxis", "relcl", "appos"})
_TEMPORAL_PREPS = frozenset(
    {"after", "before", "since", "while", "during", "until", "following", "amid"}
)
_NOUN_ARCS = frozenset({"pobj", "dobj"})
_VERBAL_GOVERNORS = frozenset(
    {EventType.AGREE, EventType.THREATEN, EventType.REJECT, EventType.REQUEST}
)
_COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl"})


@dataclass(slots=True)
class Match:
    """One trigger on its way to a candidate (mutable: embedding refines its code)."""

    token: Token
    type: EventType
    cameo: str
    confidence: float
    negated: tuple[EventType, str] | None
    origin: str = ""
    refined_by: tuple[str, ...] = ()
    complement: Token | None = None  # the requested clause of a reported "should"


def _governor(match: Match, by_token: dict[int, Match]) -> tuple[Match, bool] | None:
    """The trigger whose complement contains this one, if any, and whether it is the direct
    complement (which then refines the governor's code)."""
    current = match.token
    nominal = match.token.pos_ in {"NOUN", "PROPN"} and match.token.dep_ in _NOUN_ARCS
    for steps, (head, dep) in enumerate(clauses.ancestors(current), start=1):
        to_clause = dep == "advcl" and clauses.has_to(current) and steps == 1
        if dep in _SEPARATE_DEPS and not to_clause:
            return None
        if current.dep_ in {"pcomp", "pobj"} and head.lower_ in _TEMPORAL_PREPS:
            return None
        governing = by_token.get(head.i)
        if governing is not None:
            if (to_clause or nominal) and governing.type not in _VERBAL_GOVERNORS:
                return None
            return governing, steps <= 2 and dep in _COMPLEMENT_DEPS | {"advcl"}
        if head.lemma_.lower() in clauses.SPEECH_VERBS:
            return None
        current = head
    return None


def resolve_embedding(matches: list[Match]) -> list[Match]:
    """Drop triggers embedded in another trigger's complement, refining the governor."""
    by_token = {m.token.i: m for m in matches}
    kept: list[Match] = []
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
