"""Event types the PLOVER manual assigns differently from the trigger's CAMEO code.

The manual (v0.8, ``PLOVER_MANUAL.tex``) codes by what the text says happened:

- AGREE: "agree to, offer, promise, or otherwise indicate willingness or commitment to
  cooperate"; "promises, offers, or agreement for future cooperation should be coded as
  AGREE" (COOPERATE, potential ambiguities). Signing an agreement, deal or accord commits the
  parties to future cooperation, so it is AGREE here (CAMEO 057 is kept as the code), and
  agreeing to a ceasefire or truce is AGREE (CAMEO 0356), not RETREAT, which the manual keeps
  for "immediate (not simply promised) material consequences … observing a ceasefire".
- REQUEST: an appeal for a ceasefire ("called for a truce") asks for it (CAMEO 1056).
- ACCUSE: "criticize, defame, denigrate responsible parties"; an "attack" on a person's
  policy, record or words, or made in a speech, post or interview, or described as verbal, is
  criticism (CAMEO 111), not ASSAULT.
"""

from __future__ import annotations

from spacy.tokens import Token

from ontology.plover import EventType

AGREEMENT_NOUNS = frozenset(
    {
        "agreement",
        "accord",
        "treaty",
        "deal",
        "pact",
        "memorandum",
        "declaration",
        "protocol",
        "contract",
        "charter",
        "convention",
    }
)
CEASEFIRE_NOUNS = frozenset({"ceasefire", "cease-fire", "truce", "armistice"})
APPEAL_VERBS = frozenset({"call", "urge", "appeal", "press", "push", "plead", "demand", "ask"})
CONSENT_VERBS = frozenset({"agree", "accept", "consent"})
# What a verbal attack is aimed at or made in.
CRITICISM_OBJECTS = frozenset(
    {
        "policy",
        "decision",
        "plan",
        "remark",
        "comment",
        "statement",
        "record",
        "speech",
        "proposal",
        "law",
        "bill",
        "idea",
        "stance",
        "position",
        "handling",
        "approach",
        "rhetoric",
        "claim",
        "view",
        "move",
        "leadership",
        "performance",
        "budget",
        "reform",
        "agenda",
        "response",
        "failure",
        "ruling",
        "verdict",
        "report",
        "media",
        "press",
        "critic",
    }
)
SPEECH_SETTINGS = frozenset(
    {
        "speech",
        "interview",
        "post",
        "tweet",
        "statement",
        "op-ed",
        "editorial",
        "column",
        "address",
        "rally",
        "debate",
        "remarks",
        "letter",
        "message",
        "video",
        "broadcast",
        "podcast",
        "conference",
    }
)
VERBAL_MODIFIERS = frozenset(
    {
        "verbally",
        "publicly",
        "sharply",
        "fiercely",
        "openly",
        "bitterly",
        "verbal",
        "rhetorical",
        "personal",
        "political",
        "scathing",
        "blistering",
        "stinging",
    }
)


_FOR = frozenset({"for"})


def _dependents(token: Token, deps: frozenset[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    return [
        g
        for p in token.children
        if p.dep_ == "prep" and p.lower_ in preps
        for g in p.children
        if g.dep_ == "pobj"
    ]


def _object_nouns(token: Token) -> set[str]:
    """Lemmas of the trigger's objects and of the "of/on/for/over" objects below them."""
    objects = _dependents(token, frozenset({"dobj", "nsubjpass"}))
    objects += _prep_objects(token, frozenset({"on", "against"}))
    lemmas = {o.lemma_.lower() for o in objects}
    for obj in objects:
        lemmas |= {g.lemma_.lower() for g in _prep_objects(obj, frozenset({"of", "on"}))}
    return lemmas


def verbal_attack(token: Token) -> bool:
    """An "attack" that is criticism: on a policy or words, over/for a reason, in a speech,
    or described as verbal."""
    if token.lemma_.lower() != "attack":
        return False
    if any(c.lower_ in VERBAL_MODIFIERS for c in token.children):
        return True
    if _object_nouns(token) & CRITICISM_OBJECTS:
        return True
    reasons = _prep_objects(token, frozenset({"over", "for"}))
    if any(
        r.ent_type_ not in {"DATE", "TIME"} and r.lemma_.lower() in CRITICISM_OBJECTS
        for r in reasons
    ):
        return True
    settings = _prep_objects(token, frozenset({"in", "on", "during"}))
    return any(s.lemma_.lower() in SPEECH_SETTINGS for s in settings) or any(
        c.dep_ == "advcl" and c.lemma_.lower() in {"say", "call", "accuse"} for c in token.children
    )


def _names(token: Token, nouns: frozenset[str]) -> bool:
    near = [
        *_dependents(token, frozenset({"dobj", "nsubjpass"})),
        *_prep_objects(token, frozenset({"to", "for", "on"})),
    ]
    return any(t.lemma_.lower() in nouns or t.lower_ in nouns for t in near)


def manual_type(
    token: Token, event_type: EventType, cameo: str, *, parties: int = 2
) -> tuple[EventType, str]:
    """The (type, CAMEO code) the manual gives the trigger's event (``parties``: how many
    sides the event has; a document signed by one side alone, "signed a constitutional
    declaration", commits nobody else and stays as coded)."""
    lemma = token.lemma_.lower()
    signed = lemma == "sign" and _names(token, AGREEMENT_NOUNS)
    if event_type is EventType.SUPPORT and signed and parties >= 2:
        return EventType.AGREE, cameo
    if event_type in {EventType.RETREAT, EventType.CONCEDE} and _names(token, CEASEFIRE_NOUNS):
        if lemma in CONSENT_VERBS:
            return EventType.AGREE, "0356"
        appeal = lemma in APPEAL_VERBS and (lemma != "call" or _prep_objects(token, _FOR))
        if appeal:  # "called for a truce"; "called a truce" declares it
            return EventType.REQUEST, "1056"
    if event_type is EventType.ASSAULT and verbal_attack(token):
        return EventType.ACCUSE, "111"
    return event_type, cameo
