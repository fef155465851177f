"""Features of a candidate trigger token for the learned trigger + type model.

A candidate is a verb, noun or adjective (the words PLOVER events are told with). Its
features are strings read from the base pipeline's parse, the same at training and at run
time: the lemma and its part of speech and arc, the head, the near dependents (objects,
particles, prepositions with their objects, negation, auxiliaries, modifiers, clausal
complements) paired with the lemma ("impose|dobj=tariff"), the entity types of subject and
object, and the word's suffix for lemmas never seen in training. With a lexicon, what the
rules say of the token is a feature too (the model learns when to trust them).
"""

from __future__ import annotations

from spacy.tokens import Token

from ingest import clauses
from ingest.triggers import Lexicon

CANDIDATE_POS = frozenset({"VERB", "NOUN", "ADJ"})
_CHILD_DEPS = frozenset(
    {"dobj", "prt", "prep", "xcomp", "ccomp", "neg", "aux", "auxpass", "advmod", "amod",
     "compound", "acomp", "attr", "dative", "agent", "nsubj", "nsubjpass", "oprd"}
)  # fmt: skip
_ENTITY_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "dative", "agent"})


def is_candidate(token: Token) -> bool:
    return token.pos_ in CANDIDATE_POS and token.is_alpha


def _word(token: Token) -> str:
    return token.lemma_.lower() if token.pos_ not in {"PROPN", "NUM"} else token.pos_


def rule_features(token: Token, lexicon: Lexicon) -> list[str]:
    """The type the lexicon rules give the token, as features (none when no rule fires)."""
    if token.dep_ in {"compound", "amod"} or lexicon.lemma_of(token) is None:
        return []
    rule = lexicon.match(token, intent=clauses.is_intent(token))
    return [] if rule is None else [f"rule={rule.type.value}", f"rule_id={rule.id}"]


def features(token: Token, lexicon: Lexicon | None = None) -> list[str]:
    """The feature strings of one candidate token."""
    lemma = token.lemma_.lower()
    head = token.head
    out = [
        "bias",
        f"l={lemma}",
        f"p={token.pos_}",
        f"t={token.tag_}",
        f"d={token.dep_}",
        f"lp={lemma}|{token.pos_}",
        f"ld={lemma}|{token.dep_}",
        f"s3={token.lower_[-3:]}",
        f"h={_word(head)}|{token.dep_}",
        f"lh={lemma}|{_word(head)}",
    ]
    if token.ent_type_:
        out.append(f"ent={token.ent_type_}")
    for child in token.children:
        dep = child.dep_
        if dep not in _CHILD_DEPS:
            continue
        word = _word(child)
        out += [f"c={dep}={word}", f"lc={lemma}|{dep}={word}"]
        if dep == "prep":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    out += [
                        f"pp={child.lower_}={_word(obj)}",
                        f"lpp={lemma}|{child.lower_}={_word(obj)}",
                    ]
                    if obj.ent_type_:
                        out.append(f"ppe={child.lower_}={obj.ent_type_}")
        if dep in _ENTITY_DEPS and child.ent_type_:
            out.append(f"ce={dep}={child.ent_type_}")
    if lexicon is not None:
        out += rule_features(token, lexicon)
    return out
