"""Dictionary hits of one doc, indexed by token, with the actor each one names."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ingest.actors.dictionary import ActorDictionary, Form
from ingest.actors.history import on_day
from ingest.sectors import is_title_word
from ontology.model import Actor

HITS_KEY = "dekg_actor_hits"


@dataclass(frozen=True, slots=True)
class Hit:
    """A dictionary match: the span, the chosen form and its canonical actor."""

    span: Span
    form: Form
    actor: Actor

    @property
    def is_state(self) -> bool:
        return self.actor.id.startswith("state:")

    @property
    def is_person(self) -> bool:
        return self.actor.id.startswith("person:")

    @property
    def is_org(self) -> bool:
        return self.actor.id.startswith(("org:", "armed_group:"))


class HitIndex:
    """Token index → hit, built from ``doc.spans["dekg_actor_hits"]``."""

    def __init__(self, doc: Doc, dictionary: ActorDictionary, day: dt.date | None) -> None:
        self.hits: list[Hit] = []
        self.non_actor_tokens: set[int] = set()
        self._by_token: dict[int, Hit] = {}
        spans = doc.spans.get(HITS_KEY, [])
        for span in spans:
            if dictionary.is_non_actor(span.label_):
                self.non_actor_tokens.update(range(span.start, span.end))
                continue
            form = dictionary.best_form(span.label_, day)
            actor = dictionary.actor(form.actor_id, day) if form is not None else None
            if form is None or actor is None or _out_of_office_surname(span, form, dictionary, day):
                continue
            hit = Hit(span, form, on_day(actor, day))
            self.hits.append(hit)
            for i in range(span.start, span.end):
                self._by_token[i] = hit

    def at(self, i: int) -> Hit | None:
        return self._by_token.get(i)

    def country_at(self, i: int) -> str | None:
        """ISO3 when token ``i`` is part of a state name, demonym or capital."""
        hit = self._by_token.get(i)
        if hit is not None and hit.is_state:
            return hit.actor.country
        return None


def _out_of_office_surname(
    span: Span, form: Form, dictionary: ActorDictionary, day: dt.date | None
) -> bool:
    """A bare surname ("Baker") names the dictionary person only while they hold office or
    after a title; the full name still matches, and coreference links the surname to it."""
    person = dictionary.people.get(form.actor_id)
    if person is None or len(span) != 1 or day is None or person.role_on(day) is not None:
        return False
    if len(person.name.split()) == 1:
        return False  # "Suharto" is the whole name
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is None or not is_title_word(before.text)  # "President Bush" stays
