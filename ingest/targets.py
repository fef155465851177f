"""Implicit targets: who an event without a named target is done to, when the text tells.

No place or own-state fallback for verbal acts (a rejection, an accusation or an appeal is
aimed at whoever made the rejected claim, never at a place): their target is the author of what
they respond to when the clause says so ("rejected the accusations while responding to the
statement by the Taliban chief", "in response to Iran's threats"), else empty. Nor is there a
fallback for events with nothing done to anyone ("launched an offensive", "mobilised troops"
with no place named).
Otherwise:

- an unnamed *patient* (the object, passive subject or relativised noun: "killed 12
  civilians", "detained dozens of activists", "the villages that troops shelled") belongs to
  the state where the event happens (a place named in the trigger's own clause), else, for
  coercion, to the source's state (domestic: "police arrested protesters"), and for violence
  only when the source is not a state or its army (police, rebels, gunmen: "gunmen killed
  villagers"; "Iran shelled villages" does not say whose);
- a coercive measure ("imposed a curfew in Cizre", "banned rallies in Minsk") applies to the
  state of the place named in its clause; so does a mobilisation ("moved missiles towards the
  border with Finland", "warships moved into waters off La Guaira"): PLOVER MOBILIZE's
  recipient is whoever the forces are mobilised against "if that is clear";
- a protest is aimed at the authorities of the place, else of the protesters' own state
  (PLOVER PROTEST: "collective actions carried out as protests against the recipient"); a
  resignation, surrender or domestic concession likewise ("the government lifted a state of
  emergency in West Darfur", "the minister resigned": PLOVER RETREAT/CONCEDE, as the PLOVER
  gold standard codes them). A protest named by a noun ("workers on strike", "the protests in
  Minsk") is addressed likewise: 69 of the 72 protests of the corpus's tuning split whose
  target the sentence leaves implicit are aimed at the protesters' own state.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ingest import clauses
from ingest.actors.dictionary import get_dictionary
from ingest.mentions import get_actors, mentions_at, places_in
from ontology.model import Actor, ActorKind, Sector
from ontology.plover import EventType

# Events done to someone: the target is the unnamed patient's state.
PATIENT_TYPES = frozenset({EventType.COERCE, EventType.ASSAULT, EventType.SANCTION, EventType.AID})
# Acts addressed to the authorities of the place, else of the actor's own state.
ADDRESSED_TYPES = frozenset({EventType.PROTEST, EventType.RETREAT, EventType.CONCEDE})
# The source's own state may be the target of these (domestic events).
DOMESTIC_TYPES = frozenset({EventType.COERCE, EventType.ASSAULT} | ADDRESSED_TYPES)
# Sources whose violence says nothing about the victims' state.
_FOREIGN_REACH = frozenset({Sector.MIL})
# Measures that apply to the place they are imposed in.
MEASURE_TYPES = frozenset({EventType.COERCE, EventType.SANCTION})
# Objects that name the event itself, not someone it is done to.
EVENT_NOUNS = frozenset(
    {
        "attack",
        "offensive",
        "strike",
        "airstrike",
        "raid",
        "assault",
        "operation",
        "campaign",
        "war",
        "fire",
        "bombardment",
        "invasion",
        "incursion",
        "fight",
        "fighting",
        "battle",
        "clash",
        "violence",
        "crackdown",
        "sanction",
        "measure",
        "step",
        "action",
        "role",
        "part",
        "effort",
        "accusation",
        "claim",
        "charge",
        "allegation",
        "report",
        "statement",
        "decision",
        "plan",
        "proposal",
        "demand",
        "call",
    }
)
_PATIENT_DEPS = frozenset({"dobj", "nsubjpass", "dative"})


def state_actor(doc: Doc, iso3: str) -> Actor | None:
    key = f"state:{iso3}"
    return get_actors(doc).get(key) or get_dictionary().actor(key)


_ORGAN_SECTORS = ("mil", "jud", "leg")


def own_organs(source: tuple[Actor, ...] | list[Actor]) -> frozenset[str]:
    """The ids of the armed forces, courts and legislature of the states that act (a state,
    its government or its forces): what a state moves, withdraws or sends ("Russia massed
    troops near the border") is not its target; its opposition may still accuse them."""
    countries = {
        a.country.lower()
        for a in source
        if a.country and (a.kind is ActorKind.STATE or a.sector in {Sector.GOV, Sector.MIL})
    }
    return frozenset(f"group:{c}-{s}" for c in countries for s in _ORGAN_SECTORS)


def patients(trigger: Token) -> list[Token]:
    """The nouns the event is done to: objects, the passive subject, the noun a relative
    clause or participle modifies, and the head of "dozens of activists"."""
    found = [c for c in trigger.children if c.dep_ in _PATIENT_DEPS]
    if trigger.dep_ == "relcl" and any(c.lower_ in clauses.RELATIVE for c in found):
        found.append(trigger.head)  # "the villages that troops shelled"
    elif trigger.dep_ == "acl" and trigger.tag_ == "VBN":
        found.append(trigger.head)  # "the town shelled by artillery"
    out: list[Token] = []
    for tok in found:
        out.append(tok)
        out.extend(
            g for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
        )
    return [
        t
        for t in out
        if t.pos_ in {"NOUN", "PROPN", "NUM", "PRON"}
        and t.lemma_.lower() not in EVENT_NOUNS
        and t.lower_ not in clauses.RELATIVE
    ]


def _unnamed(doc: Doc, tokens: list[Token]) -> bool:
    return bool(tokens) and not any(mentions_at(doc, t.i) for t in tokens)


def clause_place(doc: Doc, sent: Span, trigger: Token) -> str | None:
    """The country of the place named in the trigger's own clause, nearest to the trigger."""
    region = {t.i for t in clauses.clause_top(trigger).subtree}
    found = [
        p
        for p in places_in(doc, sent.start, sent.end)
        if p.place.country and p.start in region and not clauses.in_condition(doc[p.start])
    ]
    if not found:
        return None
    return min(found, key=lambda p: abs(p.start - trigger.i)).place.country


def _domestic(event_type: EventType, source: tuple[Actor, ...]) -> bool:
    """Whether an unnamed patient of this source is taken to be its own people."""
    if event_type is not EventType.ASSAULT:
        return event_type is EventType.COERCE
    return all(a.kind is not ActorKind.STATE and a.sector not in _FOREIGN_REACH for a in source)


_RESPONSE_WORDS = frozenset({"respond", "response", "react", "reaction", "reply", "answer"})
VERBAL_TYPES = frozenset(
    {EventType.REJECT, EventType.ACCUSE, EventType.REQUEST, EventType.THREATEN, EventType.SUPPORT}
)


def response_target(doc: Doc, trigger: Token, source: tuple[Actor, ...]) -> tuple[Actor, ...]:
    """The actors named in what a verbal act responds to ("while responding to the statement
    by the Taliban chief", "in response to Russia's demands"), other than its source."""
    source_ids = {a.id for a in source}
    for child in trigger.children:
        heads = [child] if child.dep_ == "advcl" else []
        if child.dep_ == "prep":
            heads = [g for g in child.children if g.dep_ == "pobj"]
        for head in heads:
            if head.lemma_.lower() not in _RESPONSE_WORDS:
                continue
            for tok in head.subtree:
                found = [m.actor for m in mentions_at(doc, tok.i) if m.actor.id not in source_ids]
                if found:
                    return tuple(dict.fromkeys(found))
    return ()


def fallback_target(
    doc: Doc, sent: Span, trigger: Token, event_type: EventType, source: tuple[Actor, ...]
) -> tuple[Actor, ...]:
    """The implicit target of an event whose target the parse does not name (see the module
    docstring); ``()`` when the text does not tell."""
    if trigger.pos_ != "VERB" and not (
        event_type is EventType.PROTEST and trigger.pos_ in {"NOUN", "PROPN"}
    ):
        return ()  # a protest noun ("a strike at the port", "the protests") is still addressed
    if event_type in VERBAL_TYPES:
        return response_target(doc, trigger, source)
    place = clause_place(doc, sent, trigger)
    own = next((a.country for a in source if a.country), None)
    if event_type in ADDRESSED_TYPES:
        country = place or own
    elif event_type in PATIENT_TYPES and _unnamed(doc, patients(trigger)):
        country = place or (own if _domestic(event_type, source) else None)
    elif event_type in MEASURE_TYPES or event_type is EventType.MOBILIZE:
        country = place
    else:
        return ()
    state = state_actor(doc, country) if country else None
    source_ids = {a.id for a in source}
    if state is None or (
        state.id in source_ids and (event_type not in DOMESTIC_TYPES or not place)
    ):
        return ()  # a state acting on itself only where the text names the place
    return (state,)
