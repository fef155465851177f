"""Analytics over the event graph: actor centrality, dyad timelines, communities, paths.

The functions take the networkx projection (``graph.project``) and are pure, so they are
tested without Neo4j; :func:`load_actor_graph` is the thin wrapper that reads from Neo4j.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from graph import NotFound
from graph.filters import GraphFilter
from graph.project import project
from graph.session import Graph
from ontology.plover import is_cooperative


def _targets(graph: nx.MultiDiGraph, event: str, rel: str) -> list[str]:
    return [v for _, v, key in graph.out_edges(event, keys=True) if key == rel]


def actor_graph(graph: nx.MultiDiGraph) -> nx.DiGraph:
    """The actor interaction graph: one edge source → target per pair, weighted by events.

    Edge attributes: ``count`` (events), ``goldstein_sum``, ``cooperation`` and ``conflict``
    (events in quad classes 1-2 and 3-4). Every actor of the projection is a node.
    """
    actors = nx.DiGraph()
    for node, attrs in graph.nodes(data=True):
        if attrs.get("kind") == "Actor":
            actors.add_node(node, label=attrs.get("label", node))
    for node, attrs in graph.nodes(data=True):
        if attrs.get("kind") != "Event":
            continue
        coop = is_cooperative(int(attrs.get("quad_class", 0)))
        for s in _targets(graph, node, "SOURCE"):
            for t in _targets(graph, node, "TARGET"):
                if s == t:
                    continue
                if not actors.has_edge(s, t):
                    actors.add_edge(s, t, count=0, goldstein_sum=0.0, cooperation=0, conflict=0)
                edge = actors.edges[s, t]
                edge["count"] += 1
                edge["goldstein_sum"] += float(attrs.get("goldstein", 0.0))
                edge["cooperation" if coop else "conflict"] += 1
    return actors


@dataclass(frozen=True, slots=True)
class ActorScore:
    id: str
    label: str
    degree: float
    betweenness: float
    pagerank: float


def centrality(actors: nx.DiGraph) -> list[ActorScore]:
    """Degree, betweenness and PageRank (weighted by event counts), highest PageRank first."""
    if actors.number_of_nodes() == 0:
        return []
    degree = nx.degree_centrality(actors)
    betweenness = nx.betweenness_centrality(actors)
    pagerank = nx.pagerank(actors, weight="count")
    scores = [
        ActorScore(n, actors.nodes[n].get("label", n), degree[n], betweenness[n], pagerank[n])
        for n in actors.nodes
    ]
    return sorted(scores, key=lambda s: (-s.pagerank, s.id))


@dataclass(frozen=True, slots=True)
class MonthStats:
    """Events between two actors in one month, split into cooperation and conflict."""

    month: str  # YYYY-MM
    cooperation: int = 0
    conflict: int = 0
    cooperation_goldstein: float = 0.0
    conflict_goldstein: float = 0.0


def _with_affiliates(graph: nx.MultiDiGraph, actor: str) -> set[str]:
    """The actor and the persons affiliated with it (a state speaks through its ministers)."""
    members = {actor}
    for u, _, key in graph.in_edges(actor, keys=True):
        if key == "AFFILIATED_WITH":
            members.add(u)
    return members


def dyad_timeline(
    graph: nx.MultiDiGraph, a: str, b: str, *, directed: bool = False, affiliates: bool = True
) -> list[MonthStats]:
    """Cooperation vs conflict between ``a`` and ``b`` by month (undated events left out).

    Args:
        graph: the projection.
        a, b: actor ids.
        directed: only events with ``a`` as source and ``b`` as target.
        affiliates: count persons affiliated with ``a``/``b`` as them.

    Raises:
        NotFound: an actor is not in the graph.
    """
    for actor in (a, b):
        if actor not in graph:
            raise NotFound(f"actor not in the graph: {actor}")
    side_a = _with_affiliates(graph, a) if affiliates else {a}
    side_b = _with_affiliates(graph, b) if affiliates else {b}
    months: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0.0, 0.0])
    for node, attrs in graph.nodes(data=True):
        if attrs.get("kind") != "Event" or not attrs.get("date"):
            continue
        sources = set(_targets(graph, node, "SOURCE"))
        targets = set(_targets(graph, node, "TARGET"))
        forward = bool(sources & side_a and targets & side_b)
        backward = bool(sources & side_b and targets & side_a)
        if not (forward or (backward and not directed)):
            continue
        row = months[str(attrs["date"])[:7]]
        coop = is_cooperative(int(attrs.get("quad_class", 0)))
        row[0 if coop else 1] += 1
        row[2 if coop else 3] += float(attrs.get("goldstein", 0.0))
    return [
        MonthStats(m, int(r[0]), int(r[1]), round(r[2], 6), round(r[3], 6))
        for m, r in sorted(months.items())
    ]


def communities(actors: nx.DiGraph, *, seed: int = 7) -> list[set[str]]:
    """Louvain communities of the undirected, count-weighted actor graph, largest first."""
    if actors.number_of_nodes() == 0:
        return []
    undirected = nx.Graph()
    undirected.add_nodes_from(actors.nodes)
    for s, t, attrs in actors.edges(data=True):
        weight = undirected.get_edge_data(s, t, {}).get("weight", 0) + attrs.get("count", 1)
        undirected.add_edge(s, t, weight=weight)
    found = nx.community.louvain_communities(undirected, weight="weight", seed=seed)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), sorted(c)))


def shortest_paths(actors: nx.DiGraph, a: str, b: str, *, limit: int = 10) -> list[list[str]]:
    """Up to ``limit`` shortest paths between two actors, ignoring edge direction.

    Raises:
        NotFound: an actor is not in the graph.
    """
    for actor in (a, b):
        if actor not in actors:
            raise NotFound(f"actor not in the graph: {actor}")
    undirected = actors.to_undirected(as_view=True)
    try:
        paths: Iterable[list[str]] = nx.all_shortest_paths(undirected, a, b)
        found: list[list[str]] = []
        for path in paths:
            found.append(path)
            if len(found) >= limit:
                break
        return found
    except nx.NetworkXNoPath:
        return []


def load_actor_graph(graph: Graph, flt: GraphFilter | None = None) -> nx.DiGraph:
    """The actor interaction graph of the events in Neo4j matching ``flt``."""
    return actor_graph(project(graph, flt))


def actor_centrality(graph: Graph, flt: GraphFilter | None = None) -> list[ActorScore]:
    """Centrality of the actors of the events in Neo4j matching ``flt``."""
    return centrality(load_actor_graph(graph, flt))


def relation_timeline(
    graph: Graph, a: str, b: str, flt: GraphFilter | None = None
) -> list[MonthStats]:
    """Monthly cooperation vs conflict between two actors (and their affiliated persons)."""
    base = flt or GraphFilter()
    scoped = base.model_copy(update={"actors": (a, b)}) if not base.actors else base
    return dyad_timeline(project(graph, scoped), a, b)
