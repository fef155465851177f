"""``GET /relations``: the timeline between two actors."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import FilterDep, GraphDep
from api.responses import ModelResponse
from api.schemas import ActorRef, EventPublic, RelationTimeline, TimelineMonth
from graph.read.actors import actor_id_of, actor_members
from graph.read.relations import month_buckets, relation_events, totals

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
    ida = actor_id_of(graph, a)
    idb = actor_id_of(graph, b)
    actor_a, _ = actor_members(graph, ida)
    actor_b, _ = actor_members(graph, idb)
    events = relation_events(graph, ida, idb, flt, limit=limit + 1)
    truncated = len(events) > limit
    events = events[:limit]
    months, undated = month_buckets(events)
    overall = totals(events)
    return ModelResponse(
        RelationTimeline(
            a=ActorRef.model_validate(actor_a),
            b=ActorRef.model_validate(actor_b),
            count=len(events),
            cooperation=overall.cooperation,
            conflict=overall.conflict,
            undated=undated,
            months=[TimelineMonth.model_validate(m, from_attributes=True) for m in months],
            events=[EventPublic.model_validate(e) for e in events],
            truncated=truncated,
        )
    )
