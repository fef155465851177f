"""Sources the text implies but does not name, for two kinds of domestic events.

- **Coercion in the passive** with no agent ("a journalist was arrested in Harare", "the
  leader was detained and charged"): PLOVER COERCE is done by the authorities, and unless the
  text names someone else, those are the authorities of the state where it happens: the place
  named in the clause, else the state the victim belongs to, else the only state the sentence
  names, else the article's dominant state when the sentence names none.
- **Protests named by a noun** with no one staging them ("weeks of protests in Dhaka", "a
  general strike paralysed the capital"): the civilians of the same state, found the same way.

Anything else without a source stays without one: an unattributed killing or a nominal
agreement says nothing about who did it.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span, Token

from ingest import clauses
from ingest.actors.groups import country_group
from ingest.mentions import get_mentions, mentions_at
from ingest.targets import clause_place, patients, state_actor
from ontology.model import Actor, ActorKind, Sector
from ontology.plover import EventType


def _passive(trigger: Token) -> bool:
    if clauses.is_passive(trigger) or (trigger.dep_ == "acl" and trigger.tag_ == "VBN"):
        return not clauses.passive_agents(trigger)
    head = trigger.head
    return (
        trigger.dep_ == "conj"
        and trigger.tag_ == "VBN"
        and clauses.is_passive(head)
        and not clauses.passive_agents(head)
        and not clauses.passive_agents(trigger)
    )


def _victim_country(doc: Doc, trigger: Token) -> str | None:
    tokens = patients(trigger)
    if trigger.dep_ == "conj":
        tokens += patients(trigger.head)
    for tok in tokens:
        for mention in mentions_at(doc, tok.i):
            if mention.actor.country:
                return mention.actor.country
    return None


def _sentence_country(doc: Doc, sent: Span) -> str | None:
    """The only state the sentence names; with none, the article's dominant state."""
    states = {
        m.actor.country
        for m in get_mentions(doc)
        if m.actor.country
        and m.actor.kind is not ActorKind.PERSON
        and sent.start <= m.head < sent.end
    }
    if len(states) == 1:
        return next(iter(states))
    if states:
        return None
    counts = Counter(m.actor.country for m in get_mentions(doc) if m.actor.kind is ActorKind.STATE)
    if not counts:
        return None
    country, count = counts.most_common(1)[0]
    return country if count * 2 >= sum(counts.values()) else None


def implied_source(
    doc: Doc, sent: Span, trigger: Token, event_type: EventType
) -> tuple[Actor, ...]:
    """The implied source of a sourceless event (see the module docstring), or ``()``."""
    if event_type is EventType.COERCE and _passive(trigger):
        country = (
            clause_place(doc, sent, trigger)
            or _victim_country(doc, trigger)
            or _sentence_country(doc, sent)
        )
        state = state_actor(doc, country) if country else None
        return (state,) if state is not None else ()
    if event_type is EventType.PROTEST and trigger.pos_ in {"NOUN", "PROPN"}:
        country = clause_place(doc, sent, trigger) or _sentence_country(doc, sent)
        state = state_actor(doc, country) if country else None
        if state is None or state.country is None:
            return ()
        return (country_group(state.country, state.name, Sector.CVL),)
    return ()
