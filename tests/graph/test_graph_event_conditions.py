"""The filter-specific event queries (``queries.event_conditions``) select exactly the events
the generic ``EVENT_FILTER`` predicate selects (through ``graph.project``)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import neo4j
import pytest
from graph_samples import full_filter, meeting_result, seed_result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import wipe

from graph import queries
from graph.filters import GraphFilter
from graph.project import project
from graph.read.events import events_page
from graph.schema import ensure_schema
from graph.session import Graph
from graph.writer import GraphWriter
from ontology.model import Modality
from ontology.plover import EventType


def test_conditions_cover_every_filter_field() -> None:
    fields = set(GraphFilter.model_fields)
    assert set(queries.EVENT_CONDITIONS) == fields
    full = full_filter()
    assert full.fields() == fields
    assert GraphFilter().fields() == frozenset()
    assert queries.event_conditions(frozenset()) == "true"


def test_every_parameter_a_condition_reads_is_a_filter_parameter() -> None:
    params = set(GraphFilter().params())
    read = {name for c in queries.EVENT_CONDITIONS.values() for name in re.findall(r"\$(\w+)", c)}
    assert read <= params and "near_lon" in read


@pytest.fixture(scope="module")
def two_articles(neo4j_driver: neo4j.Driver, neo4j_server: Any) -> Iterator[tuple[Any, str]]:
    """(driver, database) over the seed article and a second report of its meeting."""
    database = neo4j_server.database
    wipe(neo4j_driver, database)
    ensure_schema(Graph(neo4j_driver, database))
    GraphWriter(Graph(neo4j_driver, database)).write_results(
        [seed_result(), meeting_result("reuters-blinken-lavrov", "Reuters")]
    )
    yield neo4j_driver, database
    wipe(neo4j_driver, database)


ACTORS = ["state:USA", "state:RUS", "state:UKR", "person:antony-blinken", "person:sergei-lavrov"]
DAYS = st.dates(min_value=dt.date(2021, 11, 25), max_value=dt.date(2021, 12, 8))

filters = st.builds(
    GraphFilter,
    types=st.lists(st.sampled_from(list(EventType)), max_size=3).map(tuple),
    actors=st.lists(st.sampled_from(ACTORS), max_size=2).map(tuple),
    countries=st.lists(st.sampled_from(["USA", "RUS", "UKR", "SWE"]), max_size=2).map(tuple),
    date_from=st.one_of(st.none(), DAYS),
    place=st.one_of(st.none(), st.sampled_from(["Stockholm", "stockholm", "Vienna", "Oslo"])),
    near=st.one_of(st.none(), st.just((59.33, 18.07, 50.0)), st.just((48.2, 16.37, 5.0))),
    modality=st.one_of(st.none(), st.sampled_from(list(Modality))),
    min_confidence=st.one_of(st.none(), st.sampled_from([0.1, 0.5, 0.9])),
)


@pytest.mark.neo4j
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flt=filters)
def test_filter_specific_queries_match_the_generic_predicate(
    two_articles: tuple[Any, str], flt: GraphFilter
) -> None:
    driver, database = two_articles
    expected = {
        key
        for key, attrs in project(Graph(driver, database), flt).nodes(data=True)
        if attrs.get("kind") == "Event"
    }
    page = events_page(Graph(driver, database), flt, limit=500)
    assert {row["id"] for row in page} == expected


@pytest.mark.neo4j
def test_the_comparison_is_not_vacuous(two_articles: tuple[Any, str]) -> None:
    driver, database = two_articles
    everything = events_page(Graph(driver, database), GraphFilter(), limit=500)
    meetings = events_page(
        Graph(driver, database),
        GraphFilter(types=(EventType.CONSULT,), countries=("RUS",)),
        limit=500,
    )
    assert len(everything) > len(meetings) > 0
    assert all(row["type"] == "CONSULT" for row in meetings)
