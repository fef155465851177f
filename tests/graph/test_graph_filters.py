"""GraphFilter: validation and the parameters the shared Cypher predicate reads."""

from __future__ import annotations

import datetime as dt

import pytest
from graph_samples import full_filter
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from graph.filters import PARAM_NAMES, GraphFilter
from ontology.plover import EventType


def test_params_cover_every_field() -> None:
    flt = full_filter()
    params = flt.params()
    assert tuple(params) == PARAM_NAMES
    assert params["countries"] == ["USA"] and params["place"] == "stockholm"
    assert params["near_m"] == 50_000 and params["types"] == ["CONSULT"]
    assert params["modality"] == "asserted"
    assert all(v is not None for v in params.values())
    assert not flt.is_empty()


def test_empty_filter_filters_nothing() -> None:
    assert GraphFilter().is_empty()
    assert all(v is None for v in GraphFilter().params().values())
    assert GraphFilter(place="  ").params()["place"] is None


@pytest.mark.parametrize(
    "kwargs",
    [
        {"date_from": dt.date(2022, 1, 2), "date_to": dt.date(2022, 1, 1)},
        {"near": (91.0, 0.0, 10.0)},
        {"near": (0.0, 0.0, 0.0)},
        {"countries": ("RUSSIA",)},
        {"types": ("MEET",)},
        {"min_confidence": 1.5},
        {"unknown": 1},
    ],
)
def test_bad_values_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        GraphFilter(**kwargs)  # type: ignore[arg-type]


@given(
    st.lists(st.sampled_from(list(EventType)), max_size=4),
    st.one_of(st.none(), st.dates()),
    st.one_of(st.none(), st.floats(min_value=0, max_value=1)),
)
def test_params_round_trip(types: list[EventType], day: dt.date | None, conf: float | None) -> None:
    flt = GraphFilter(types=tuple(types), date_from=day, min_confidence=conf)
    params = flt.params()
    assert params["types"] == ([str(t) for t in types] or None)
    assert params["date_from"] == day and params["min_confidence"] == conf
    assert GraphFilter.model_validate(flt.model_dump()) == flt
