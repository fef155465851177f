"""Report plots drawn with matplotlib: a relation's events per month by quad class.

The figure stacks the month's events by PLOVER quad class (verbal/material cooperation and
conflict, in the viewer's colours) with the month's Goldstein sum as a line on a second axis.
Drawn with the non-interactive Agg backend into bytes (PNG or SVG); no display needed.
"""

from __future__ import annotations

import io
from enum import StrEnum

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure

from graph.read.relations import MonthBucket


class PlotFormat(StrEnum):
    PNG = "png"
    SVG = "svg"


MEDIA_TYPES = {PlotFormat.PNG: "image/png", PlotFormat.SVG: "image/svg+xml"}

#: Quad classes 1-4: label and colour (the viewer's palette).
QUADS = (
    ("verbal cooperation", "#7fb3d5"),
    ("material cooperation", "#1f618d"),
    ("verbal conflict", "#f0b27a"),
    ("material conflict", "#b03a2e"),
)


#: Months between the first and the last shown as empty bars, up to this span.
MAX_FILLED_MONTHS = 240


def _month_number(month: str) -> int:
    year, number = month.split("-")
    return int(year) * 12 + int(number) - 1


def fill_months(months: list[MonthBucket]) -> list[MonthBucket]:
    """``months`` with the months between them that had no event as empty buckets, so the bars
    keep calendar spacing (spans over :data:`MAX_FILLED_MONTHS` are left as they are)."""
    if len(months) < 2:
        return list(months)
    first, last = _month_number(months[0].month), _month_number(months[-1].month)
    if last - first >= MAX_FILLED_MONTHS:
        return list(months)
    known = {m.month: m for m in months}
    names = [f"{n // 12:04d}-{n % 12 + 1:02d}" for n in range(first, last + 1)]
    return [known.get(name) or MonthBucket(name, 0, 0, 0, 0.0) for name in names]


def relation_plot(title: str, months: list[MonthBucket], fmt: PlotFormat) -> bytes:
    """The figure of ``months`` (from ``reader.month_buckets``) titled ``title``, as bytes."""
    months = fill_months(months)
    figure = Figure(figsize=(9, 4.5), dpi=110, layout="constrained")
    bars = figure.add_subplot()
    labels = [m.month for m in months]
    positions = list(range(len(months)))
    bottom = [0] * len(months)
    for quad, (name, colour) in enumerate(QUADS):
        heights = [m.quads[quad] for m in months]
        bars.bar(positions, heights, bottom=bottom, color=colour, label=name, width=0.8)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    bars.set_xticks(positions, labels, rotation=45 if len(months) > 8 else 0, ha="right")
    bars.set_ylabel("events")
    bars.set_xlabel("month")
    bars.set_title(title)
    line = bars.twinx()
    line.plot(positions, [m.goldstein_sum for m in months], color="#333333", marker="o",
              label="Goldstein sum")  # fmt: skip
    line.axhline(0, color="#999999", linewidth=0.6)
    line.set_ylabel("Goldstein sum")
    handles = bars.get_legend_handles_labels()[0] + line.get_legend_handles_labels()[0]
    figure.legend(
        handles=handles, loc="outside lower center", ncols=5, frameon=False, fontsize="small"
    )
    if not months:
        bars.text(0.5, 0.5, "no dated events", ha="center", va="center", transform=bars.transAxes)
    buffer = io.BytesIO()
    figure.savefig(buffer, format=str(fmt), metadata={"Software": None} if fmt == "png" else None)
    return buffer.getvalue()


def relation_title(a_name: str, b_name: str) -> str:
    return f"{a_name} and {b_name}: events per month by quad class"


__all__ = ["MEDIA_TYPES", "QUADS", "PlotFormat", "fill_months", "relation_plot", "relation_title"]
