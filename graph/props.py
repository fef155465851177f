"""Node and relationship properties of the graph model, built from the ontology models.

The writer sends these as Cypher parameters and ``project.events_to_graph`` uses the same
functions, so the Neo4j graph and the networkx projection cannot drift apart.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from graph.identity import fingerprint
from ontology.model import Actor, ActorKind, Article, Event, ExtractionResult, Place

#: The second label of an actor node by kind.
KIND_LABELS: dict[ActorKind, str] = {
    ActorKind.PERSON: "Person",
    ActorKind.STATE: "State",
    ActorKind.ORGANIZATION: "Organization",
    ActorKind.ARMED_GROUP: "ArmedGroup",
    ActorKind.GROUP: "Group",
}

_PREFIX_KINDS: dict[str, ActorKind] = {
    "state": ActorKind.STATE,
    "org": ActorKind.ORGANIZATION,
    "person": ActorKind.PERSON,
    "armed_group": ActorKind.ARMED_GROUP,
    "group": ActorKind.GROUP,
}


def content_hash(result: ExtractionResult) -> str:
    """Hash of everything an article contributes to the graph (article, events, actors).

    Re-ingesting an article with the same hash changes nothing, so the writer skips it.
    """
    digest = hashlib.sha256()
    if result.article is not None:
        digest.update(result.article.model_dump_json().encode("utf-8"))
    for event in result.events:
        digest.update(event.model_dump_json().encode("utf-8"))
    for actor in result.actors:
        digest.update(actor.model_dump_json().encode("utf-8"))
    return digest.hexdigest()


def article_props(article: Article, hash_: str, event_count: int) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "url": article.url,
        "publisher": article.publisher,
        "agency": article.agency,
        "published": article.published,
        "published_inferred": article.published_inferred,
        "language": article.language,
        "content_hash": hash_,
        "event_count": event_count,
    }


def actor_props(actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": str(actor.kind),
        "label": KIND_LABELS[actor.kind],
        "country": actor.country,
        "sector": str(actor.sector) if actor.sector else None,
        "role": actor.role,
        "aliases": list(dict.fromkeys(a for a in actor.aliases if a != actor.name)),
        "wikidata": actor.wikidata,
    }


def stub_actor(actor_id: str) -> Actor:
    """A minimal actor for an id known only as an affiliation (``state:USA`` → name USA)."""
    prefix, _, rest = actor_id.partition(":")
    return Actor(
        id=actor_id, name=rest or actor_id, kind=_PREFIX_KINDS.get(prefix, ActorKind.GROUP)
    )


def merge_actors(actors: Iterable[Actor]) -> dict[str, Actor]:
    """One actor per id: the longest name wins, aliases are unioned, known fields kept."""
    merged: dict[str, Actor] = {}
    for actor in actors:
        old = merged.get(actor.id)
        if old is None:
            merged[actor.id] = actor
            continue
        if actor is old or actor == old:  # the same actor again (the common case): no copy
            continue
        best, other = (actor, old) if len(actor.name) > len(old.name) else (old, actor)
        aliases = tuple(
            dict.fromkeys(a for a in (*best.aliases, other.name, *other.aliases) if a != best.name)
        )
        merged[actor.id] = best.model_copy(
            update={
                "aliases": aliases,
                "country": best.country or other.country,
                "sector": best.sector or other.sector,
                "role": best.role or other.role,
                "affiliation": best.affiliation or other.affiliation,
                "wikidata": best.wikidata or other.wikidata,
            }
        )
    return merged


def event_actors(event: Event) -> Iterable[Actor]:
    yield from event.source
    yield from event.target
    yield from event.attributed_to


def place_props(place: Place, place_id: str) -> dict[str, Any]:
    return {
        "id": place_id,
        "name": place.name,
        "country": place.country,
        "lat": place.lat,
        "lon": place.lon,
        "geonames_id": place.geonames_id,
        "admin1": place.admin1,
        "feature": place.feature,
    }


def event_props(event: Event) -> dict[str, Any]:
    """Properties of a new graph event created from its first report."""
    return {
        "id": event.id,
        "type": str(event.type),
        "mode": event.mode,
        "cameo": event.cameo,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "date": event.date,
        "date_precision": str(event.date_precision),
        "modality": str(event.modality),
        "confidence": event.confidence,
        "num_articles": 1,
        "num_sources": 1,
        "fingerprint": fingerprint(event),
    }


def reported_in_props(event: Event) -> dict[str, Any]:
    return {
        "evidence": [e.text for e in event.evidence],
        "start": [e.start for e in event.evidence],
        "end": [e.end for e in event.evidence],
        "article_event_id": event.id,
        "confidence": event.confidence,
    }


def source_key(article: Article | None, article_id: str) -> str:
    """What counts as one source for ``num_sources`` (the same rule as ``EVENT_STATS``):
    the lower-cased publisher, else the agency, else the article itself."""
    if article is not None and (article.publisher or article.agency):
        return (article.publisher or article.agency or "").lower()
    return "article:" + article_id


def event_label(props: dict[str, Any]) -> str:
    date = props.get("date")
    return f"{props.get('type')} {date}" if date else str(props.get("type"))
