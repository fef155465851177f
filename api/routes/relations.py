"""``GET /relations``: the timeline between two actors."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import FilterDep, GraphDep
from api.responses import ModelResponse
from api.schemas import ActorRef, EventPublic, RelationTimeline, TimelineMonth
from api.usecases.relations import relation_figure, relation_timeline
from graph.plot import MEDIA_TYPES, PlotFormat

router = APIRouter(tags=["relations"])

ActorQuery = Annotated[
    str, Query(min_length=1, max_length=200, description="actor id, ISO3 code or exact name")
]


@router.get("/relations", response_model=RelationTimeline, summary="Timeline between two actors")
def get_relation(
    *,
    graph: GraphDep,
    a: ActorQuery,
    b: ActorQuery,
    flt: FilterDep,
    limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
) -> ModelResponse:
    """Events between ``a`` and ``b`` in either direction, oldest first, and their counts by
    month (cooperation = PLOVER quad classes 1-2, conflict = 3-4). A state includes the
    persons affiliated with it: ``a=USA&b=RUS`` covers Blinken meeting Lavrov."""
    timeline = relation_timeline(graph, a, b, flt, limit=limit)
    return ModelResponse(
        RelationTimeline(
            a=ActorRef.model_validate(timeline.a),
            b=ActorRef.model_validate(timeline.b),
            count=len(timeline.events),
            cooperation=timeline.totals.cooperation,
            conflict=timeline.totals.conflict,
            undated=timeline.undated,
            months=[TimelineMonth.model_validate(m, from_attributes=True) for m in timeline.months],
            events=[EventPublic.model_validate(e) for e in timeline.events],
            truncated=timeline.truncated,
        )
    )


@router.get(
    "/relations/plot",
    summary="Plot of the timeline between two actors (PNG or SVG)",
    response_class=Response,
    responses={200: {"content": {t: {} for t in MEDIA_TYPES.values()}}},
)
def get_relation_plot(
    *,
    graph: GraphDep,
    a: ActorQuery,
    b: ActorQuery,
    flt: FilterDep,
    format: PlotFormat = PlotFormat.PNG,
) -> Response:
    """Events per month between ``a`` and ``b``, stacked by quad class, with the month's
    Goldstein sum as a line: a figure for reports (same data as ``GET /relations``)."""
    return Response(relation_figure(graph, a, b, flt, format), media_type=MEDIA_TYPES[format])
