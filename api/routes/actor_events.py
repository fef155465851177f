"""``GET /actors/{id}/events``: an actor's events with their evidence (the actor page)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.cursor import decode_cursor, encode_cursor
from api.deps import FilterDep, GraphDep
from api.responses import ModelResponse
from api.schemas import EventDetailsPublic
from api.usecases.actor_page import actor_events

router = APIRouter(tags=["actors"])

MAX_LIMIT = 200


@router.get(
    "/actors/{actor_id}/events",
    response_model=EventDetailsPublic,
    summary="The actor's events with evidence sentences and articles",
)
def get_actor_events(
    graph: GraphDep,
    actor_id: Annotated[str, Path(description="actor id, ISO3 code or exact name")],
    flt: FilterDep,
    cursor: Annotated[str | None, Query(description="next_cursor of the previous page")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
) -> ModelResponse:
    """Events where the actor (or, for a state, a person affiliated with it) is a source or
    target, newest first, each with every article that reported it and the sentences that
    support it. The other filters apply; an ``actor`` filter is replaced by this actor."""
    after = decode_cursor(cursor) if cursor else None
    page = actor_events(graph, actor_id, flt, limit=limit, after=after)
    return ModelResponse(
        EventDetailsPublic(
            actor=page.actor,
            data=page.events,
            next_cursor=encode_cursor(*page.next_key) if page.next_key else None,
        )
    )
