"""INTERACTS_WITH properties: adding events step by step equals counting them at once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from graph.interactions import add_interactions, interaction_props
from ontology.plover import CATEGORIES, EventType

totals = st.builds(
    lambda type_, count, g, first, span: {
        "type": str(type_),
        "quad_class": CATEGORIES[type_].quad_class,
        "count": count,
        "goldstein_sum": g * count,
        "first": first,
        "last": first + dt.timedelta(days=span) if first else None,
    },
    st.sampled_from(list(EventType)),
    st.integers(min_value=1, max_value=50),
    st.sampled_from([-10.0, -4.4, 0.0, 1.0, 7.4]),
    st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 1, 1))),
    st.integers(min_value=0, max_value=400),
)


def _merge_types(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows as the database aggregates them: one per (type, quad class)."""
    merged: dict[str, dict[str, Any]] = {}
    for row in rows:
        old = merged.get(row["type"])
        if old is None:
            merged[row["type"]] = dict(row)
            continue
        old["count"] += row["count"]
        old["goldstein_sum"] += row["goldstein_sum"]
        for key, pick in (("first", min), ("last", max)):
            values = [v for v in (old[key], row[key]) if v is not None]
            old[key] = pick(values) if values else None
    return list(merged.values())


@given(st.lists(totals, min_size=1, max_size=6), st.lists(totals, min_size=1, max_size=6))
def test_adding_equals_recounting(
    before: list[dict[str, Any]], after: list[dict[str, Any]]
) -> None:
    stepwise = add_interactions(interaction_props(before), interaction_props(after))
    at_once = interaction_props(_merge_types(before + after))
    assert stepwise.keys() == at_once.keys()
    for key, value in at_once.items():
        if key == "goldstein_sum":
            assert abs(stepwise[key] - value) < 1e-6
        else:
            assert stepwise[key] == value, key
    assert stepwise["count"] == stepwise["cooperation"] + stepwise["conflict"]
    assert stepwise["count"] == sum(v for k, v in stepwise.items() if k.startswith("count_"))


def test_interaction_props_by_hand() -> None:
    props = interaction_props(
        [
            {
                "type": "CONSULT",
                "quad_class": 1,
                "count": 2,
                "goldstein_sum": 2.0,
                "first": dt.date(2021, 12, 2),
                "last": dt.date(2022, 1, 21),
            },
            {
                "type": "THREATEN",
                "quad_class": 3,
                "count": 1,
                "goldstein_sum": -4.4,
                "first": dt.date(2021, 12, 2),
                "last": dt.date(2021, 12, 2),
            },
        ]
    )
    assert props == {
        "count": 3,
        "goldstein_sum": -2.4,
        "cooperation": 2,
        "conflict": 1,
        "count_CONSULT": 2,
        "count_THREATEN": 1,
        "first": dt.date(2021, 12, 2),
        "last": dt.date(2022, 1, 21),
    }
