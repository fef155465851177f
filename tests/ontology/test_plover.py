from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ontology.plover import CATEGORIES, EventType, cameo_table, goldstein, mode_of, quad_class


def test_every_category_has_a_default_code_of_its_own_type() -> None:
    table = cameo_table()
    assert set(CATEGORIES) == set(EventType)
    for event_type, category in CATEGORIES.items():
        assert table[category.default_cameo].type is event_type


def test_table_reads_the_conversion_rows() -> None:
    table = cameo_table()
    assert table["044"].type is EventType.CONSULT
    assert table["044"].mode == "third-party"
    assert table["1312"].type is EventType.THREATEN
    assert table["1312"].mode == "restrict"
    assert table["154"].mode == "troops"
    assert table["020"].type is EventType.REQUEST  # CAMEO 02 appeals folded into REQUEST
    assert mode_of("9999") is None


def test_quad_classes_split_cooperation_from_conflict() -> None:
    assert quad_class(EventType.CONSULT) == 1
    assert quad_class(EventType.AID) == 2
    assert quad_class(EventType.THREATEN) == 3
    assert quad_class(EventType.ASSAULT) == 4


@given(st.sampled_from(sorted(cameo_table())))
def test_goldstein_is_on_the_scale_and_signed_by_quad_class(code: str) -> None:
    value = goldstein(code)
    assert -10.0 <= value <= 10.0
    event_type = cameo_table()[code].type
    if quad_class(event_type) >= 3:
        assert value <= 0
    elif event_type is not EventType.REQUEST:  # CAMEO 10 "demand" is REQUEST yet negative
        assert value >= 0


@given(st.text(alphabet="0123456789", min_size=0, max_size=6))
def test_goldstein_falls_back_to_the_root(code: str) -> None:
    value = goldstein(code)
    assert -10.0 <= value <= 10.0
    if len(code) >= 2 and code[:2] in ("18", "19", "20"):
        assert value <= -8.0
