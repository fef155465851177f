"""``GET /events`` (filtered, cursor-paginated) and ``GET /events/{id}`` (with evidence)."""

from __future__ import annotations

import functools
from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.coalesce import CoalescerDep
from api.cursor import decode_cursor, encode_cursor
from api.deps import FilterDep, GraphDep
from api.responses import ModelResponse
from api.schemas import EventDetail, EventsPublic
from graph.read.events import PageRequest, event_detail, events_pages, page_key, page_shape

router = APIRouter(tags=["events"])

MAX_LIMIT = 500


@router.get("/events", response_model=EventsPublic, summary="Events matching the filters")
async def list_events(
    graph: GraphDep,
    flt: FilterDep,
    reads: CoalescerDep,
    cursor: Annotated[str | None, Query(description="next_cursor of the previous page")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
) -> ModelResponse:
    """Events newest first (undated ones last); every filter narrows the result.

    ``actor=state:USA`` (or ``actor=USA``) also matches events of persons affiliated with the
    United States. Pass ``next_cursor`` back as ``cursor`` for the next page.
    """
    request = PageRequest(flt, decode_cursor(cursor) if cursor else None)
    # Read with the concurrent requests of the same filter shape (api.coalesce).
    fetch = functools.partial(events_pages, graph, limit=limit + 1)
    rows = await reads.get(("events", page_shape(flt), limit + 1), request, fetch)
    page, more = rows[:limit], len(rows) > limit
    next_cursor = encode_cursor(*page_key(page[-1])) if more else None
    # One validation of the whole page (the rows in one call into pydantic-core).
    return ModelResponse(EventsPublic.model_validate({"data": page, "next_cursor": next_cursor}))


@router.get("/events/{event_id}", response_model=EventDetail, summary="One event with evidence")
def get_event(
    graph: GraphDep,
    event_id: Annotated[str, Path(description="graph event id, or an article-level event id")],
) -> ModelResponse:
    """The event, its actors and place, and every article that reported it with the
    sentences that support it."""
    return ModelResponse(EventDetail.model_validate(event_detail(graph, event_id)))
