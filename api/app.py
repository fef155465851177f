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

from anyio import CapacityLimiter, to_thread
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.concurrency import run_in_threadpool

from api import errors
from api.cache import GraphState, ReadCache, ReadCacheMiddleware, ResponseCache
from api.console import ConsoleLimiter
from api.deps import ExtractorHolder, Reachability, SchemaGate
from api.hosts import TrustedHosts
from api.jobs import JobRunner
from api.jobstore import JobStore
from api.jsonlimits import JsonLimits
from api.limits import BodySizeLimit
from api.routes import (
    actor_events,
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
    watch,
)
from api.runtime import open_driver
from api.settings import Settings, get_settings
from api.usecases.ingestion import Ingestion
from api.watch.service import start_watch
from graph import changes
from graph.session import Graph

log = logging.getLogger(__name__)

#: Threads for POST /articles (extraction runs one article at a time anyway).
INGEST_THREADS = 2
#: The durable batch-job store, in DEKG_DATA_DIR (docs/decisions/0009-job-store.md).
JOB_STORE = "jobs.sqlite3"


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
        # Sync endpoints and dependencies run in this many threads; more only fight for the
        # GIL (measured in docs/decisions/0007-read-path.md).
        to_thread.current_default_thread_limiter().total_tokens = settings.api_threads
        # Ingestion (seconds of NLP per article) gets threads of its own, so reads go on.
        app.state.ingest_limiter = CapacityLimiter(INGEST_THREADS)
        # The console has slots of its own: slow queries never take the threads above.
        app.state.console_limiter = ConsoleLimiter(settings.cypher_concurrency)
        app.state.settings = settings
        app.state.driver = driver
        app.state.reachability = Reachability(driver)
        app.state.schema = SchemaGate(Graph(driver, settings.neo4j_database))
        app.state.extractor = ExtractorHolder(settings)
        graph = Graph(driver, settings.neo4j_database)
        app.state.read_cache = _read_cache(settings, graph)
        app.state.jobs = _job_runner(app, settings, graph)
        if not await run_in_threadpool(app.state.schema.try_ensure):
            log.warning("Neo4j is not reachable yet; the schema is created on first write")
        if preload_nlp:
            await run_in_threadpool(app.state.extractor.get)
        app.state.jobs.start()  # resumes the jobs a previous process left unfinished
        app.state.watch = await run_in_threadpool(
            start_watch, settings, Graph(driver, settings.neo4j_database)
        )
        try:
            yield
        finally:
            if app.state.watch is not None:
                await run_in_threadpool(app.state.watch.stop)
            app.state.jobs.shutdown()
            driver.close()

    app = FastAPI(
        title="dekg",
        version=_version(),
        summary="Diplomatic event knowledge graph: PLOVER events from news, served from Neo4j.",
        lifespan=lifespan,
    )
    errors.install(app)
    # Innermost first: cached answers still pass CORS and the body limit.
    app.add_middleware(ReadCacheMiddleware)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "X-API-Key"],
        )
    app.add_middleware(JsonLimits)  # inside the size limit: the body it buffers is bounded
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_request_bytes)
    # Outermost: a request for another host name (DNS rebinding) gets nothing else.
    app.add_middleware(TrustedHosts, allowed=settings.allowed_hosts)
    for module in (health, articles, jobs, events, actors, relations, paths, cypher, export, watch):
        app.include_router(module.router)
    app.include_router(actor_events.router)  # the actor page's events (issue 15)
    viewer.mount(app)
    return app


def _job_runner(app: FastAPI, settings: Settings, graph: Graph) -> JobRunner:
    """Batch jobs in ``DEKG_DATA_DIR/jobs.sqlite3``, run with the app's pipeline and graph."""
    cache: ReadCache | None = app.state.read_cache
    ingestion = Ingestion(
        app.state.extractor.extract,
        graph,
        app.state.schema.ensure,
        cache.state.expire if cache else lambda: None,
    )
    store = JobStore(settings.data_dir / JOB_STORE)
    return JobRunner(store, articles.batch_process(ingestion))


def _read_cache(settings: Settings, graph: Graph) -> ReadCache | None:
    if not settings.read_cache_mb:
        return None
    return ReadCache(
        state=GraphState(lambda since: changes.observe(graph, since)),
        responses=ResponseCache(max_bytes=settings.read_cache_mb * 1024 * 1024),
        staleness_s=settings.read_cache_staleness_s,
    )
