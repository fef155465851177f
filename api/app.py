"""The FastAPI query service: ``create_app(settings)`` and its lifespan.

The lifespan opens the ONE Neo4j driver of the process (``api.runtime.open_driver``), tries
to create the graph schema (again before the first write if Neo4j was down at start), and
prepares the NLP pipeline holder (loaded on the first ingest, or at start with
``preload_nlp=True``). Routes receive them through ``api.deps``.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import PackageNotFoundError, version

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.concurrency import run_in_threadpool

from api import errors
from api.deps import ExtractorHolder, Reachability, SchemaGate
from api.jobs import JobRunner
from api.limits import BodySizeLimit
from api.routes import (
    actors,
    articles,
    cypher,
    events,
    export,
    health,
    jobs,
    paths,
    relations,
    viewer,
)
from api.runtime import open_driver
from api.settings import Settings, get_settings

log = logging.getLogger(__name__)


def _version() -> str:
    try:
        return version("dekg")
    except PackageNotFoundError:
        return "0.0.0"


def create_app(settings: Settings | None = None, *, preload_nlp: bool = False) -> FastAPI:
    """The query service. ``settings`` defaults to the environment (``DEKG_*``).

    Args:
        settings: the settings to use (tests pass their own).
        preload_nlp: load the spaCy pipeline at start instead of on the first ingest.
    """
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        driver = open_driver(settings)
        app.state.settings = settings
        app.state.driver = driver
        app.state.reachability = Reachability(driver)
        app.state.schema = SchemaGate(driver, settings.neo4j_database)
        app.state.extractor = ExtractorHolder(settings)
        app.state.jobs = JobRunner()
        if not await run_in_threadpool(app.state.schema.try_ensure):
            log.warning("Neo4j is not reachable yet; the schema is created on first write")
        if preload_nlp:
            await run_in_threadpool(app.state.extractor.get)
        try:
            yield
        finally:
            app.state.jobs.shutdown()
            driver.close()

    app = FastAPI(
        title="dekg",
        version=_version(),
        summary="Diplomatic event knowledge graph: PLOVER events from news, served from Neo4j.",
        lifespan=lifespan,
    )
    errors.install(app)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "X-API-Key"],
        )
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_request_bytes)
    for module in (health, articles, jobs, events, actors, relations, paths, cypher, export):
        app.include_router(module.router)
    viewer.mount(app)
    return app
