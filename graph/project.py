"""The event graph as a networkx ``MultiDiGraph``: from Neo4j (filtered) or from models.

Both functions give the same shape (see the graph contract): nodes keyed by id (articles by
``"article:" + id``) with ``kind`` in {Actor, Event, Place, Article}, a display ``label`` and
the stored properties (dates as ISO strings, ``None`` left out, an actor's own kind as
``actor_kind``); edges ``key == rel`` in SOURCE, TARGET, ATTRIBUTED_TO, AT, REPORTED_IN,
AFFILIATED_WITH.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import neo4j
import networkx as nx

from graph import queries
from graph.filters import GraphFilter
from graph.identity import place_id, resolve
from graph.props import (
    actor_props,
    article_props,
    content_hash,
    event_actors,
    event_label,
    event_props,
    merge_actors,
    place_props,
    reported_in_props,
    source_key,
)
from graph.session import Graph
from graph.values import plain
from ontology.model import Article, Event, ExtractionResult

NODE_KINDS = ("Actor", "Event", "Place", "Article")
# Stored for the database's own use, not part of the graph model: the point index, the
# ingestion lock, and the precomputed relationship summaries (graph.summaries).
_DROPPED = frozenset({"location", "ingesting", "counterparts", "counterpart_ids"})


def node_key(kind: str, node_id: str) -> str:
    """The networkx key of a node: its id, articles prefixed with ``article:``."""
    return f"article:{node_id}" if kind == "Article" else node_id


def node_attrs(kind: str, props: Mapping[str, Any]) -> dict[str, Any]:
    """Projection attributes of a node from its stored properties."""
    attrs = {k: plain(v) for k, v in props.items() if v is not None and k not in _DROPPED}
    if kind == "Actor":
        attrs.pop("label", None)
        if "kind" in attrs:
            attrs["actor_kind"] = attrs.pop("kind")
    attrs["kind"] = kind
    if kind == "Event":
        attrs["label"] = event_label(attrs)
    elif kind == "Article":
        attrs["label"] = attrs.get("title") or attrs.get("id")
    else:
        attrs["label"] = attrs.get("name") or attrs.get("id")
    return attrs


def edge_attrs(props: Mapping[str, Any]) -> dict[str, Any]:
    return {k: plain(v) for k, v in props.items() if v is not None}


def _add_edge(graph: nx.MultiDiGraph, u: str, v: str, rel: str, props: Mapping[str, Any]) -> None:
    graph.add_edge(u, v, key=rel, rel=rel, **edge_attrs(props))


# --- From Neo4j -------------------------------------------------------------------------------


def project(graph: Graph, flt: GraphFilter | None = None) -> nx.MultiDiGraph:
    """The events matching ``flt`` with their actors, places and articles, read from Neo4j.

    Raises:
        GraphUnavailable: Neo4j cannot be reached.
        GraphError: Neo4j refused the read.
    """
    params = (flt or GraphFilter()).params()
    return graph.read_tx(_read_projection, "reading the projection", params)


def _kind(labels: Iterable[str]) -> str:
    return next(label for label in labels if label in NODE_KINDS)


def _read_projection(tx: neo4j.ManagedTransaction, params: dict[str, Any]) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    actors: set[str] = set()
    for record in tx.run(queries.PROJECT_EVENTS, params):
        event = record["event"]
        if event["id"] not in graph:
            graph.add_node(event["id"], **node_attrs("Event", event))
        if record["rel"] is None:
            continue
        kind = _kind(record["labels"])
        key = node_key(kind, record["node"]["id"])
        if key not in graph:
            graph.add_node(key, **node_attrs(kind, record["node"]))
            if kind == "Actor":
                actors.add(key)
        _add_edge(graph, event["id"], key, record["rel"], record["rel_props"])
    for record in tx.run(queries.PROJECT_AFFILIATIONS, ids=sorted(actors)):
        _add_edge(graph, record["person"], record["org"], "AFFILIATED_WITH", record["props"])
    return graph


# --- From models (no Neo4j) -------------------------------------------------------------------


def events_to_graph(events: Iterable[Event], articles: Iterable[Article] = ()) -> nx.MultiDiGraph:
    """The projection of article-level events, merged across articles like the writer does.

    Args:
        events: extraction events (several articles may report one happening).
        articles: the articles the events come from (an article not given becomes a bare
            node with its id).
    """
    events = list(events)
    by_id = {a.id: a for a in articles}
    mapping = resolve(events, [])
    graph = nx.MultiDiGraph()
    _add_articles(graph, events, by_id)
    actors = merge_actors(a for e in events for a in event_actors(e))
    for actor in actors.values():
        graph.add_node(actor.id, **node_attrs("Actor", actor_props(actor)))
    reports: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        reports[mapping[event.id]].append(event)
    for gid, group in reports.items():
        _add_event(graph, gid, group, by_id)
    for actor in actors.values():
        if actor.affiliation and actor.affiliation in actors and actor.affiliation != actor.id:
            _add_edge(
                graph,
                actor.id,
                actor.affiliation,
                "AFFILIATED_WITH",
                {"role": actor.role, "sector": actor.sector and str(actor.sector)},
            )
    return graph


def _add_articles(graph: nx.MultiDiGraph, events: list[Event], by_id: dict[str, Article]) -> None:
    per_article: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        per_article[event.article_id].append(event)
    for article_id, group in per_article.items():
        article = by_id.get(article_id)
        if article is None:
            props: dict[str, Any] = {"id": article_id, "event_count": len(group)}
        else:
            result = ExtractionResult(item=article_id, article=article, events=tuple(group))
            props = article_props(article, content_hash(result), len(group))
        graph.add_node(node_key("Article", article_id), **node_attrs("Article", props))


def _add_event(
    graph: nx.MultiDiGraph, gid: str, group: list[Event], by_id: dict[str, Article]
) -> None:
    first = group[0]
    props = event_props(first)
    props["num_articles"] = len({e.article_id for e in group})
    props["num_sources"] = len({source_key(by_id.get(e.article_id), e.article_id) for e in group})
    props["confidence"] = max(e.confidence for e in group)
    graph.add_node(gid, **node_attrs("Event", props))
    for rel, actors in (("SOURCE", first.source), ("TARGET", first.target)):
        for actor in actors:
            _add_edge(graph, gid, actor.id, rel, {})
    for event in group:
        for actor in event.attributed_to:
            _add_edge(graph, gid, actor.id, "ATTRIBUTED_TO", {})
        _add_edge(
            graph,
            gid,
            node_key("Article", event.article_id),
            "REPORTED_IN",
            reported_in_props(event),
        )
    place = next((e.place for e in group if e.place is not None), None)
    if place is not None:
        pid = place_id(place)
        if pid not in graph:
            graph.add_node(pid, **node_attrs("Place", place_props(place, pid)))
        _add_edge(graph, gid, pid, "AT", {})


__all__ = ["NODE_KINDS", "edge_attrs", "events_to_graph", "node_attrs", "node_key", "project"]
