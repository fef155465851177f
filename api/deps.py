"""Typed FastAPI dependencies: settings, the one driver, the extractor, auth, filters.

The app's lifespan (``api.app``) puts the settings, the driver (as a ``graph.session.Graph``
with the database) and the lazily loaded extractor on ``app.state``; these functions hand
them to the routes::

    @router.get("/events")
    def list_events(graph: GraphDep, flt: FilterDep) -> ...
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import neo4j
from fastapi import Depends, Query, Request
from starlette.concurrency import run_in_threadpool

from api.errors import Forbidden, InvalidParameter, Unauthorized
from api.settings import Settings
from api.usecases import filters
from api.usecases.filters import parse_near, resolve_actors
from graph import GraphUnavailable
from graph.filters import GraphFilter
from graph.schema import ensure_schema
from graph.session import Graph, verify_connectivity
from ontology.model import Article, ExtractionResult, Modality
from ontology.plover import EventType

if TYPE_CHECKING:
    from ingest.extract import Extractor


async def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


class Reachability:
    """Makes requests fail fast while Neo4j is known to be down.

    After a ``GraphUnavailable`` (the error handler calls :meth:`mark_down`), each request
    first checks the connection (a quick connect, no retries) until Neo4j answers again, so
    callers get a 503 at once instead of waiting for the driver's retries. The driver itself
    reconnects: nothing is cached that could stay dead.
    """

    def __init__(self, driver: neo4j.Driver) -> None:
        self._driver = driver
        self.down = False

    def mark_down(self) -> None:
        self.down = True

    def check(self) -> None:
        """Raises ``GraphUnavailable`` while Neo4j still does not answer."""
        if not self.down:
            return
        verify_connectivity(self._driver, "checking the connection")
        self.down = False


async def get_raw_driver(request: Request) -> neo4j.Driver:
    driver: neo4j.Driver = request.app.state.driver
    return driver


async def get_driver(request: Request) -> neo4j.Driver:
    """The driver, after a quick check when Neo4j was unreachable on a recent request."""
    reachability: Reachability = request.app.state.reachability
    if reachability.down:
        await run_in_threadpool(reachability.check)
    return await get_raw_driver(request)


async def get_live_driver(request: Request) -> neo4j.Driver:
    """The driver after a quick connect: for long operations (exports, writes) whose driver
    retries would otherwise keep a request waiting while Neo4j is down."""
    reachability: Reachability = request.app.state.reachability
    reachability.mark_down()
    await run_in_threadpool(reachability.check)
    return await get_raw_driver(request)


SettingsDep = Annotated[Settings, Depends(get_app_settings)]
LiveDriverDep = Annotated[neo4j.Driver, Depends(get_live_driver)]
DriverDep = Annotated[neo4j.Driver, Depends(get_driver)]
RawDriverDep = Annotated[neo4j.Driver, Depends(get_raw_driver)]


async def get_database(settings: SettingsDep) -> str:
    return settings.neo4j_database


DatabaseDep = Annotated[str, Depends(get_database)]


async def get_graph(driver: DriverDep, database: DatabaseDep) -> Graph:
    """The driver (checked like :func:`get_driver`) with the database: what reads take."""
    return Graph(driver, database)


async def get_live_graph(driver: LiveDriverDep, database: DatabaseDep) -> Graph:
    """The graph after a quick connect (see :func:`get_live_driver`): for exports, writes."""
    return Graph(driver, database)


async def get_raw_graph(driver: RawDriverDep, database: DatabaseDep) -> Graph:
    """The graph without any check (``/health`` asks Neo4j itself)."""
    return Graph(driver, database)


GraphDep = Annotated[Graph, Depends(get_graph)]
LiveGraphDep = Annotated[Graph, Depends(get_live_graph)]
RawGraphDep = Annotated[Graph, Depends(get_raw_graph)]


class ExtractorHolder:
    """Loads the NLP pipeline once, on first use (or at start), and serialises extraction."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._extractor: Extractor | None = None
        self._load_lock = threading.Lock()
        self.run_lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._extractor is not None

    @property
    def model(self) -> str:
        return self._settings.spacy_model

    def get(self) -> Extractor:
        """The extractor; raises ``ingest.ModelNotInstalled`` when the model is missing."""
        with self._load_lock:
            if self._extractor is None:
                from ingest.extract import Extractor
                from ingest.nlp import load_pipeline

                nlp = load_pipeline(
                    self._settings.spacy_model,
                    tuple(self._settings.actor_dictionaries),
                    self._settings.triggers,
                )
                self._extractor = Extractor(nlp)
            return self._extractor

    def extract(self, articles: Sequence[Article]) -> list[ExtractionResult]:
        """The results of ``articles``, one extraction run at a time."""
        extractor = self.get()
        with self.run_lock:
            return list(extractor.extract_many(list(articles)))


class SchemaGate:
    """Creates the graph schema once Neo4j answers (at start, or before the first write)."""

    def __init__(self, graph: Graph) -> None:
        self._graph = graph
        self._lock = threading.Lock()
        self.ready = False

    def ensure(self) -> None:
        """Raises ``GraphUnavailable`` while Neo4j cannot be reached."""
        if self.ready:
            return
        with self._lock:
            if not self.ready:
                ensure_schema(self._graph)
                self.ready = True

    def try_ensure(self) -> bool:
        """Create the schema if Neo4j answers a quick connect now; False when it does not."""
        try:
            self._graph.verify("creating the schema")
            self.ensure()
        except GraphUnavailable:
            return False
        return True


async def get_extractor_holder(request: Request) -> ExtractorHolder:
    holder: ExtractorHolder = request.app.state.extractor
    return holder


ExtractorHolderDep = Annotated[ExtractorHolder, Depends(get_extractor_holder)]


def get_extractor(holder: ExtractorHolderDep) -> Extractor:
    return holder.get()


ExtractorDep = Annotated["Extractor", Depends(get_extractor)]


async def get_schema_gate(request: Request) -> SchemaGate:
    gate: SchemaGate = request.app.state.schema
    return gate


SchemaGateDep = Annotated[SchemaGate, Depends(get_schema_gate)]


def presented_key(request: Request) -> str | None:
    """The API key of a request: ``X-API-Key``, else ``Authorization: Bearer <key>``."""
    key = request.headers.get("x-api-key")
    if key:
        return key.strip()
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return None


async def require_api_key(request: Request, settings: SettingsDep) -> None:
    """Refuse a write unless it carries one of ``DEKG_API_KEYS``.

    Raises:
        Forbidden: no key is configured (writes are disabled).
        Unauthorized: the key is missing or unknown.
    """
    if not settings.api_keys:
        raise Forbidden(
            "writes are disabled because no API key is configured: set DEKG_API_KEYS "
            "(comma-separated keys) for the server and send one as X-API-Key or "
            "Authorization: Bearer"
        )
    key = presented_key(request)
    if key is None:
        raise Unauthorized("this endpoint needs an API key: send X-API-Key or Authorization")
    given = key.encode("utf-8")
    if not any(
        secrets.compare_digest(given, k.get_secret_value().encode()) for k in settings.api_keys
    ):
        raise Unauthorized("unknown API key")


WriteAuth = Depends(require_api_key)


#: Most values of one repeatable filter parameter (``actor=…&actor=…``).
MAX_FILTER_VALUES = 50


async def event_filter(
    *,
    graph: GraphDep,
    type: Annotated[list[EventType] | None, Query(description="PLOVER event type(s)")] = None,
    actor: Annotated[
        list[str] | None,
        Query(description="actor id (state:RUS), ISO3 code (RUS) or exact name; repeatable"),
    ] = None,
    country: Annotated[
        list[str] | None, Query(description="ISO 3166 alpha-3 of a source/target actor")
    ] = None,
    date_from: Annotated[dt.date | None, Query(description="first event date (inclusive)")] = None,
    date_to: Annotated[dt.date | None, Query(description="last event date (inclusive)")] = None,
    place: Annotated[str | None, Query(description="place name (case-insensitive)")] = None,
    near: Annotated[
        str | None, Query(description="lat,lon,km: events within km of a point")
    ] = None,
    modality: Annotated[Modality | None, Query()] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
) -> GraphFilter:
    """The event filter shared by ``/events``, ``/export``, relationships and relations.

    Async (no thread of its own) unless actor references need resolving in Neo4j.
    """
    for name, values in (("type", type), ("actor", actor), ("country", country)):
        if values and len(values) > MAX_FILTER_VALUES:
            raise InvalidParameter(f"{name}: at most {MAX_FILTER_VALUES} values, got {len(values)}")
    actors = await run_in_threadpool(resolve_actors, graph, actor) if actor else []
    return filters.event_filter(
        types=type or (),
        actors=actors,
        countries=country or (),
        date_from=date_from,
        date_to=date_to,
        place=place,
        near=parse_near(near),
        modality=modality,
        min_confidence=min_confidence,
    )


FilterDep = Annotated[GraphFilter, Depends(event_filter)]
