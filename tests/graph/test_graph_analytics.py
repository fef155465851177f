"""Analytics over the projection: actor graph, centrality, dyad timelines, communities, paths."""

from __future__ import annotations

import datetime as dt
import itertools

import graph_samples as s
import neo4j
import networkx as nx
import pytest

from graph import NotFound
from graph.analytics import (
    actor_centrality,
    actor_graph,
    centrality,
    communities,
    dyad_timeline,
    load_actor_graph,
    relation_timeline,
    shortest_paths,
)
from graph.filters import GraphFilter
from graph.project import events_to_graph
from graph.schema import ensure_schema
from graph.session import Graph
from graph.writer import GraphWriter
from ontology.model import Actor, ActorKind, Event
from ontology.plover import EventType

CHN = Actor(id="state:CHN", name="China", kind=ActorKind.STATE, country="CHN")
PRK = Actor(id="state:PRK", name="North Korea", kind=ActorKind.STATE, country="PRK")


def events() -> list[Event]:
    seed = s.seed_result().events
    more = [
        s.make_event("b1", EventType.CONSULT, (s.LAVROV,), (s.BLINKEN,), date=dt.date(2022, 1, 21)),
        s.make_event("b2", EventType.SANCTION, (s.USA,), (s.RUS,), date=dt.date(2022, 2, 22)),
        s.make_event("b3", EventType.AID, (s.USA,), (s.UKR,), date=dt.date(2022, 2, 25)),
        s.make_event("c1", EventType.CONSULT, (CHN,), (PRK,), date=dt.date(2022, 3, 1)),
        s.make_event("c2", EventType.SUPPORT, (PRK,), (CHN,), date=dt.date(2022, 3, 2)),
    ]
    return [*seed, *more]


def test_actor_graph_counts_events_per_pair() -> None:
    actors = actor_graph(events_to_graph(events()))
    assert actors.edges["state:USA", "state:RUS"]["count"] == 2  # future threat + sanctions
    assert actors.edges["state:USA", "state:RUS"]["conflict"] == 2
    bl = actors.edges["person:antony-blinken", "person:sergei-lavrov"]
    assert (bl["count"], bl["cooperation"], bl["conflict"]) == (2, 1, 1)
    assert bl["goldstein_sum"] == pytest.approx(1.0 - 4.4)
    assert actors.edges["person:sergei-lavrov", "person:antony-blinken"]["count"] == 1
    assert set(actors.nodes) == {a.id for a in (s.USA, s.RUS, s.UKR, s.BLINKEN, s.LAVROV, CHN, PRK)}


def test_centrality_on_a_chain() -> None:
    chain = [s.USA, s.UKR, s.RUS, CHN]
    links = [
        s.make_event(f"k{i}", EventType.REQUEST, (a,), (b,))
        for i, (a, b) in enumerate(itertools.pairwise(chain))
    ]
    scores = centrality(actor_graph(events_to_graph(links)))
    by_id = {x.id: x for x in scores}
    assert [x.id for x in scores] == ["state:CHN", "state:RUS", "state:UKR", "state:USA"]
    assert sum(x.pagerank for x in scores) == pytest.approx(1.0)
    # Two of the six ordered pairs that have a path pass through UKR (USA→RUS, USA→CHN).
    assert by_id["state:UKR"].betweenness == pytest.approx(2 / 6)
    assert by_id["state:USA"].betweenness == 0.0 and by_id["state:USA"].degree == pytest.approx(
        1 / 3
    )
    assert by_id["state:UKR"].degree == pytest.approx(2 / 3)
    assert centrality(nx.DiGraph()) == []


def test_dyad_timeline_by_month_with_affiliates() -> None:
    g = events_to_graph(events())
    timeline = dyad_timeline(g, "state:USA", "state:RUS")
    months = {m.month: m for m in timeline}
    assert list(months) == ["2021-12", "2022-01", "2022-02"]
    # Dec 2021: Blinken-Lavrov meeting (coop) + Blinken's warning + the US threat (conflict).
    assert (months["2021-12"].cooperation, months["2021-12"].conflict) == (1, 2)
    assert months["2021-12"].conflict_goldstein == pytest.approx(-8.8)
    assert (months["2022-01"].cooperation, months["2022-02"].conflict) == (1, 1)
    only_states = dyad_timeline(g, "state:USA", "state:RUS", affiliates=False)
    assert [(m.month, m.conflict) for m in only_states] == [("2021-12", 1), ("2022-02", 1)]
    directed = dyad_timeline(g, "person:sergei-lavrov", "person:antony-blinken", directed=True)
    assert [(m.month, m.cooperation) for m in directed] == [("2022-01", 1)]
    with pytest.raises(NotFound):
        dyad_timeline(g, "state:USA", "state:XXX")


def test_communities_split_the_two_clusters() -> None:
    found = communities(actor_graph(events_to_graph(events())))
    assert {"state:CHN", "state:PRK"} in found
    assert all(len(c) >= 1 for c in found)
    assert set().union(*found) == {
        a.id for a in (s.USA, s.RUS, s.UKR, s.BLINKEN, s.LAVROV, CHN, PRK)
    }


def test_shortest_paths() -> None:
    actors = actor_graph(events_to_graph(events()))
    assert shortest_paths(actors, "state:UKR", "state:RUS") == [["state:UKR", "state:RUS"]]
    assert shortest_paths(actors, "state:UKR", "state:CHN") == []
    two = shortest_paths(actors, "state:UKR", "state:USA")
    assert two == [["state:UKR", "state:USA"]]
    with pytest.raises(NotFound):
        shortest_paths(actors, "state:UKR", "person:nobody")


@pytest.mark.neo4j
def test_actor_graph_from_neo4j(neo4j_clean: neo4j.Driver) -> None:
    ensure_schema(Graph(neo4j_clean, "neo4j"))
    GraphWriter(Graph(neo4j_clean, "neo4j")).write_results([s.seed_result()])
    actors = load_actor_graph(Graph(neo4j_clean, "neo4j"), GraphFilter(types=(EventType.THREATEN,)))
    assert set(actors.edges) == {
        ("person:antony-blinken", "person:sergei-lavrov"),
        ("state:USA", "state:RUS"),
    }

    scores = actor_centrality(Graph(neo4j_clean, "neo4j"))
    assert {x.id for x in scores} == {
        "person:antony-blinken",
        "person:sergei-lavrov",
        "state:USA",
        "state:RUS",
        "state:UKR",
    }
    timeline = relation_timeline(Graph(neo4j_clean, "neo4j"), "state:USA", "state:RUS")
    assert [(m.month, m.cooperation, m.conflict) for m in timeline] == [("2021-12", 1, 2)]
