"""Generated graphs of any size, shared by the tests and the benchmarks.

Tests get them through fixtures (``tests/conftest.py``: ``synthetic_results``,
``synthetic_events``) or import this module (``tests/`` is on the test path); the benchmarks
put ``tests/`` on their path and import it, so a benchmark and the test of the same code load
the same graph. The hand-built small samples are ``graph_samples``.

* :func:`synthetic_results`: extraction results, one article with one event each, over 300
  actors and 80 places (the loader's and the API's benchmarks, the events page and summary
  tests).
* :func:`synthetic_events`: events and articles for the exports (several events per article,
  every actor kind, long evidence).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from ontology.model import (
    Actor,
    ActorKind,
    Article,
    DatePrecision,
    Event,
    Evidence,
    ExtractionResult,
    Modality,
    Place,
    Sector,
)
from ontology.plover import CATEGORIES, EventType, goldstein


def coded_event(
    event_id: str,
    article_id: str,
    type_: EventType,
    source: tuple[Actor, ...],
    target: tuple[Actor, ...],
    *,
    text: str,
    start: int = 0,
    **fields: Any,
) -> Event:
    """An event of ``type_`` with its category's default CAMEO code, quad class and Goldstein
    score; its evidence is ``text`` at offset ``start``; ``fields`` are the other fields."""
    category = CATEGORIES[type_]
    return Event(
        id=event_id,
        article_id=article_id,
        type=type_,
        cameo=category.default_cameo,
        quad_class=category.quad_class,
        goldstein=goldstein(category.default_cameo),
        source=source,
        target=target,
        evidence=(Evidence(text=text, start=start, end=start + len(text)),),
        **fields,
    )


def synthetic_results(n_events: int, seed: int = 1) -> list[ExtractionResult]:
    """``n_events`` articles with one event each, over 300 actors, 80 places and two years."""
    rng = random.Random(seed)
    codes = [f"{chr(65 + i // 26 % 26)}{chr(65 + i % 26)}X" for i in range(200)]
    states = [
        Actor(id=f"state:{code}", name=f"State {i}", kind=ActorKind.STATE, country=code)
        for i, code in enumerate(codes)
    ]
    ministers = [
        Actor(
            id=f"person:minister-{i}",
            name=f"Minister {i}",
            kind=ActorKind.PERSON,
            affiliation=states[i].id,
        )
        for i in range(100)
    ]
    actors = states + ministers
    places = [
        Place(
            name=f"City {i}",
            lat=rng.uniform(-60, 60),
            lon=rng.uniform(-170, 170),
            geonames_id=100_000 + i,
        )
        for i in range(80)
    ]
    start = dt.date(2020, 1, 1)
    types = list(EventType)
    results = []
    for i in range(n_events):
        article_id = f"bench-{i}"
        type_ = rng.choice(types)
        source, target = rng.sample(actors, 2)
        text = f"Sentence {i} about {source.name} and {target.name}."
        event = coded_event(
            f"ev-bench-{i}",
            article_id,
            type_,
            (source,),
            (target,),
            text=text,
            date=start + dt.timedelta(days=rng.randrange(730)),
            date_precision=DatePrecision.DAY,
            place=rng.choice(places) if rng.random() < 0.7 else None,
            confidence=round(rng.uniform(0.3, 1.0), 2),
        )
        article = Article(
            id=article_id,
            text=text,
            title=f"Article {i}",
            publisher=f"Publisher {i % 40}",
            published=event.date,
            language="en",
        )
        results.append(
            ExtractionResult(
                item=article_id, article=article, events=(event,), actors=(source, target)
            )
        )
    return results


_KINDS = [
    ("state", ActorKind.STATE),
    ("person", ActorKind.PERSON),
    ("org", ActorKind.ORGANIZATION),
    ("armed_group", ActorKind.ARMED_GROUP),
    ("group", ActorKind.GROUP),
]


_WORDS = [
    "minister",
    "talks",
    "sanctions",
    "troops",
    "border",
    "ceasefire",
    "summit",
    "aid",
    "envoy",
    "treaty",
]


def _actors(rng: random.Random, count: int) -> list[Actor]:
    actors = []
    for i in range(count):
        prefix, kind = _KINDS[i % len(_KINDS)]
        actors.append(
            Actor(
                id=f"{prefix}:a{i}",
                name=f"Actor {i} {rng.choice(_WORDS).title()}",
                kind=kind,
                country="X" + chr(65 + i % 26) + chr(65 + (i // 26) % 26),
                sector=rng.choice(list(Sector)) if kind is ActorKind.PERSON else None,
                aliases=(f"A{i}", f"alias {i}; {rng.choice(_WORDS)}"),
            )
        )
    return actors


def _places(count: int) -> list[Place]:
    return [
        Place(
            name=f"Place {i}",
            country="SWE",
            lat=-60 + (i * 7.3) % 120,
            lon=-170 + (i * 13.1) % 340,
            geonames_id=1000 + i,
            feature="city",
        )
        for i in range(count)
    ]


def synthetic_events(count: int, seed: int = 7) -> tuple[list[Event], list[Article]]:
    """``count`` events over ``count // 5`` articles, ``count // 50`` actors, 500 places."""
    rng = random.Random(seed)
    actors = _actors(rng, max(50, count // 50))
    places = _places(500)
    types = list(EventType)
    start = dt.date(2018, 1, 1)
    articles = [
        Article(
            id=f"art-{i}",
            text="",
            title=f"Article {i}",
            publisher=f"Publisher {i % 40}",
            published=start + dt.timedelta(days=i % 2000),
        )
        for i in range(max(1, count // 5))
    ]
    events = []
    for i in range(count):
        text = " ".join(rng.choice(_WORDS) for _ in range(18)) + f" ({i})."
        events.append(
            coded_event(
                f"ev-{i:016x}",
                f"art-{i // 5}",
                types[i % len(types)],
                (rng.choice(actors),),
                (rng.choice(actors),),
                text=text,
                start=i % 5 * 300,
                date=start + dt.timedelta(days=i % 2000),
                date_precision=DatePrecision.DAY,
                place=places[i % len(places)] if i % 2 else None,
                modality=Modality.ASSERTED,
                attributed_to=(rng.choice(actors),) if i % 10 == 0 else (),
                confidence=0.5 + (i % 50) / 100,
            )
        )
    return events, articles
