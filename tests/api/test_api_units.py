"""Pure parts of the API: cursors, JSON values, actor references, month buckets, problems."""

from __future__ import annotations

import datetime as dt
import json
import math
import re

import neo4j.time
import pytest
from hypothesis import given
from hypothesis import strategies as st

from api.cursor import decode_cursor, encode_cursor
from api.deps import presented_key
from api.errors import InvalidParameter, PayloadTooLarge, Unauthorized, problem_for
from api.usecases.filters import parse_near
from graph import GraphUnavailable, NotFound, QueryRejected
from graph.console import jsonable
from graph.read.actors import actor_candidates, interaction_row
from graph.read.relations import month_buckets
from ingest import InputError, UnsupportedLanguage


@given(st.dates(), st.text(min_size=1, max_size=80))
def test_cursor_round_trip(date: dt.date, event_id: str) -> None:
    cursor = encode_cursor(date, event_id)
    assert cursor.isascii() and "=" not in cursor and "/" not in cursor
    assert decode_cursor(cursor) == (date, event_id)


@given(st.text(max_size=60))
def test_garbage_cursor_is_a_clear_422(text: str) -> None:
    try:
        decode_cursor(text)
    except InvalidParameter as e:
        assert "cursor" in str(e)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.binary(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@given(json_values)
def test_jsonable_always_gives_strict_json(value: object) -> None:
    json.dumps(jsonable(value), allow_nan=False)


def test_jsonable_neo4j_values() -> None:
    assert jsonable(neo4j.time.Date(2021, 12, 2)) == "2021-12-02"
    assert jsonable(neo4j.time.DateTime(2021, 12, 2, 10, 30, 0)).startswith("2021-12-02T10:30")
    assert jsonable(neo4j.time.Duration(days=2)) == "P2D"
    assert jsonable([math.nan, math.inf, -math.inf]) == ["NaN", "Infinity", "-Infinity"]
    assert jsonable(b"\x00\x01") == "AAE="


@pytest.mark.parametrize(
    ("ref", "first"),
    [
        ("RUS", "state:RUS"),
        ("rus", "state:RUS"),
        ("state:RUS", "state:RUS"),
        ("NATO", "org:NATO"),
        ("Sergei Lavrov", "person:sergei-lavrov"),
    ],
)
def test_actor_candidates(ref: str, first: str) -> None:
    assert actor_candidates(ref)[0] == first


@given(st.text(max_size=40))
def test_actor_candidates_are_valid_ids(ref: str) -> None:
    for candidate in actor_candidates(ref):
        if ":" not in ref:
            assert re.fullmatch(r"(state|org|person|armed_group):[A-Za-z0-9._-]+", candidate)


def test_month_buckets_split_cooperation_and_conflict() -> None:
    events = [
        {"date": dt.date(2021, 12, 2), "quad_class": 1, "goldstein": 1.0},
        {"date": dt.date(2021, 12, 1), "quad_class": 3, "goldstein": -4.4},
        {"date": dt.date(2022, 1, 5), "quad_class": 4, "goldstein": -10.0},
        {"date": None, "quad_class": 4, "goldstein": -7.2},
    ]
    months, undated = month_buckets(events)
    assert undated == 1
    assert [(m.month, m.count, m.cooperation, m.conflict) for m in months] == [
        ("2021-12", 2, 1, 1),
        ("2022-01", 1, 0, 1),
    ]
    assert months[0].goldstein_sum == pytest.approx(-3.4)
    assert [m.quads for m in months] == [(1, 0, 1, 0), (0, 0, 0, 1)]


@given(st.lists(st.tuples(st.dates(), st.integers(1, 4), st.floats(-10, 10)), max_size=30))
def test_month_buckets_count_every_dated_event(rows: list[tuple[dt.date, int, float]]) -> None:
    events = [{"date": d, "quad_class": q, "goldstein": g} for d, q, g in rows]
    months, undated = month_buckets(events)
    assert undated == 0
    assert sum(m.count for m in months) == len(rows)
    assert all(m.cooperation + m.conflict == m.count for m in months)
    assert all(m.quads[0] + m.quads[1] == m.cooperation for m in months)
    assert all(sum(m.quads) == m.count for m in months)
    assert [m.month for m in months] == sorted(m.month for m in months)


def test_interaction_row_from_summed_properties() -> None:
    lavrov = {"id": "person:sergei-lavrov", "name": "Sergei Lavrov"}
    names = ["AGREE", "CONSULT", "THREATEN"]
    row = interaction_row(
        {
            "counterpart": lavrov,
            "count": 3,
            "outgoing": 2,
            "goldstein_sum": 0.6,
            "cooperation": 2,
            "conflict": 1,
            "first": dt.date(2021, 11, 30),
            "last": dt.date(2021, 12, 2),
            "type_counts": [1, 1, 1],
        },
        names,
    )
    assert row["count"] == 3 and row["outgoing"] == 2 and row["incoming"] == 1
    assert row["by_type"] == {"AGREE": 1, "CONSULT": 1, "THREATEN": 1}
    assert row["goldstein_avg"] == pytest.approx(0.2)
    assert (row["first"], row["last"]) == (dt.date(2021, 11, 30), dt.date(2021, 12, 2))
    assert (row["cooperation"], row["conflict"]) == (2, 1)


def test_interaction_row_leaves_out_absent_types() -> None:
    row = interaction_row(
        {
            "counterpart": {"id": "state:RUS"},
            "count": 0,
            "outgoing": 0,
            "goldstein_sum": 0.0,
            "cooperation": 0,
            "conflict": 0,
            "first": None,
            "last": None,
            "type_counts": [0, 0],
        },
        ["AGREE", "CONSULT"],
    )
    assert row["by_type"] == {} and row["goldstein_avg"] is None and row["first"] is None


def test_parse_near() -> None:
    assert parse_near("59.33, 18.07, 50") == (59.33, 18.07, 50.0)
    assert parse_near(None) is None
    with pytest.raises(InvalidParameter, match="lat,lon,km"):
        parse_near("59.33,18.07")


@pytest.mark.parametrize(
    ("exc", "status"),
    [
        (GraphUnavailable("down"), 503),
        (NotFound("x"), 404),
        (QueryRejected("CREATE"), 400),
        (UnsupportedLanguage("de"), 422),
        (InputError("empty"), 422),
        (Unauthorized("no key"), 401),
        (PayloadTooLarge("big"), 413),
        (InvalidParameter("bad"), 422),
        (RuntimeError("bug"), 500),
    ],
)
def test_problem_status_of_each_error(exc: Exception, status: int) -> None:
    assert problem_for(exc).status == status


def test_graph_unavailable_asks_to_retry() -> None:
    assert problem_for(GraphUnavailable("down")).retry_after


class _Req:
    def __init__(self, headers: dict[str, str]) -> None:
        self.headers = headers


@pytest.mark.parametrize(
    ("headers", "key"),
    [
        ({"x-api-key": " k1 "}, "k1"),
        ({"authorization": "Bearer k2"}, "k2"),
        ({"authorization": "Basic k3"}, None),
        ({}, None),
    ],
)
def test_presented_key(headers: dict[str, str], key: str | None) -> None:
    assert presented_key(_Req(headers)) == key  # type: ignore[arg-type]


def test_a_job_item_error_keeps_its_kind() -> None:
    from dataclasses import asdict

    from api.schemas import JobItemError
    from ontology.outcome import ItemError

    error = JobItemError.model_validate(asdict(ItemError("a.txt", "empty", "InputError")))
    assert error.model_dump() == {"item": "a.txt", "error": "empty", "kind": "InputError"}
