"""The one-row events page (``queries.api_events_page``) answers like the row-per-event query
it replaced, for random filters over a synthetic graph."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

import neo4j
import pytest

from graph import queries
from graph.filters import GraphFilter
from graph.read.events import event_row, events_page, events_page_query
from graph.schema import ensure_schema
from graph.session import Graph
from graph.writer import GraphWriter
from ontology.model import ExtractionResult
from ontology.plover import EventType

pytestmark = pytest.mark.neo4j
DB = "neo4j"

#: The tail before the change: one record per event.
OLD_TAIL = (
    """
WITH e, coalesce(e.date, date('0001-01-01')) AS sort_date
WHERE $after_date IS NULL OR sort_date < $after_date
   OR (sort_date = $after_date AND e.id < $after_id)
WITH e, sort_date
ORDER BY sort_date DESC, e.id DESC
LIMIT $limit
RETURN sort_date, """
    + queries._API_EVENT_FIELDS
    + """
ORDER BY sort_date DESC, event.id DESC
"""
)


def old_page(driver: neo4j.Driver, flt: GraphFilter, limit: int) -> list[dict]:
    query = events_page_query(flt)
    query = query[: query.index("\nWITH e, coalesce(e.date")] + OLD_TAIL
    rows = Graph(driver, DB).read(
        query, "test", **flt.params(), after_date=None, after_id=None, limit=limit
    )
    return [event_row(r) for r in rows]


def test_the_one_row_page_equals_the_row_per_event_page(
    neo4j_clean: neo4j.Driver, synthetic_results: Callable[..., list[ExtractionResult]]
) -> None:
    ensure_schema(Graph(neo4j_clean, DB))
    GraphWriter(Graph(neo4j_clean, DB)).write_results(synthetic_results(1500, seed=9))
    rng = random.Random(4)
    countries = [f"{chr(65 + i // 26 % 26)}{chr(65 + i % 26)}X" for i in range(200)]
    compared = 0
    for _ in range(40):
        start = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(600))
        flt = GraphFilter(
            types=tuple(rng.sample(list(EventType), rng.choice([0, 1, 2]))),
            countries=tuple(rng.sample(countries, rng.choice([0, 1]))),
            actors=("person:minister-3",) if rng.random() < 0.2 else (),
            date_from=start if rng.random() < 0.7 else None,
            date_to=start + dt.timedelta(days=120) if rng.random() < 0.7 else None,
        )
        limit = rng.choice([5, 51, 200])
        new = events_page(Graph(neo4j_clean, DB), flt, limit=limit)
        assert new == old_page(neo4j_clean, flt, limit), flt
        compared += len(new)
    assert compared > 100  # the filters found events
