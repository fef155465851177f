"""The events page as the API reads it (``queries.api_events_pages``: the pages of several
requests in one statement, each page as one row) answers like the row-per-event query of one
request, for random filters and keysets over a synthetic graph."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Callable

import neo4j
import pytest

from graph.filters import GraphFilter
from graph.read.events import (
    PageRequest,
    event_row,
    events_page,
    events_page_query,
    events_pages,
    page_key,
    page_shape,
)
from graph.rows import EventRow
from graph.schema import ensure_schema
from graph.session import Graph
from graph.writer import GraphWriter
from ontology.model import ExtractionResult
from ontology.plover import EventType

pytestmark = pytest.mark.neo4j
DB = "neo4j"


def old_page(driver: neo4j.Driver, request: PageRequest, limit: int) -> list[EventRow]:
    """The page of one request from the query of one record per event (the page query with
    its last ``WITH`` returned as rows, before they are collected)."""
    query = events_page_query(request.flt)
    query = query.replace("WITH sort_date, \n", "RETURN sort_date, \n")
    query = query[: query.index("RETURN collect(")]
    after_date, after_id = request.after or (None, None)
    rows = Graph(driver, DB).read(
        query, "test", **request.flt.params(), after_date=after_date, after_id=after_id, limit=limit
    )
    return [event_row(r) for r in rows]


def random_filter(rng: random.Random) -> GraphFilter:
    countries = [f"{chr(65 + i // 26 % 26)}{chr(65 + i % 26)}X" for i in range(200)]
    start = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(600))
    return GraphFilter(
        types=tuple(rng.sample(list(EventType), rng.choice([0, 1, 2]))),
        countries=tuple(rng.sample(countries, rng.choice([0, 1]))),
        actors=("person:minister-3",) if rng.random() < 0.2 else (),
        date_from=start if rng.random() < 0.7 else None,
        date_to=start + dt.timedelta(days=120) if rng.random() < 0.7 else None,
    )


def loaded(driver: neo4j.Driver, results: list[ExtractionResult]) -> Graph:
    graph = Graph(driver, DB)
    ensure_schema(graph)
    GraphWriter(graph).write_results(results)
    return graph


def test_pages_read_together_equal_the_row_per_event_page_of_each(
    neo4j_clean: neo4j.Driver, synthetic_results: Callable[..., list[ExtractionResult]]
) -> None:
    graph = loaded(neo4j_clean, synthetic_results(1500, seed=9))
    rng = random.Random(4)
    by_shape: dict[tuple, list[PageRequest]] = defaultdict(list)
    for _ in range(120):
        flt = random_filter(rng)
        by_shape[page_shape(flt)].append(PageRequest(flt))
    compared = batched = 0
    for requests in by_shape.values():
        limit = rng.choice([5, 51, 200])
        first = events_pages(graph, requests, limit=limit)
        # the next page of each request that has one, read together again
        nexts = [PageRequest(r.flt, page_key(first[r][-1])) for r in requests if first[r]]
        pages = {**first, **(events_pages(graph, nexts, limit=limit) if nexts else {})}
        assert set(pages) == set(requests) | set(nexts)
        for request, page in pages.items():
            assert page == old_page(neo4j_clean, request, limit), request
            compared += len(page)
        batched += len(requests) > 1
    assert compared > 100  # the filters found events
    assert batched >= 3  # several shapes were read several requests at a time


def test_one_page_is_a_batch_of_one(
    neo4j_clean: neo4j.Driver, synthetic_results: Callable[..., list[ExtractionResult]]
) -> None:
    graph = loaded(neo4j_clean, synthetic_results(300, seed=2))
    flt = GraphFilter(types=(EventType.CONSULT,))
    page = events_page(graph, flt, limit=20)
    assert page and page == old_page(neo4j_clean, PageRequest(flt), 20)
    with pytest.raises(ValueError, match="one page shape"):
        events_pages(graph, [PageRequest(flt), PageRequest(GraphFilter())], limit=5)
