"""Actor and place mentions on a spaCy ``Doc``: the interface between the NLP components.

The actor components (C1) fill ``Doc._.dekg_mentions``, ``Doc._.dekg_places`` and
``Doc._.dekg_actors``; the event components read them. The Extractor may set
``Doc._.dekg_doc_date`` before the pipeline runs (``nlp.pipe`` accepts ``Doc`` objects) so
that time-bounded roles from the actor dictionary resolve at the article's date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Doc

from ontology.model import Actor, Place

VIA_KINDS: frozenset[str] = frozenset(
    {"ner", "dictionary", "demonym", "capital", "description", "coref", "pronoun", "nominal"}
)


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of tokens that names or refers to an actor.

    ``start``/``end`` are token offsets (end exclusive); ``head`` is the token standing for the
    actor in the parse; ``via`` says how it was found (one of ``VIA_KINDS``).
    """

    start: int
    end: int
    head: int
    actor: Actor
    via: str
    text: str

    def covers(self, i: int) -> bool:
        return self.start <= i < self.end


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A span used as a location, geocoded to a ``Place``."""

    start: int
    end: int
    place: Place
    via: str


def register_extensions() -> None:
    """Register the ``Doc._.dekg_*`` attributes (idempotent)."""
    Doc.set_extension("dekg_mentions", default=None, force=True)
    Doc.set_extension("dekg_places", default=None, force=True)
    Doc.set_extension("dekg_actors", default=None, force=True)
    Doc.set_extension("dekg_doc_date", default=None, force=True)


register_extensions()


def get_mentions(doc: Doc) -> list[Mention]:
    """The doc's actor mentions (empty list before the actor components ran)."""
    value: list[Mention] | None = doc._.dekg_mentions
    return value if value is not None else []


def set_mentions(doc: Doc, mentions: list[Mention]) -> None:
    """Store mentions sorted by (start, end, head) and refresh the actor registry."""
    ordered = sorted(mentions, key=lambda m: (m.start, m.end, m.head, m.actor.id))
    doc._.dekg_mentions = ordered
    doc._.dekg_actors = build_registry(ordered)


def get_places(doc: Doc) -> list[PlaceMention]:
    value: list[PlaceMention] | None = doc._.dekg_places
    return value if value is not None else []


def get_actors(doc: Doc) -> dict[str, Actor]:
    value: dict[str, Actor] | None = doc._.dekg_actors
    return value if value is not None else {}


def get_doc_date(doc: Doc) -> dt.date | None:
    """The article date the Extractor set, if any."""
    value = doc._.dekg_doc_date
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def mentions_at(doc: Doc, i: int) -> list[Mention]:
    """Mentions whose head is token ``i`` or whose span covers it."""
    return [m for m in get_mentions(doc) if m.head == i or m.covers(i)]


def mentions_in(doc: Doc, start: int, end: int) -> list[Mention]:
    """Mentions whose head lies in tokens ``[start, end)``."""
    return [m for m in get_mentions(doc) if start <= m.head < end]


def places_in(doc: Doc, start: int, end: int) -> list[PlaceMention]:
    """Place mentions that start inside tokens ``[start, end)``."""
    return [p for p in get_places(doc) if start <= p.start < end]


def build_registry(mentions: list[Mention]) -> dict[str, Actor]:
    """One Actor per id: the richest version seen, with the surface forms as aliases."""
    registry: dict[str, Actor] = {}
    aliases: dict[str, list[str]] = {}
    for mention in mentions:
        actor = mention.actor
        current = registry.get(actor.id)
        registry[actor.id] = actor if current is None else richer(current, actor)
        if mention.via not in {"pronoun"}:
            names = aliases.setdefault(actor.id, [])
            if mention.text not in names and mention.text != registry[actor.id].name:
                names.append(mention.text)
    return {
        key: actor.model_copy(update={"aliases": _merge_aliases(actor.aliases, aliases[key])})
        if aliases.get(key)
        else actor
        for key, actor in registry.items()
    }


def richer(a: Actor, b: Actor) -> Actor:
    """Merge two versions of the same actor, keeping every field either one has."""
    update: dict[str, object] = {}
    for field in ("country", "sector", "role", "affiliation"):
        if getattr(a, field) is None and getattr(b, field) is not None:
            update[field] = getattr(b, field)
    if len(b.name) > len(a.name) and a.kind.value == "person":
        update["name"] = b.name
    merged = _merge_aliases(a.aliases, b.aliases)
    if merged != a.aliases:
        update["aliases"] = merged
    return a.model_copy(update=update) if update else a


def _merge_aliases(first: tuple[str, ...], more: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    out = list(first)
    for alias in more:
        if alias not in out:
            out.append(alias)
    return tuple(out)
