"""``GET /health`` (Neo4j reachable, NLP loaded, versions) and ``GET /stats`` (counts)."""

from __future__ import annotations

import logging
import platform
from importlib.metadata import PackageNotFoundError, version

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from api.deps import ExtractorHolderDep, GraphDep, RawGraphDep
from api.errors import RETRY_AFTER_S, public_detail
from api.responses import ModelResponse
from api.schemas import ComponentHealth, HealthPublic, ReadCachePublic, StatsPublic
from graph import GraphUnavailable
from graph.stats import server_version
from graph.stats import stats as graph_stats

log = logging.getLogger(__name__)
router = APIRouter(tags=["service"])


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for dist in ("dekg", "neo4j", "spacy", "fastapi"):
        try:
            out[dist] = version(dist)
        except PackageNotFoundError:
            continue
    return out


@router.get(
    "/health",
    response_model=HealthPublic,
    summary="Service health",
    responses={503: {"model": HealthPublic, "description": "Neo4j is unreachable"}},
)
def health(request: Request, graph: RawGraphDep, nlp: ExtractorHolderDep) -> JSONResponse:
    """``ok`` when Neo4j answers; 503 (with ``Retry-After``) when it does not. The NLP pipeline
    loads on the first ingest, so ``nlp.ok`` is false until then (``degraded`` is not an
    error)."""
    try:
        neo4j_health = ComponentHealth(ok=True, version=server_version(graph))
        request.app.state.reachability.down = False
    except GraphUnavailable as e:
        log.warning("health: %s", e)
        neo4j_health = ComponentHealth(ok=False, detail=public_detail(e))
    nlp_health = ComponentHealth(
        ok=nlp.loaded, detail=None if nlp.loaded else "loads on first use", version=nlp.model
    )
    status = "unavailable" if not neo4j_health.ok else "ok" if nlp.loaded else "degraded"
    cache = request.app.state.read_cache
    body = HealthPublic(
        status=status,
        neo4j=neo4j_health,
        nlp=nlp_health,
        versions=_versions(),
        read_cache=ReadCachePublic.model_validate(cache.stats()) if cache else None,
    )
    return JSONResponse(
        body.model_dump(mode="json"),
        status_code=503 if not neo4j_health.ok else 200,
        headers={"Retry-After": str(RETRY_AFTER_S)} if not neo4j_health.ok else None,
    )


@router.get("/stats", response_model=StatsPublic, summary="Counts of the graph")
def stats(graph: GraphDep) -> ModelResponse:
    """Number of articles, events, actors, places and reports, and events by PLOVER type."""
    return ModelResponse(StatsPublic.model_validate(graph_stats(graph)))
