"""The event trigger lexicon: lemma (+ object / preposition / modifier) patterns → CAMEO code.

The lexicon is data (``ingest/data/triggers.json``, schema in ``ingest.trigger_schema``: a
unique ``id`` and an ``example`` sentence per rule, unknown keys refused; rules another rule
always pre-empts are reported at load, ``ingest.trigger_shadow``). Each rule names the lemma of
the trigger token and optional conditions read from the dependency parse:

- ``pos``: parts of speech the trigger may have (default ``["VERB"]``),
- ``objects``: one of these lemmas must be a near dependent (object, prepositional object,
  particle or compound of the object: "impose sanctions", "held talks", "put on alert"),
- ``preps``: a preposition or particle child with one of these lemmas ("call on", "talks with"),
- ``modifiers``: an adjective / adverb / compound child with one of these lemmas
  ("serious consequences", "hunger strike"),
- ``governors``: the trigger's syntactic head has one of these lemmas ("forced to act"),
- ``intent``: the rule only fires in an intent / future context ("ready to respond"),
- ``type``: a PLOVER type overriding the CAMEO table's (the PLOVER gold codes some CAMEO codes
  differently, e.g. sanctions are SANCTION, kidnapping COERCE),
- ``negated_cameo``: the code when the trigger is negated ("did not agree" → reject),
- ``excluded``: no near dependent may have one of these lemmas ("declined to comment"),
- ``intransitive``: the trigger has no direct object ("demonstrated", not "demonstrated its
  strength"),
- ``clausal``: the trigger governs a clause ("offered to negotiate", not "offered no evidence"),
- ``object_entity``: ``objects`` may also be met by a named object ("released Chaudhry").

The most specific matching rule wins (the one with most conditions).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from pydantic import ValidationError
from spacy.tokens import Token

from ingest.trigger_schema import RuleEntry, RuleFile
from ingest.trigger_shadow import shadowed_rules
from ontology import OntologyError
from ontology.plover import EventType, cameo_table

_LOG = logging.getLogger(__name__)

# Dependencies through which an object-like word is "near" its trigger.
_NEAR_DEPS = frozenset(
    {
        "dobj",
        "attr",
        "nsubjpass",
        "oprd",
        "dative",
        "pobj",
        "prep",
        "prt",
        "agent",
        "compound",
        "acomp",
        "xcomp",
        "amod",
        "npadvmod",
        "advmod",
        "nmod",
        "appos",
        "pcomp",
        "conj",
    }
)
_CIRCUMSTANTIAL_PREPS = frozenset(
    {
        "during",
        "in",
        "at",
        "after",
        "before",
        "since",
        "near",
        "throughout",
        "across",
        "amid",
        "despite",
        "following",
        "within",
        "until",
        "inside",
        "outside",
        "around",
        "while",
    }
)
_NAMED = frozenset({"PERSON", "NORP", "ORG", "GPE"})
_PREP_DEPS = frozenset({"prep", "prt", "agent", "dative"})
_MODIFIER_DEPS = frozenset({"amod", "advmod", "compound", "npadvmod", "nmod", "acomp"})


# Past forms the small English model leaves unlemmatized.
_IRREGULAR = {"forgave": "forgive", "forgiven": "forgive", "retook": "retake", "retaken": "retake"}


class LexiconError(OntologyError):
    """The trigger lexicon file is malformed."""


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """One lexicon entry."""

    lemma: str
    cameo: str
    type: EventType
    pos: frozenset[str]
    id: str = ""
    example: str = ""
    objects: frozenset[str] = frozenset()
    preps: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    governors: frozenset[str] = frozenset()
    intent: bool = False
    negated_cameo: str | None = None
    negated_type: EventType | None = None
    confidence: float = 0.8
    excluded: frozenset[str] = frozenset()
    intransitive: bool = False
    clausal: bool = False
    object_entity: bool = False

    @property
    def specificity(self) -> int:
        return (
            sum(bool(x) for x in (self.objects, self.preps, self.modifiers, self.governors))
            + int(self.intent)
            + int(self.clausal)
        )


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    """A token that matched a rule."""

    token: int
    rule: TriggerRule


def _type_of(code: str, override: EventType | None) -> EventType:
    if override is not None:
        return override
    return cameo_table()[code].type


def rule_from_entry(entry: RuleEntry) -> TriggerRule:
    """A validated file entry → the rule the matcher uses."""
    negated = entry.negated_cameo
    return TriggerRule(
        id=entry.id,
        example=entry.example,
        lemma=entry.lemma,
        cameo=entry.cameo,
        type=_type_of(entry.cameo, entry.type),
        pos=frozenset(entry.pos),
        objects=frozenset(entry.objects),
        preps=frozenset(entry.preps),
        modifiers=frozenset(entry.modifiers),
        governors=frozenset(entry.governors),
        intent=entry.intent,
        negated_cameo=negated,
        negated_type=_type_of(negated, entry.negated_type) if negated else None,
        confidence=entry.confidence,
        excluded=frozenset(entry.excluded),
        intransitive=entry.intransitive,
        clausal=entry.clausal,
        object_entity=entry.object_entity,
    )


def _first_error(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    return f"{where}: {first['msg']}"


def parse_rule(entry: dict[str, object]) -> TriggerRule:
    """One JSON entry → a rule, validating its keys, codes and types.

    Raises:
        LexiconError: unknown key, missing id/lemma/cameo/example, unknown code or type.
    """
    try:
        return rule_from_entry(RuleEntry.model_validate(entry))
    except ValidationError as e:
        raise LexiconError(f"trigger rule {entry.get('id')!r}: {_first_error(e)}") from e


class Lexicon:
    """Rules indexed by lemma."""

    def __init__(self, rules: Iterable[TriggerRule]) -> None:
        self._by_lemma: dict[str, list[TriggerRule]] = {}
        for rule in rules:
            self._by_lemma.setdefault(rule.lemma, []).append(rule)
        for group in self._by_lemma.values():
            group.sort(key=lambda r: -r.specificity)

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_lemma.values())

    def __contains__(self, lemma: str) -> bool:
        return lemma in self._by_lemma

    def lemma_of(self, token: Token) -> str | None:
        """The token's lemma as the lexicon knows it, repairing the lemmatizer's known slips
        ("staged" → "stag", "forgave" left as is), or None when no rule has it."""
        lemma = token.lemma_.lower()
        if lemma in self._by_lemma:
            return lemma
        lower = token.lower_
        for alt in (_IRREGULAR.get(lower), lemma + "e" if lower.endswith(("ed", "es")) else None):
            if alt is not None and alt in self._by_lemma:
                return alt
        return None

    def rules_for(self, lemma: str) -> list[TriggerRule]:
        return self._by_lemma.get(lemma, [])

    def match(self, token: Token, *, intent: bool = False) -> TriggerRule | None:
        """The most specific rule whose conditions the token meets, or None."""
        lemma = self.lemma_of(token)
        rules = self._by_lemma.get(lemma) if lemma is not None else None
        if not rules:
            return None
        near: set[str] | None = None
        for rule in rules:
            if token.pos_ not in rule.pos:
                continue
            if rule.intent and not intent:
                continue
            if rule.governors and token.head.lemma_.lower() not in rule.governors:
                continue
            if rule.preps and not any(
                c.dep_ in _PREP_DEPS and c.lemma_.lower() in rule.preps for c in token.children
            ):
                continue
            if rule.modifiers and not any(
                c.dep_ in _MODIFIER_DEPS and c.lemma_.lower() in rule.modifiers
                for c in token.children
            ):
                continue
            if rule.intransitive and any(c.dep_ == "dobj" for c in token.children):
                continue
            if rule.clausal and not any(c.dep_ in {"xcomp", "ccomp"} for c in token.children):
                continue
            if rule.objects or rule.excluded:
                if near is None:
                    near = near_lemmas(token)
                if (
                    rule.objects
                    and not near & rule.objects
                    and not (rule.object_entity and _named_object(token))
                ):
                    continue
                if near & rule.excluded:
                    continue
            return rule
        return None


def _named_object(token: Token) -> bool:
    return any(
        c.dep_ in {"dobj", "dative", "nsubjpass"} and c.ent_type_ in _NAMED for c in token.children
    )


def near_lemmas(token: Token, depth: int = 3) -> set[str]:
    """Lemmas of the dependents reachable through object-like arcs (not clauses, not time or
    place phrases: "made a stop during the trip" is no visit)."""
    out: set[str] = set()
    frontier = [token]
    for _ in range(depth):
        nxt: list[Token] = []
        for t in frontier:
            for child in t.children:
                if child.dep_ == "prep" and child.lower_ in _CIRCUMSTANTIAL_PREPS:
                    continue
                if child.dep_ in _NEAR_DEPS:
                    out.add(child.lemma_.lower())
                    out.add(child.lower_)
                    nxt.append(child)
        frontier = nxt
    return out


def load_rules(text: str) -> list[TriggerRule]:
    """Parse the lexicon JSON text (``{"about": ..., "triggers": [...]}``).

    Raises:
        LexiconError: not JSON, or not a valid rule file (the first error is named).
    """
    try:
        data = RuleFile.model_validate_json(text)
    except ValidationError as e:
        raise LexiconError(f"trigger lexicon: {_first_error(e)}") from e
    return [rule_from_entry(entry) for entry in data.triggers]


@cache
def default_lexicon() -> Lexicon:
    """The shipped lexicon (read once per process); shadowed rules are logged."""
    text = resources.files("ingest").joinpath("data/triggers.json").read_text("utf-8")
    rules = load_rules(text)
    for shadowed, by in shadowed_rules(rules):
        _LOG.warning("trigger rule %s can never fire: %s always matches first", shadowed, by)
    return Lexicon(rules)
