"""Features of a candidate trigger token for the learned trigger + type model.

A candidate is a verb, noun or adjective (the words PLOVER events are told with). Its
features are strings read from the base pipeline's parse, the same at training and at run
time: the lemma and its part of speech and arc, the head, the near dependents (objects,
particles, prepositions with their objects, negation, auxiliaries, modifiers, clausal
complements) paired with the lemma ("impose|dobj=tariff"), the entity types of subject and
object, and the word's suffix for lemmas never seen in training. With a lexicon, what the
rules say of the token is a feature too (the model learns when to trust them).

With static word vectors (``ingest.trigger_vectors``) a candidate also has dense features,
which carry word meaning to words never seen in training: the vectors of the word, its lemma,
its syntactic head, the mean of its near dependents (a preposition stands for its object)
and the mean of the words around it (``WINDOW`` each side).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from spacy.tokens import Token

from ingest import clauses
from ingest.trigger_vectors import SubwordVectors
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


DENSE_PARTS = 5
WINDOW = 3


def _mean(rows: NDArray[np.float32], dim: int) -> NDArray[np.float32]:
    return rows.mean(axis=0) if len(rows) else np.zeros(dim, dtype=np.float32)


def _dependents(token: Token) -> list[int]:
    out = []
    for child in token.children:
        if child.dep_ not in _CHILD_DEPS or not child.is_alpha:
            continue
        objects = [o.i for o in child.children if o.dep_ == "pobj"] if child.dep_ == "prep" else []
        out += objects or [child.i]
    return out


def dense_features(tokens: Sequence[Token], vectors: SubwordVectors) -> NDArray[np.float32]:
    """One row of ``DENSE_PARTS`` concatenated word vectors per candidate token (all tokens
    of one document)."""
    dim = vectors.dim
    if not tokens:
        return np.zeros((0, DENSE_PARTS * dim), dtype=np.float32)
    doc = tokens[0].doc
    lower = vectors.vectors(t.lower_ for t in doc)
    lemma = vectors.vectors(t.lemma_.lower() for t in doc)
    alpha = np.array([t.is_alpha for t in doc])
    rows = np.zeros((len(tokens), DENSE_PARTS * dim), dtype=np.float32)
    for n, token in enumerate(tokens):
        i = token.i
        head = lemma[token.head.i] if token.head.i != i else np.zeros(dim, dtype=np.float32)
        near = [j for j in range(max(0, i - WINDOW), min(len(doc), i + WINDOW + 1)) if j != i]
        window = lemma[[j for j in near if alpha[j]]]
        deps = _mean(lemma[_dependents(token)], dim)
        rows[n] = np.concatenate((lower[i], lemma[i], head, deps, _mean(window, dim)))
    return rows
