"""``GET /paths``: shortest paths between two actors."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import GraphDep
from api.responses import ModelResponse
from api.schemas import ActorRef, NetworkEdge, PathPublic, PathsPublic
from graph.read.actors import resolve_actor
from graph.read.network import MAX_PATH_LENGTH, shortest_paths

router = APIRouter(tags=["relations"])


@router.get("/paths", response_model=PathsPublic, summary="Shortest paths between two actors")
def get_paths(
    *,
    graph: GraphDep,
    source: Annotated[
        str, Query(alias="from", min_length=1, max_length=200, description="actor id or ISO3")
    ],
    target: Annotated[
        str, Query(alias="to", min_length=1, max_length=200, description="actor id or ISO3")
    ],
    max_length: Annotated[int, Query(ge=1, le=MAX_PATH_LENGTH)] = 4,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> ModelResponse:
    """All shortest paths (up to ``limit``) over interactions and affiliations, ignoring
    direction, at most ``max_length`` steps; an empty list when none is that short."""
    ids = resolve_actor(graph, source)
    idt = resolve_actor(graph, target)
    paths = shortest_paths(graph, ids, idt, max_length=max_length, limit=limit)
    return ModelResponse(
        PathsPublic(
            source=ids,
            target=idt,
            data=[
                PathPublic(
                    length=p["length"],
                    nodes=[ActorRef.model_validate(n) for n in p["nodes"]],
                    edges=[NetworkEdge.model_validate(e) for e in p["edges"]],
                )
                for p in paths
            ],
        )
    )
