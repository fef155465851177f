"""Actors: search, detail, relationships (counterparts) and ego networks."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Annotated

from fastapi import APIRouter, Path, Query
from starlette.concurrency import run_in_threadpool

from api import render
from api.coalesce import Coalescer, CoalescerDep
from api.deps import FilterDep, GraphDep
from api.render import JSONBytes
from api.responses import ModelResponse
from api.schemas import (
    ActorDetail,
    ActorPublic,
    ActorRef,
    ActorRelationships,
    ActorsPublic,
    NetworkEdge,
    NetworkPublic,
)
from graph.filters import GraphFilter
from graph.read import actors as read
from graph.read.network import MAX_DEPTH, ego_network
from graph.session import Graph
from ontology.model import ActorKind

router = APIRouter(tags=["actors"])

ActorPath = Annotated[
    str,
    Path(description="actor id (state:RUS, person:sergei-lavrov), ISO3 code (RUS) or exact name"),
]


@router.get("/actors", response_model=ActorsPublic, summary="Search actors by name or alias")
def search_actors(
    *,
    graph: GraphDep,
    q: Annotated[str | None, Query(max_length=200, description="part of a name or alias")] = None,
    kind: ActorKind | None = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> ModelResponse:
    """Actors whose name, alias or id contains ``q`` (case-insensitive), exact matches first."""
    count, rows = read.search_actors(
        graph,
        q=q,
        kind=str(kind) if kind else None,
        country=country.upper() if country else None,
        limit=limit,
        offset=offset,
    )
    return ModelResponse(
        ActorsPublic(data=[ActorPublic.model_validate(_actor(r)) for r in rows], count=count)
    )


@router.get("/actors/{actor_id}", response_model=ActorDetail, summary="One actor")
def get_actor(graph: GraphDep, actor_id: ActorPath) -> ModelResponse:
    """The actor, the states/organisations it acts for, the persons acting for it."""
    resolved = read.actor_id_of(graph, actor_id)
    return ModelResponse(ActorDetail.model_validate(_actor(read.actor_detail(graph, resolved))))


@router.get(
    "/actors/{actor_id}/relationships",
    response_model=ActorRelationships,
    summary="The actor's counterparts, with counts by event type",
)
async def get_relationships(
    graph: GraphDep,
    actor_id: ActorPath,
    flt: FilterDep,
    reads: CoalescerDep,
    limit: Annotated[int, Query(ge=1, le=1000, description="most counterparts returned")] = 100,
) -> JSONBytes:
    """Every actor this one acted on or was acted on by (a state includes its affiliated
    persons, e.g. its foreign minister): number of events in each direction, counts by PLOVER
    type, average Goldstein, cooperation vs conflict, first and last date.

    Without filters the answer comes from the ``INTERACTS_WITH`` projection; with filters
    (time range, type, …) it is computed from the matching events.
    """
    found = await _counterparts(graph, reads, actor_id, flt, limit)
    return JSONBytes(render.relationships(found))  # ActorRelationships' JSON, via orjson


async def _counterparts(
    graph: Graph, reads: Coalescer, ref: str, flt: GraphFilter, limit: int
) -> read.Counterparts:
    """An id without filters: read with the concurrent requests' (``api.coalesce``); a name
    to resolve or a filter: a read of its own."""
    actor_id = read.full_id(ref)
    if actor_id is None or not flt.is_empty():
        return await run_in_threadpool(
            lambda: read.actor_counterparts(graph, read.actor_id_of(graph, ref), flt, limit=limit)
        )
    fetch = functools.partial(read.stored_counterparts, graph, limit=limit)
    found: read.Counterparts | None = await reads.get(("relationships", limit), actor_id, fetch)
    if found is None:
        raise read.unknown_actor(actor_id)
    return found


@router.get(
    "/actors/{actor_id}/network", response_model=NetworkPublic, summary="Ego network of an actor"
)
def get_network(
    graph: GraphDep,
    actor_id: ActorPath,
    depth: Annotated[int, Query(ge=1, le=MAX_DEPTH)] = 1,
    max_nodes: Annotated[int, Query(ge=1, le=2000)] = 500,
) -> ModelResponse:
    """Actors within ``depth`` steps over interactions (source→target, with event counts) and
    affiliations (person→state/organisation)."""
    resolved = read.actor_id_of(graph, actor_id)
    nodes, edges, truncated = ego_network(graph, resolved, depth, cap=max_nodes)
    return ModelResponse(
        NetworkPublic(
            center=resolved,
            depth=depth,
            nodes=[ActorRef.model_validate(n) for n in nodes],
            edges=[NetworkEdge.model_validate(e) for e in edges],
            truncated=truncated,
        )
    )


def _actor(row: Mapping[str, object]) -> dict[str, object]:
    out = dict(row)
    if out.get("aliases") is None:
        out["aliases"] = []
    if out.get("name") is None:
        out["name"] = str(out["id"])
    return out
