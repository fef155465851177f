"""Clause-level reading of the dependency parse shared by arguments, modality and time.

Small, pure functions over spaCy tokens: the effective head of a token (repairing one common
attachment error of small parsers), the chain of governing words of a clause, speech verbs and
their speakers, conditions, intent, negation and tense.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

SPEECH_VERBS = frozenset(
    {
        "say",
        "tell",
        "state",
        "add",
        "announce",
        "declare",
        "claim",
        "insist",
        "conclude",
        "report",
        "stress",
        "argue",
        "note",
        "write",
        "reply",
        "explain",
        "assert",
        "confirm",
        "indicate",
        "acknowledge",
        "maintain",
        "remark",
        "emphasize",
        "emphasise",
        "reiterate",
    }
)
# Words whose complement is an intention, not an accomplished fact.
INTENT_GOVERNORS = frozenset(
    {
        "ready",
        "willing",
        "prepared",
        "plan",
        "intend",
        "want",
        "hope",
        "aim",
        "expect",
        "determined",
        "eager",
        "prepare",
        "decide",
        "going",
        "set",
        "poised",
        "seek",
        "likely",
        "able",
        "forward",
        "force",
        "compel",
        "schedule",
        "due",
        "slate",
    }
)
# Words of feeling and evaluation: their complement is someone else's act ("lawmakers angered
# by a court ruling to imprison …", "welcomed India's decision to release …"), so a trigger
# below them does not take their subject.
ATTITUDE_WORDS = frozenset(
    {
        "anger",
        "angry",
        "outrage",
        "outraged",
        "upset",
        "worry",
        "worried",
        "concern",
        "concerned",
        "alarm",
        "alarmed",
        "shock",
        "shocked",
        "surprise",
        "surprised",
        "frustrate",
        "frustrated",
        "disappoint",
        "disappointed",
        "dismay",
        "dismayed",
        "fear",
        "afraid",
        "happy",
        "glad",
        "pleased",
        "please",
        "sad",
        "furious",
        "relieved",
        "welcome",
        "praise",
        "hail",
        "applaud",
        "condemn",
        "criticize",
        "criticise",
        "denounce",
        "deplore",
        "regret",
        "blame",
    }
)
# Verbs that report what others were seen or said to do ("witnesses saw troops fire").
PERCEPTION_VERBS = frozenset(
    {"see", "watch", "witness", "hear", "film", "record", "document", "describe", "show"}
)
RELATIVE = frozenset({"who", "that", "which", "whom"})
FUTURE_AUX = frozenset({"will", "would", "'ll", "shall", "wo", "could", "might", "may"})
CONDITION_MARKS = frozenset({"if", "unless"})
REQUEST_MODALS = frozenset({"should", "must", "ought"})
NEGATORS = frozenset({"not", "n't", "never", "no"})
FAILURE_VERBS = frozenset({"fail"})
# Arcs that stay inside one clause when climbing to the clause's governing word.
_CHAIN_DEPS = frozenset({"xcomp", "acomp", "attr", "dobj", "pobj", "prep", "pcomp", "oprd"})
_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "conj", "parataxis", "relcl", "acl"})


def has_to(token: Token) -> bool:
    """The token is an infinitive marked with "to"."""
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)


def effective_head(token: Token) -> tuple[Token, str]:
    """The token's head and arc, re-attaching an infinitive conjunct to the infinitive it joins.

    Small parsers often attach "… to warn him … if it invaded Ukraine and to urge him …" as
    ``urge ←conj– invaded``; the conjunct belongs to the nearest governing infinitive ("warn").
    """
    head, dep = token.head, token.dep_
    if dep == "conj" and has_to(token) and not has_to(head):
        for anc in head.ancestors:
            if has_to(anc) and anc.i < token.i:
                return anc, "conj"
    return head, dep


def ancestors(token: Token) -> Iterator[tuple[Token, str]]:
    """Effective ancestors with the arc leaving the previous token, up to the root."""
    current = token
    for _ in range(64):
        head, dep = effective_head(current)
        if head.i == current.i:
            return
        yield head, dep
        current = head


def clause_chain(token: Token) -> list[Token]:
    """The token and the words governing it inside its clause ("act" → "forced")."""
    chain = [token]
    current = token
    for _ in range(8):
        head, dep = effective_head(current)
        if head.i == current.i or dep not in _CHAIN_DEPS:
            break
        chain.append(head)
        current = head
    return chain


def clause_top(token: Token) -> Token:
    """The head of the smallest clause containing the token."""
    current = token
    for _ in range(32):
        head, dep = effective_head(current)
        if head.i == current.i or dep in _CLAUSE_DEPS | {"pcomp"}:
            return current
        current = head
    return current


def clause_root(token: Token) -> Token:
    return clause_chain(token)[-1]


def subjects(token: Token) -> list[Token]:
    """Subjects (and passive agents' objects are not subjects) of a verb or copula."""
    return [c for c in token.children if c.dep_ in {"nsubj", "csubj"}]


def passive_agents(token: Token) -> list[Token]:
    """The objects of a passive verb's "by" phrase (parsed as ``agent``, or as a plain ``prep``
    under a participle: "the books banned by the Taliban")."""
    out: list[Token] = []
    for child in token.children:
        if child.dep_ == "agent" or (
            child.dep_ == "prep" and child.lower_ == "by" and token.tag_ == "VBN"
        ):
            out.extend(g for g in child.children if g.dep_ == "pobj")
    return out


def is_passive(token: Token) -> bool:
    return any(c.dep_ in {"auxpass", "nsubjpass"} for c in token.children)


def speech_verb_of(token: Token) -> Token | None:
    """The speech verb reporting the clause of ``token`` ("Kyiv says …", "…, Blinken said")."""
    chain_top = clause_root(token)
    candidates = [chain_top]
    candidates.extend(anc for anc, _ in ancestors(chain_top))
    for tok in candidates:
        if tok.i != chain_top.i and tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ == "VERB":
            return tok
        for child in tok.children:
            if (
                child.dep_ in {"parataxis", "ccomp"}
                and child.lemma_.lower() in SPEECH_VERBS
                and child.i not in {t.i for t in token.subtree}
                and child.i != chain_top.i
            ):
                return child
    return None


def in_condition(token: Token) -> bool:
    """The token is inside the condition of a conditional ("if Russia invaded", "in the event
    of a Russian attack") — such a clause states no event."""
    for tok in [token, *(a for a, _ in ancestors(token))]:
        if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in tok.children):
            return True
        if (
            tok.lemma_.lower() in {"event", "case"}
            and tok.dep_ == "pobj"
            and tok.head.lower_ in {"in", "of"}
        ):
            return True
    return False


def condition_clauses(token: Token) -> list[Token]:
    """Condition clauses (their head tokens) attached to the token's clause chain."""
    out: list[Token] = []
    for tok in clause_chain(token):
        for child in tok.children:
            if child.dep_ == "advcl" and any(
                g.dep_ == "mark" and g.lower_ in CONDITION_MARKS for g in child.children
            ):
                out.append(child)
            if child.dep_ == "prep" and child.lower_ == "in":
                out.extend(
                    g
                    for g in child.children
                    if g.dep_ == "pobj" and g.lemma_.lower() in {"event", "case"}
                )
    return out


# Words whose complement is only considered, not done ("hinting at lifting sanctions", "the
# possibility of a ceasefire").
DELIBERATION = frozenset(
    {
        "consider",
        "weigh",
        "mull",
        "hint",
        "explore",
        "debate",
        "discuss",
        "study",
        "contemplate",
        "possibility",
        "prospect",
        "idea",
        "option",
        "risk",
        "fear",
        "talk",
        "question",
        "speculation",
        "rumor",
        "rumour",
        "whether",
        "include",
    }
)


# Nouns whose content is a project ("a plan for rearming Europe", "the proposal to lift").
DELIBERATION_NOUNS = frozenset({"plan", "proposal", "draft", "bill", "initiative"})


def under_deliberation(token: Token) -> bool:
    """The trigger is the object of deliberation, not an event ("considering sanctions")."""
    for head, dep in ancestors(token):
        if dep not in {"xcomp", "pcomp", "pobj", "prep", "dobj", "acl", "conj"}:
            return False
        lemma = head.lemma_.lower()
        if dep == "conj":
            continue
        if lemma in DELIBERATION or (lemma in DELIBERATION_NOUNS and head.pos_ == "NOUN"):
            return True
    return False


def condition_marks(token: Token) -> set[str]:
    """The subordinators of the conditions attached to the token's clause ("if", "unless")."""
    return {
        g.lower_
        for head in condition_clauses(token)
        for g in head.children
        if g.dep_ == "mark" and g.lower_ in CONDITION_MARKS
    }


def sentence_conditions(token: Token) -> list[Token]:
    """Every condition clause of the token's sentence that does not contain the token."""
    out: list[Token] = []
    for tok in token.sent:
        if (
            tok.dep_ == "advcl"
            and any(g.dep_ == "mark" and g.lower_ in CONDITION_MARKS for g in tok.children)
            and token.i not in {t.i for t in tok.subtree}
        ):
            out.append(tok)
    return out


def modal_aux(token: Token) -> set[str]:
    """Modal and future auxiliaries of the clause chain."""
    out: set[str] = set()
    for tok in clause_chain(token):
        out.update(c.lower_ for c in tok.children if c.dep_ in {"aux", "auxpass"})
    return out


def is_intent(token: Token) -> bool:
    """The clause states an intention or future act ("will", "ready to", "plans to")."""
    chain = clause_chain(token)
    for tok in chain:
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in tok.children):
            return True
        if tok.i != token.i and tok.lemma_.lower() in INTENT_GOVERNORS:
            return True
    return token.lemma_.lower() in {"ready", "willing", "prepared"}


def is_negated(token: Token) -> bool:
    """Negation of the clause ("did not agree", "failed to reach", "no agreement")."""
    for tok in clause_chain(token):
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in tok.children):
            return True
        if tok.i != token.i and tok.lemma_.lower() in FAILURE_VERBS:
            return True
    return False


def is_perfect(token: Token) -> bool:
    """Present perfect without anchoring ("has amassed", "have said")."""
    for tok in clause_chain(token):
        auxes = [c for c in tok.children if c.dep_ in {"aux", "auxpass"}]
        if tok.tag_ == "VBN" and any(
            a.lemma_ == "have" and a.tag_ in {"VBZ", "VBP"} for a in auxes
        ):
            return True
    return False


def is_clause_boundary(dep: str) -> bool:
    return dep in _CLAUSE_DEPS
