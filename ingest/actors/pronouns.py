"""Pronoun resolution over the parse.

he/him/his, she/her, it/its, they/them/their → the antecedent chosen by recency, agreement
(gender, number, animacy), syntactic role (subjects first; an object pronoun is never the
subject of its own clause), parallelism and quotes (a speaker pronoun outside a quote does not
point into it); "I"/"we" inside a quote → its speaker (or the state they speak for).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ingest.actors.descriptions import SUBJECTS, sentence_index
from ingest.mentions import Mention
from ingest.sectors import NOUN_SECTORS, TITLE_SECTORS
from ontology.model import Actor, ActorKind

MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
NEUTER = frozenset({"it", "its", "itself"})
PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
FIRST_SINGULAR = frozenset({"i", "me", "my", "mine", "myself"})
FIRST_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves"})
SPEECH_VERBS = frozenset(
    {"say", "tell", "add", "state", "declare", "announce", "insist", "warn", "write", "note"}
)
_QUOTES_OPEN = frozenset({"“", '"', "‘"})
_QUOTES_CLOSE = frozenset({"”", '"', "’"})
_OBJECTS = frozenset({"dobj", "pobj", "dative", "obj", "iobj"})
GenderFn = Callable[[Actor], str | None]
_MAX_BACK = 2  # sentences looked back for pronouns


# Group nouns that name things or bodies, not one person ("army", "court", "city").
_NOT_PERSONS = frozenset(
    {"government", "administration", "authority", "cabinet", "delegation", "ministry"}
    | {"regime", "leadership", "embassy", "side", "junta", "army", "military", "force", "navy"}
    | {"warship", "warplane", "jet", "tank", "helicopter", "artillery", "gunboat", "police"}
    | {"court", "judiciary", "tribunal", "parliament", "legislature", "congress", "senate"}
    | {"assembly", "duma", "opposition", "militia", "intelligence", "people", "crowd", "union"}
    | {"village", "town", "city", "neighborhood", "neighbourhood", "home", "newspaper"}
    | {"media", "broadcaster", "company", "firm", "bank", "church", "mosque", "university"}
    | {"hospital", "terror", "gendarmerie", "air force", "youth"}
)


_PERSON_HEADS = frozenset({"member", "spokesman", "spokeswoman", "chief", "head", "commander"})


def is_person_noun(word: str) -> bool:
    """A singular group or title noun that names one person ("soldier", "envoy", "minister")."""
    low = word.lower()
    known = low in NOUN_SECTORS or low in TITLE_SECTORS or low in _PERSON_HEADS
    return known and low not in _NOT_PERSONS


@dataclass(frozen=True, slots=True)
class Unit:
    """All mentions sharing one head token: one antecedent candidate."""

    head: int
    actors: tuple[Actor, ...]
    sent: int
    plural: bool
    human: bool = False  # a singular noun naming one person ("a Russian soldier", "an envoy")


def quote_mask(doc: Doc) -> list[bool]:
    """Per token: is it inside quotation marks?"""
    mask = [False] * len(doc)
    inside = False
    for token in doc:
        text = token.text
        if not inside and text in _QUOTES_OPEN:
            inside = True
            continue
        if inside and text in _QUOTES_CLOSE:
            inside = False
            continue
        if "\n\n" in text:
            inside = False
        mask[token.i] = inside
    return mask


def build_units(doc: Doc, mentions: list[Mention], sent_of: list[int]) -> list[Unit]:
    """Group mentions by head; coordinated heads ("Russia and Ukraine") also form one unit."""
    by_head: dict[int, list[Actor]] = {}
    for mention in mentions:
        actors = by_head.setdefault(mention.head, [])
        if all(a.id != mention.actor.id for a in actors):
            actors.append(mention.actor)
    units = [
        Unit(
            head,
            tuple(actors),
            sent_of[head],
            len(actors) > 1 or doc[head].tag_ in {"NNS", "NNPS"},
            doc[head].tag_ == "NN" and is_person_noun(doc[head].lower_),
        )
        for head, actors in by_head.items()
    ]
    for head, actors in list(by_head.items()):
        conjuncts = [c.i for c in doc[head].conjuncts if c.i in by_head and c.i > head]
        if conjuncts and doc[head].dep_ != "conj":
            merged = list(actors)
            for c in conjuncts:
                merged += [a for a in by_head[c] if all(a.id != m.id for m in merged)]
            units.append(Unit(max(conjuncts), tuple(merged), sent_of[head], True))
    return sorted(units, key=lambda u: (u.head, len(u.actors)))


def agrees(pronoun: str, unit: Unit, gender_of: GenderFn) -> bool:
    actor = unit.actors[0]
    if pronoun in PLURAL:
        return unit.plural
    if unit.plural:
        return False
    if pronoun in MALE or pronoun in FEMALE:
        if actor.kind is not ActorKind.PERSON:
            return unit.human  # "a Russian soldier ... accusing him"
        gender = gender_of(actor)
        return gender is None or gender == ("m" if pronoun in MALE else "f")
    if pronoun in NEUTER:
        return actor.kind in {ActorKind.STATE, ActorKind.ORGANIZATION, ActorKind.ARMED_GROUP} or (
            actor.kind is ActorKind.GROUP
        )
    return False


def clause_verbs(token: Token) -> list[Token]:
    """The verb governing ``token`` and the verbs it is embedded under by control."""
    verbs: list[Token] = []
    current = token.head
    while current.pos_ not in {"VERB", "AUX"} and current.head.i != current.i:
        current = current.head
    verbs.append(current)
    while (
        current.dep_ in {"xcomp", "advcl", "conj", "pcomp", "prep"} and current.head.i != current.i
    ):
        current = current.head
        if current.pos_ in {"VERB", "AUX"}:
            verbs.append(current)
    return verbs


def bound_subjects(token: Token) -> set[int]:
    """Subjects an object pronoun cannot refer to ("Blinken met X to warn him")."""
    return {c.i for verb in clause_verbs(token) for c in verb.children if c.dep_ in SUBJECTS}


def controller(token: Token) -> int | None:
    """The subject of the clause a possessive sits in ("accuses Kyiv of pursuing its")."""
    verb = token.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    for _ in range(4):
        subject = next((c.i for c in verb.children if c.dep_ in SUBJECTS), None)
        if subject is not None:
            return subject
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            governor = verb.head.head
            obj = next((c.i for c in governor.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj
            verb = governor
            continue
        if verb.dep_ in {"conj", "xcomp", "advcl", "ccomp"} and verb.head.i != verb.i:
            verb = verb.head
            continue
        return None
    return None


def score(unit: Unit, doc: Doc, pronoun: Token, sent_of: list[int]) -> float:
    """Higher is better: near, a subject, in the main clause, or the same pronoun again."""
    distance = sent_of[pronoun.i] - unit.sent
    head = doc[unit.head]
    value = -10.0 * distance - 0.01 * abs(pronoun.i - unit.head)
    if head.lower_ == pronoun.lower_ and distance <= 1:
        return value + 8.0  # parallelism: "to warn him ... and to urge him"
    if head.dep_ in SUBJECTS:
        value += 5.0
        if head.head.dep_ == "ROOT":
            value += 1.0
    if pronoun.dep_ == "poss" and distance == 0:
        value = -0.01 * abs(pronoun.i - unit.head)
    return value


@dataclass(frozen=True, slots=True)
class DocFacts:
    """Per-doc arrays the pronoun rules consult."""

    sent_of: list[int]
    quoted: list[bool]


def choose(pronoun: Token, units: list[Unit], facts: DocFacts, gender_of: GenderFn) -> Unit | None:
    """The antecedent unit of a third-person pronoun, or None."""
    doc = pronoun.doc
    sent_of, quoted = facts.sent_of, facts.quoted
    word = pronoun.lower_
    here = sent_of[pronoun.i]
    bound_heads = bound_subjects(pronoun) if pronoun.dep_ in _OBJECTS else set()
    bound = {a.id for u in units if u.head in bound_heads for a in u.actors}
    candidates = [
        u
        for u in units
        if u.head < pronoun.i
        and here - u.sent <= _MAX_BACK
        and not all(a.id in bound for a in u.actors)
        and not (quoted[u.head] and not quoted[pronoun.i])
        and agrees(word, u, gender_of)
    ]
    if not candidates or _thing_antecedent(pronoun, units, sent_of):
        return None
    if pronoun.dep_ == "poss":
        subject = controller(pronoun)
        preferred = [u for u in candidates if u.head == subject]
        if preferred:
            return preferred[-1]
    return max(candidates, key=lambda u: score(u, doc, pronoun, sent_of))


def _thing_antecedent(pronoun: Token, units: list[Unit], sent_of: list[int]) -> bool:
    """ "The plan ... It would ...": a subject "it"/"they" whose latest preceding subject is a
    common noun that names no actor most likely refers to that noun, not to an actor."""
    if pronoun.dep_ not in SUBJECTS or pronoun.lower_ not in NEUTER | PLURAL:
        return False
    doc = pronoun.doc
    heads = {u.head for u in units}
    first = doc[pronoun.sent.start - 1].sent.start if pronoun.sent.start > 0 else 0
    for i in range(pronoun.i - 1, first - 1, -1):
        token = doc[i]
        if token.dep_ not in SUBJECTS or token.pos_ == "PRON":
            continue
        if i in heads:
            return False
        plural = token.tag_ in {"NNS", "NNPS"}
        return token.pos_ == "NOUN" and plural == (pronoun.lower_ in PLURAL)
    return False


def speaker(pronoun: Token, units: list[Unit], quoted: list[bool]) -> Unit | None:
    """The unit saying a quote: subject of a speech verb in the sentence, outside the quote."""
    sent = pronoun.sent
    for unit in units:
        if not (sent.start <= unit.head < sent.end) or quoted[unit.head]:
            continue
        head = pronoun.doc[unit.head]
        if head.dep_ in SUBJECTS and head.head.lemma_ in SPEECH_VERBS:
            return unit
    return None


def resolve_pronouns(
    doc: Doc,
    mentions: list[Mention],
    gender_of: GenderFn,
    known: Mapping[str, Actor] | None = None,
) -> list[Mention]:
    """Third-person pronouns → antecedents; first-person pronouns in quotes → speakers."""
    sent_of = sentence_index(doc)
    quoted = quote_mask(doc)
    out = list(mentions)
    units = build_units(doc, mentions, sent_of)
    first_person: list[Token] = []
    for token in doc:
        word = token.lower_
        if token.pos_ != "PRON" or token.dep_ == "expl":
            continue
        if word in FIRST_SINGULAR or word in FIRST_PLURAL:
            if quoted[token.i]:
                first_person.append(token)
            continue
        if word not in MALE | FEMALE | NEUTER | PLURAL:
            continue
        unit = choose(token, units, DocFacts(sent_of, quoted), gender_of)
        if unit is None:
            continue
        new = Unit(token.i, unit.actors, sent_of[token.i], unit.plural, unit.human)
        units = sorted([*units, new], key=lambda u: (u.head, len(u.actors)))
        out += [
            Mention(token.i, token.i + 1, token.i, a, "pronoun", token.text) for a in unit.actors
        ]
    for token in first_person:
        unit = speaker(token, units, quoted)
        if unit is None:
            continue
        actors = unit.actors
        if token.lower_ in FIRST_PLURAL:
            actors = tuple(_side_of(a, known or {}) for a in actors)
        out += [Mention(token.i, token.i + 1, token.i, a, "pronoun", token.text) for a in actors]
    return out


def _side_of(actor: Actor, known: Mapping[str, Actor]) -> Actor:
    """ "We" said by a person: the state or organisation they act for, when known."""
    side = known.get(actor.affiliation or "") if actor.kind is ActorKind.PERSON else None
    if side is None:
        return actor
    if side.kind is ActorKind.STATE:
        return side.model_copy(update={"sector": actor.sector})
    return side
