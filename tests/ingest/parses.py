"""Hand-built parses with hand-set actor mentions, for the argument tests.

A parse is written one token a word, ``word:head:dep:POS[:lemma]`` (the lemma defaults to the
word): ``parse("Russia:1:nsubj:PROPN struck:1:ROOT:VERB:strike Kyiv:1:dobj:PROPN", {0: RUS})``.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from ingest.arguments import arguments_of
from ingest.mentions import Mention, set_mentions
from ontology.model import Actor, ActorKind

VOCAB = spacy.blank("en").vocab


def state(iso3: str, name: str) -> Actor:
    return Actor(id=f"state:{iso3}", name=name, kind=ActorKind.STATE, country=iso3)


def person(slug: str, name: str, iso3: str) -> Actor:
    return Actor(id=f"person:{slug}", name=name, kind=ActorKind.PERSON, country=iso3)


def build(rows: list[tuple[str, int, str, str, str]], actors: dict[int, Actor]) -> Doc:
    """rows: (word, head, dep, lemma, pos); actors: token index → actor mentioned there."""
    words, heads, deps, lemmas, pos = (list(x) for x in zip(*rows, strict=True))
    doc = Doc(VOCAB, words=words, heads=heads, deps=deps, lemmas=lemmas, pos=pos)
    set_mentions(
        doc, [Mention(i, i + 1, i, actor, "dictionary", doc[i].text) for i, actor in actors.items()]
    )
    return doc


def parse(spec: str, actors: dict[int, Actor]) -> Doc:
    """The doc of a compact spec (see the module docstring)."""
    rows: list[tuple[str, int, str, str, str]] = []
    for item in spec.split():
        word, head, dep, pos, *lemma = item.split(":")
        rows.append((word, int(head), dep, lemma[0] if lemma else word, pos))
    return build(rows, actors)


def ids(actors: tuple[Actor, ...]) -> list[str]:
    return [a.id for a in actors]


def sides(doc: Doc, trigger: int) -> tuple[list[str], list[str]]:
    """The source and target ids of the trigger at token ``trigger``."""
    args = arguments_of(doc, doc[trigger])
    return ids(args.source), ids(args.target)
