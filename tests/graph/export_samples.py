"""Projection graphs for the export tests, built with the graph package's pure projection."""

from __future__ import annotations

import datetime as dt

import networkx as nx
from graph_samples import BLINKEN, LAVROV, article, make_event, meeting_result, seed_result

from graph.project import events_to_graph
from ontology.model import Actor, ActorKind, Article, Event, Evidence, Place, Sector
from ontology.plover import EventType

UN = Actor(
    id="org:U.N.",
    name="United Nations",
    kind=ActorKind.ORGANIZATION,
    sector=Sector.IGO,
    aliases=("UN", "the U.N.; New York"),
)
HAMAS = Actor(id="armed_group:hamas", name="Hamas", kind=ActorKind.ARMED_GROUP, country="PSE")
PROTESTERS = Actor(id="group:protesters-kyiv", name="Protesters «Kyiv»", kind=ActorKind.GROUP)
NOWHERE = Place(name='Zürich <old town> & "lake"')  # no country, no coordinates, no GeoNames id

TRICKY_TEXT = 'He said; "we | will" <not> & retreat\nnext line — ok'


def tricky_events() -> tuple[list[Event], list[Article]]:
    """Events whose values exercise escaping: ; | quotes < & newlines, dots in ids, no date."""
    art = Article(
        id="weird id/with spaces?&#",
        text="x",
        title='Title with <tags> & "quotes"',
        url="https://example.org/a?b=1&c=2",
        published=dt.date(2022, 1, 3),
    )
    request = make_event(art.id, EventType.REQUEST, (UN,), (HAMAS,), date=None, text=TRICKY_TEXT)
    second = Evidence(text="It asked again.", start=60, end=75, trigger="asked")
    events = [
        request.model_copy(update={"evidence": (*request.evidence, second)}),
        make_event(
            art.id,
            EventType.PROTEST,
            (PROTESTERS,),
            (UN,),
            date=dt.date(2022, 1, 2),
            place=NOWHERE,
            text="They protested.",
            start=200,
            attributed_to=(BLINKEN, LAVROV),
            confidence=1.0,
        ),
    ]
    return events, [art]


def sample_graph() -> nx.MultiDiGraph:
    """The seed article's events, a meeting reported by two more articles, and tricky values."""
    results = [seed_result(), meeting_result("reuters-1", "Reuters"), meeting_result("ap-1", "AP")]
    events = [e for r in results for e in r.events]
    articles = [r.article for r in results if r.article is not None]
    extra_events, extra_articles = tricky_events()
    bare = make_event("no-article-node-given", EventType.AID, (UN,), (HAMAS,), text="Aid sent.")
    return events_to_graph(
        [*events, *extra_events, bare], [*articles, *extra_articles, article("unused-article")]
    )
