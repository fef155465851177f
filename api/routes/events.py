"""``GET /events`` (filtered, cursor-paginated) and ``GET /events/{id}`` (with evidence)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.cursor import decode_cursor, encode_cursor
from api.deps import DatabaseDep, DriverDep, FilterDep
from api.responses import ModelResponse
from api.schemas import EventDetail, EventPublic, EventsPublic
from graph import reader

router = APIRouter(tags=["events"])

MAX_LIMIT = 500


@router.get("/events", response_model=EventsPublic, summary="Events matching the filters")
def list_events(
    driver: DriverDep,
    database: DatabaseDep,
    flt: FilterDep,
    cursor: Annotated[str | None, Query(description="next_cursor of the previous page")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
) -> ModelResponse:
    """Events newest first (undated ones last); every filter narrows the result.

    ``actor=state:USA`` (or ``actor=USA``) also matches events of persons affiliated with the
    United States. Pass ``next_cursor`` back as ``cursor`` for the next page.
    """
    after = decode_cursor(cursor) if cursor else None
    rows = reader.events_page(driver, database, flt, limit=limit + 1, after=after)
    page, more = rows[:limit], len(rows) > limit
    next_cursor = encode_cursor(page[-1]["_sort_date"], page[-1]["id"]) if more else None
    return ModelResponse(
        EventsPublic(
            data=[EventPublic.model_validate(_public(r)) for r in page], next_cursor=next_cursor
        )
    )


@router.get("/events/{event_id}", response_model=EventDetail, summary="One event with evidence")
def get_event(
    driver: DriverDep,
    database: DatabaseDep,
    event_id: Annotated[str, Path(description="graph event id, or an article-level event id")],
) -> ModelResponse:
    """The event, its actors and place, and every article that reported it with the
    sentences that support it."""
    return ModelResponse(
        EventDetail.model_validate(reader.event_detail(driver, database, event_id))
    )


def _public(row: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in row.items() if not k.startswith("_")}
