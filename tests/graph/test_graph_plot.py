"""Report plots: calendar months filled, PNG and SVG that parse, every quad class drawn."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from graph.plot import PlotFormat, fill_months, relation_plot
from graph.read.relations import MonthBucket

MONTHS = [
    MonthBucket("2021-11", 3, 2, 1, -1.5, (1, 1, 1, 0)),
    MonthBucket("2022-02", 5, 1, 4, -12.0, (1, 0, 2, 2)),
]


def test_fill_months_keeps_calendar_spacing() -> None:
    filled = fill_months(MONTHS)
    assert [m.month for m in filled] == ["2021-11", "2021-12", "2022-01", "2022-02"]
    assert [m.count for m in filled] == [3, 0, 0, 5]


@given(st.lists(st.tuples(st.integers(1990, 2030), st.integers(1, 12)), min_size=1, max_size=20))
def test_fill_months_keeps_every_bucket_in_order(pairs: list[tuple[int, int]]) -> None:
    names = sorted({f"{y:04d}-{m:02d}" for y, m in pairs})
    months = [MonthBucket(n, 1, 1, 0, 1.0, (1, 0, 0, 0)) for n in names]
    filled = fill_months(months)
    assert [m.month for m in filled] == sorted(m.month for m in filled)
    assert sum(m.count for m in filled) == len(names)
    assert {m.month for m in months} <= {m.month for m in filled}


def test_png_has_its_signature() -> None:
    data = relation_plot("United States and Russia", MONTHS, PlotFormat.PNG)
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 5_000


def test_svg_parses_and_carries_title_and_legend() -> None:
    data = relation_plot("United States and Russia", MONTHS, PlotFormat.SVG)
    root = ET.fromstring(data)
    assert root.tag.endswith("svg")
    text = data.decode("utf-8")
    for label in ("verbal cooperation", "material conflict", "Goldstein sum"):
        assert label in text or label.replace(" ", "") in text


def test_empty_relation_still_draws() -> None:
    assert relation_plot("A and B", [], PlotFormat.PNG).startswith(b"\x89PNG")
