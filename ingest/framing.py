"""Words that frame a clause as not asserted: requested, obliged, hoped for, or refused.

- requested: the trigger is the content of an appeal or demand ("urged Russia to agree to a
  ceasefire", "pressed Serbia to recognise Kosovo", "Egypt's call for a ceasefire"): the
  requester asks for it, nobody has done it;
- obliged: "need to", "have to", "must", "should", "ought to" on the trigger's own clause
  ("the two sides need to resume talks");
- hoped for: the complement of "hope", "wish" with a subject of its own ("Tokyo hopes Seoul
  will join");
- lexically negated: the trigger is the complement of "fail", "refuse", "decline", "avoid",
  "reluctance", "unwilling", "stop short of" … ("showed reluctance to endorse the plan").

Pure functions over spaCy tokens; the modality component decides what follows from them.
"""

from __future__ import annotations

from spacy.tokens import Token

from ingest import clauses

# Verbs and nouns of appeal and demand whose complement is what they ask for.
REQUEST_WORDS = (
    frozenset({"urge", "ask", "call", "demand", "request", "appeal", "plead", "implore", "beg"})
    | frozenset({"press", "pressure", "push", "lobby", "petition", "exhort", "challenge"})
    | frozenset({"encourage", "invite", "advise", "recommend", "propose", "suggest", "insist"})
    | frozenset({"want", "wish", "plea", "invitation"})
)
HOPE_WORDS = frozenset({"hope", "wish", "pray", "hopeful", "optimistic"})
OBLIGATION_VERBS = frozenset({"need", "have"})
OBLIGATION_AUX = frozenset({"must", "should", "ought"})
NEGATING_WORDS = (
    frozenset({"fail", "failure", "refuse", "refusal", "decline", "avoid", "deny", "short"})
    | frozenset({"reluctant", "reluctance", "unwilling", "unwillingness", "unable", "inability"})
    | frozenset({"hesitate", "hesitant", "balk", "resist", "shun"})
)
# Arcs from a complement up to the word that frames it.
_FRAME_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "acl", "acomp"})
_MAX_STEPS = 3


def _framing(token: Token, words: frozenset[str], deps: frozenset[str]) -> Token | None:
    """The nearest governing word among ``words`` reached through ``deps`` only, stopping at
    speech verbs (what a speaker reports is asserted by the speaker)."""
    current = token
    for _ in range(_MAX_STEPS):
        head, dep = clauses.effective_head(current)
        to_clause = dep == "advcl" and clauses.has_to(current)
        if head.i == current.i or (dep not in deps and not to_clause):
            return None
        lemma = head.lemma_.lower()
        if lemma in words:
            return head
        if lemma in clauses.SPEECH_VERBS:
            return None
        current = head
    return None


def requester(token: Token) -> Token | None:
    """The appeal or demand whose content the trigger is ("urged … to agree" → "urged")."""
    head = _framing(token, REQUEST_WORDS, _FRAME_DEPS)
    if head is None or head.i == token.i:
        return None
    if head.lemma_.lower() == "call" and not _is_appeal(head, token):
        return None  # "called the talks useful", "a phone call to discuss"
    return head if _asks_someone(head, token) else None


def _asks_someone(head: Token, token: Token) -> bool:
    """The appeal is addressed to a party ("urged Kyiv to", "called on Kyiv to", "demanded
    that Kyiv …", "a call for talks"), not the subject's own wish ("wants to meet")."""
    if head.pos_ == "NOUN" or any(c.dep_ in {"dobj", "dative"} for c in head.children):
        return True
    if any(c.dep_ == "prep" and c.lower_ in {"on", "for", "upon"} for c in head.children):
        return True
    complement = token
    while complement.head.i not in (head.i, complement.i):
        complement = complement.head
    return complement.dep_ == "ccomp" and bool(clauses.subjects(complement))


def _is_appeal(call: Token, token: Token) -> bool:
    """ "call for", "call on … to", "called … to" — not "called the move" or "a phone call"."""
    if call.pos_ == "NOUN":
        return any(c.dep_ == "prep" and c.lower_ == "for" for c in call.children)
    return any(c.dep_ in {"prep", "prt"} and c.lower_ in {"for", "on"} for c in call.children) or (
        token.dep_ == "xcomp" and token.head.i == call.i
    )


def hoped_for(token: Token) -> bool:
    """The trigger's clause is what someone else hopes for ("hopes Seoul will join")."""
    root = clauses.clause_root(token)
    head, dep = clauses.effective_head(root)
    return dep == "ccomp" and head.lemma_.lower() in HOPE_WORDS and bool(clauses.subjects(root))


def obliged(token: Token) -> bool:
    """ "need to / have to / must / should / ought to" on the trigger's own clause."""
    for tok in clauses.clause_chain(token):
        if any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in tok.children):
            return True
        if (
            tok.i != token.i
            and tok.lemma_.lower() in OBLIGATION_VERBS
            and any(c.dep_ == "xcomp" and clauses.has_to(c) for c in tok.children)
        ):
            return True
    return False


def lexically_negated(token: Token) -> bool:
    """The trigger is the complement of a word of refusal or failure."""
    head = _framing(token, NEGATING_WORDS, _FRAME_DEPS)
    if head is None:
        return False
    return head.lemma_.lower() != "short" or any(c.lower_ == "stop" for c in head.ancestors)
