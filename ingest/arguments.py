"""Source and target actors of a trigger, read from the dependency parse.

Source: the subject (or passive agent); for an event noun its possessor or modifier
("Russia's invasion", "U.S. sanctions") or its own agent phrase ("an attack by", "a warning
from", "talks between X and Y", "restrictions imposed by"); for clauses without a subject of
their own (purpose clauses, infinitives, conjuncts, nominal triggers) the subject of the
governing verb; in reported speech without another subject, the speaker. Target: direct /
indirect object, passive subject, then the objects of "with/to/on/against/of…" phrases.
Coordination gives compound actors. Tokens become actors through the actor mentions
(``ingest.mentions``).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ingest import clauses
from ingest.mentions import mentions_at
from ingest.targets import fallback_target, own_organs
from ontology.model import Actor

__all__ = ["Arguments", "actors_at", "arguments_of", "fallback_target", "target_actors"]

TARGET_PREPS = (
    "with",
    "to",
    "on",
    "against",
    "of",
    "at",
    "into",
    "toward",
    "towards",
    "upon",
    "between",
    "over",
    "from",
    "for",
)
_OBJECT_DEPS = ("dobj", "dative", "iobj", "attr", "oprd")
_CLIMB_DEPS = frozenset(
    {"xcomp", "advcl", "conj", "pcomp", "prep", "acomp", "dobj", "pobj", "attr"}
)
# A nominal trigger takes the subject of the verb whose object it is ("held talks with",
# "went into talks with"), not of any clause above it.
_NOUN_CLIMB_DEPS = frozenset({"xcomp", "pcomp", "prep", "dobj", "pobj", "attr", "acomp"})
_NP_DEPS = frozenset({"poss", "compound", "amod", "nmod", "appos", "npadvmod"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
# Governing verbs whose own subject does the complement even when they have an object
# ("promised Kyiv to send", "used drones to strike"); with other verbs the object does it
# ("urged Kyiv to send").
_SUBJECT_CONTROL = frozenset(
    {"promise", "vow", "pledge", "threaten", "offer", "agree", "use", "employ", "take", "make"}
)


@dataclass(frozen=True, slots=True)
class Arguments:
    """The actors of one trigger and how sure we are of them."""

    source: tuple[Actor, ...]
    target: tuple[Actor, ...]
    attributed_to: tuple[Actor, ...]
    quality: float
    from_speaker: bool = False


def _unique(actors: list[Actor]) -> list[Actor]:
    seen: set[str] = set()
    out: list[Actor] = []
    for actor in actors:
        if actor.id not in seen:
            seen.add(actor.id)
            out.append(actor)
    return out


def _direct(doc: Doc, token: Token) -> list[Actor]:
    found = mentions_at(doc, token.i)
    heads = [m.actor for m in found if m.head == token.i]
    return heads or [m.actor for m in found]


def actors_at(
    doc: Doc, token: Token, *, depth: int = 2, exclude: frozenset[str] = frozenset()
) -> list[Actor]:
    """Actors named by the token (with its conjuncts), else by its noun phrase's modifiers.

    Actors in ``exclude`` (the event's source, when looking for its target) are skipped.
    """
    out: list[Actor] = []
    for tok in (token, *token.conjuncts):
        direct = [a for a in _direct(doc, tok) if a.id not in exclude]
        if not direct and depth > 0:
            direct = [a for a in _from_noun_phrase(doc, tok, depth) if a.id not in exclude]
        out.extend(direct)
    return _unique(out)


def _from_noun_phrase(doc: Doc, token: Token, depth: int) -> list[Actor]:
    out: list[Actor] = []
    for child in token.children:
        if child.dep_ in _NP_DEPS:
            out.extend(actors_at(doc, child, depth=depth - 1))
        elif child.dep_ == "prep" and child.lower_ in {"of", "from", "by", "for"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out.extend(actors_at(doc, pobj, depth=depth - 1))
        elif child.dep_ == "acl" and child.tag_ == "VBN":
            # "the allegations made by Pakistan", "the truce brokered by Qatar"
            for agent in clauses.passive_agents(child):
                out.extend(actors_at(doc, agent, depth=depth - 1))
    return out


def _subject_actors(doc: Doc, verb: Token, *, passive_subject: bool = False) -> list[Actor]:
    deps = {"nsubj", "csubj", "nsubjpass"} if passive_subject else {"nsubj", "csubj"}
    out: list[Actor] = []
    for subj in (c for c in verb.children if c.dep_ in deps):
        if subj.lower_ in clauses.RELATIVE and verb.dep_ == "relcl":
            out.extend(actors_at(doc, verb.head))
        else:
            out.extend(actors_at(doc, subj))
    return out


def _subject_tokens(verb: Token, *, passive_subject: bool) -> list[Token]:
    deps = {"nsubj", "csubj", "nsubjpass"} if passive_subject else {"nsubj", "csubj"}
    return [c for c in verb.children if c.dep_ in deps]


def _speaker_may_stand_in(subjects: list[Token]) -> bool:
    """No subject, an expletive, or a first-person pronoun: the speaker is the actor."""
    return not subjects or all(s.lower_ in _FIRST_PERSON or s.dep_ == "expl" for s in subjects)


def _stops_climb(head: Token) -> bool:
    """A word of feeling, evaluation or perception: its subject only feels, judges or sees
    what someone else does ("lawmakers angered by a ruling to imprison …")."""
    lemma = head.lemma_.lower()
    return lemma in clauses.ATTITUDE_WORDS or lemma in clauses.PERCEPTION_VERBS


def _object_controller(doc: Doc, head: Token, dep: str) -> list[Actor] | None:
    """The actors of the object that does an infinitive complement ("urged Kyiv to send",
    "forced the army to withdraw"; empty when the object names none), or ``None`` when the
    governing verb has no object or is one whose subject does it ("promised Kyiv to send")."""
    if dep != "xcomp" or head.lemma_.lower() in _SUBJECT_CONTROL:
        return None
    objects = [c for c in head.children if c.dep_ in {"dobj", "dative"}]
    if not objects:
        return None
    return _unique([a for c in objects for a in actors_at(doc, c)])


def _nominal_agent(doc: Doc, trigger: Token, *, verbal: bool) -> list[Actor]:
    """The agent of an event noun named in its own phrase: "an attack by Iranian Guards", "a
    warning from Turkey" (verbal acts: a withdrawal "from" Iraq names a place), "talks between
    Israel and Hamas" (the first party; the others are then its target), "restrictions imposed
    by the U.S." (the agent of a participle modifying it)."""
    for child in trigger.children:
        word = child.lower_
        if child.dep_ == "acl" and child.tag_ == "VBN":
            found = [a for p in clauses.passive_agents(child) for a in actors_at(doc, p)]
            if found:
                return found
        if child.dep_ != "prep" or not (word in {"by", "between"} or (verbal and word == "from")):
            continue
        for pobj in (c for c in child.children if c.dep_ == "pobj"):
            found = actors_at(doc, pobj)
            if found:
                return found[:1] if word == "between" else found
    return []


def _reported_conjunct(trigger: Token, current: Token) -> bool:
    """A verbal act conjoined to a reported clause whose subject is no actor: the speaker's
    second act ("The Kremlin said the ruling was theft and warned of retaliation")."""
    return (
        trigger.dep_ == "conj"
        and current.i == trigger.head.i
        and current.dep_ == "ccomp"
        and current.head.lemma_.lower() in clauses.SPEECH_VERBS
    )


def source_actors(
    doc: Doc, trigger: Token, *, verbal: bool = True
) -> tuple[list[Actor], float, bool]:
    """Source actors, a quality score and whether they came from the speaker.

    The speaker of a reported clause stands in for a missing subject only for verbal acts
    ("…, there will be serious consequences,” Blinken said) or a first-person subject; a
    material event without its own agent ("three people were killed, police said") has no
    source.
    """
    if trigger.pos_ in {"NOUN", "PROPN"}:
        own = [
            a
            for c in trigger.children
            if c.dep_ in {"poss", "amod", "compound", "nmod"}
            for a in actors_at(doc, c, depth=0)
        ] or _nominal_agent(doc, trigger, verbal=verbal)
        if own:
            return _unique(own), 0.8, False
    if clauses.is_passive(trigger) or (trigger.dep_ == "acl" and trigger.tag_ == "VBN"):
        # the passive subject (or the noun a participle modifies) is the target; without an
        # agent there is no source ("eight protesters were killed", "the index released")
        agents = [a for p in clauses.passive_agents(trigger) for a in actors_at(doc, p)]
        return _unique(agents), (1.0 if agents else 0.0), False
    current = trigger
    quality = 1.0
    for _ in range(6):
        governed = current.i != trigger.i
        found = _subject_actors(doc, current, passive_subject=governed)
        if found:
            return _unique(found), quality, False
        subjects = _subject_tokens(current, passive_subject=governed)
        if subjects:
            if not (_speaker_may_stand_in(subjects) or _reported_conjunct(trigger, current)):
                return [], 0.0, False
            verbal = verbal or _speaker_may_stand_in(subjects)
            break
        head, dep = clauses.effective_head(current)
        if dep in {"csubj", "csubjpass"}:
            return [], 0.0, False  # "holding a summit would be …": nobody holds it
        allowed = _NOUN_CLIMB_DEPS if trigger.pos_ in {"NOUN", "PROPN"} else _CLIMB_DEPS
        if head.i == current.i or dep not in allowed or (dep != "conj" and _stops_climb(head)):
            break
        controller = _object_controller(doc, head, dep)
        if controller is not None:
            return controller, (quality - 0.1 if controller else 0.0), False
        current = head
        quality -= 0.1
    speech = clauses.speech_verb_of(trigger) if verbal else None
    if speech is not None:
        found = _subject_actors(doc, speech)
        if found:
            return _unique(found), 0.6, True
    return [], 0.0, False


def _objects(token: Token) -> list[Token]:
    """Objects and passive subject; a relative pronoun stands for the noun its clause modifies
    ("the towns which were shelled", "the villages that troops shelled")."""
    out = [c for c in token.children if c.dep_ in _OBJECT_DEPS]
    if clauses.is_passive(token):
        out.extend(c for c in token.children if c.dep_ == "nsubjpass")
    if token.dep_ == "relcl":
        out = [token.head if c.lower_ in clauses.RELATIVE else c for c in out]
    return out


def _prep_objects(token: Token, depth: int = 2) -> list[Token]:
    out: list[Token] = []
    for prep in sorted(
        (c for c in token.children if c.dep_ in {"prep", "dative"} and c.lower_ in TARGET_PREPS),
        key=lambda c: TARGET_PREPS.index(c.lower_),
    ):
        pobjs = [g for g in prep.children if g.dep_ == "pobj"]
        out.extend(pobjs)
        if depth > 1:
            for pobj in pobjs:
                out.extend(_prep_objects(pobj, depth - 1))
    return out


def _target_in(doc: Doc, token: Token, exclude: frozenset[str]) -> list[Actor]:
    for obj in _objects(token):
        found = actors_at(doc, obj, exclude=exclude)
        if found:
            return found
        for pobj in _prep_objects(obj):
            found = actors_at(doc, pobj, exclude=exclude)
            if found:
                return found
    for pobj in _prep_objects(token):
        found = actors_at(doc, pobj, exclude=exclude)
        if found:
            return found
    return []


def _complement_target(doc: Doc, trigger: Token, exclude: frozenset[str]) -> list[Actor]:
    for child in trigger.children:
        if child.dep_ not in {"ccomp", "xcomp", "acl"} and not (
            child.dep_ == "advcl" and clauses.has_to(child)
        ):
            continue
        found = [a for s in clauses.subjects(child) for a in actors_at(doc, s, exclude=exclude)]
        if found:
            return found
        found = _target_in(doc, child, exclude)
        if found:
            return found
        for grandchild in child.children:
            if grandchild.dep_ == "xcomp":
                found = _target_in(doc, grandchild, exclude)
                if found:
                    return found
    return []


_SUBTREE_STOP = frozenset(
    {
        "ccomp",
        "advcl",
        "relcl",
        "conj",
        "parataxis",
        "nsubj",
        "nsubjpass",
        "agent",
        "csubj",
        "acl",
        "appos",
        "npadvmod",
    }
)


def _first_mention_below(doc: Doc, trigger: Token, exclude: frozenset[str]) -> list[Actor]:
    """The first actor named after the trigger inside its own phrase (not its clauses)."""
    frontier = [c for c in trigger.rights if c.dep_ not in _SUBTREE_STOP]
    seen: list[Token] = []
    while frontier:
        tok = frontier.pop(0)
        seen.append(tok)
        frontier.extend(c for c in tok.children if c.dep_ not in _SUBTREE_STOP)
    for tok in sorted(seen, key=lambda t: t.i):
        found = [a for a in _direct(doc, tok) if a.id not in exclude]
        if found:
            return found
    return []


def target_actors(doc: Doc, trigger: Token, exclude: frozenset[str] = frozenset()) -> list[Actor]:
    """Target actors: objects (and their "with/of/to…" phrases), then prepositional objects,
    then the subject or objects of the trigger's complement ("demanded that the US cancel",
    "threatened to ban opposition candidates", "offered to hand over … to Britain"), then the
    first actor named inside the trigger's phrase."""
    chain = clauses.clause_chain(trigger) if trigger.pos_ == "ADJ" else [trigger]
    for tok in chain:
        found = _target_in(doc, tok, exclude)
        if found:
            return found
    return _complement_target(doc, trigger, exclude) or _first_mention_below(doc, trigger, exclude)


def condition_actors(doc: Doc, trigger: Token) -> list[Actor]:
    """Actors named in the condition of a threat ("if Russia invades", "in the event of a
    Russian attack") — the party the threat is aimed at."""
    heads = clauses.condition_clauses(trigger) or clauses.sentence_conditions(trigger)
    out: list[Actor] = []
    for head in heads:
        subj = [a for s in clauses.subjects(head) for a in actors_at(doc, s)]
        if subj:
            out.extend(subj)
            continue
        for tok in head.subtree:
            out.extend(_direct(doc, tok))
    return _unique(out)


def attribution(doc: Doc, trigger: Token, source: list[Actor]) -> list[Actor]:
    """Who claims the event when someone else reports it ("Kyiv says Russia has …")."""
    speech = clauses.speech_verb_of(trigger)
    if speech is None:
        return []
    speakers = _unique(_subject_actors(doc, speech))
    source_ids = {a.id for a in source}
    source_countries = {a.country for a in source if a.country}
    return [
        a
        for a in speakers
        if a.id not in source_ids and (a.country is None or a.country not in source_countries)
    ]


def arguments_of(
    doc: Doc, trigger: Token, *, threat: bool = False, verbal: bool = True
) -> Arguments:
    """Source, target and attribution of the trigger token (``verbal``: a verbal act, whose
    missing subject may be the speaker)."""
    source, quality, from_speaker = source_actors(doc, trigger, verbal=verbal)
    source_ids = frozenset(a.id for a in source)
    target = target_actors(doc, trigger, source_ids | own_organs(source))
    if not target and threat:
        target = condition_actors(doc, trigger)
    target = [a for a in target if a.id not in source_ids]
    attributed = [] if from_speaker else attribution(doc, trigger, source)
    return Arguments(
        source=tuple(source),
        target=tuple(_unique(target)),
        attributed_to=tuple(attributed),
        quality=max(0.0, quality),
        from_speaker=from_speaker,
    )
