"""Response (and request) models of the query service: what the API promises to return.

Names say their use: ``XPublic`` is one resource as served, ``XsPublic`` a page of them
(``data`` plus ``next_cursor``). Dates are ISO strings in JSON (pydantic does that). The
fields of events, actors, places, articles, reports, affiliations and relationships are
listed once, in ``ontology.public``: the schemas here derive from those models or are
that module's own (``ActorRef``, ``ArticleRef``, ``EvidencePublic``, ``ReportPublic``,
``AffiliationPublic``, ``ActorRelationship``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field

from ontology.outcome import ItemStatus
from ontology.public import (
    ActorFields,
    ActorRef,
    ActorRelationship,
    AffiliationPublic,
    ArticleRef,
    EventFields,
    PlaceFields,
    ReportPublic,
)


class _Public(BaseModel):
    model_config = ConfigDict(frozen=True)


class PlacePublic(PlaceFields):
    pass


class EventPublic(EventFields):
    """One event (one happening; several articles may have reported it)."""

    source: list[ActorRef] = Field(default_factory=list)
    target: list[ActorRef] = Field(default_factory=list)
    attributed_to: list[ActorRef] = Field(default_factory=list)
    place: PlacePublic | None = None


class EventsPublic(_Public):
    """A page of events, newest first; pass ``next_cursor`` back as ``cursor`` for the next."""

    data: list[EventPublic]
    next_cursor: str | None = None


class EventDetail(EventPublic):
    reports: list[ReportPublic] = Field(default_factory=list)


class EventDetailsPublic(_Public):
    """A page of one actor's events with their reports, newest first."""

    actor: str = Field(description="the actor's id")
    data: list[EventDetail]
    next_cursor: str | None = None


class ActorPublic(ActorFields):
    pass


class ActorDetail(ActorPublic):
    event_count: int = 0
    affiliations: list[AffiliationPublic] = Field(default_factory=list)
    members: list[AffiliationPublic] = Field(default_factory=list)


class ActorsPublic(_Public):
    data: list[ActorPublic]
    count: int


class ActorRelationships(_Public):
    actor: ActorRef
    members: list[ActorRef] = Field(
        default_factory=list,
        description="actors counted as this actor: itself and the persons affiliated with it",
    )
    source: Literal["events", "interactions"]
    data: list[ActorRelationship]


class TimelineMonth(_Public):
    month: str = Field(description="YYYY-MM")
    count: int
    cooperation: int
    conflict: int
    goldstein_sum: float
    quads: tuple[int, int, int, int] = Field(
        description="events by quad class: verbal cooperation, material cooperation, "
        "verbal conflict, material conflict"
    )


class RelationTimeline(_Public):
    """Every event between two actors (either direction), by month."""

    a: ActorRef
    b: ActorRef
    count: int
    cooperation: int
    conflict: int
    undated: int
    months: list[TimelineMonth]
    events: list[EventPublic]
    truncated: bool = False


class NetworkEdge(_Public):
    source: str
    target: str
    rel: str
    count: int | None = None


class NetworkPublic(_Public):
    center: str
    depth: int
    nodes: list[ActorRef]
    edges: list[NetworkEdge]
    truncated: bool = False


class PathPublic(_Public):
    length: int
    nodes: list[ActorRef]
    edges: list[NetworkEdge]


class PathsPublic(_Public):
    source: str
    target: str
    data: list[PathPublic]


class CypherRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    query: str = Field(min_length=1, max_length=20_000)
    params: dict[str, Any] = Field(default_factory=dict)


class CypherResult(_Public):
    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool
    limit: Literal["rows", "bytes"] | None = Field(
        default=None, description="what cut the answer short: the row cap or the byte cap"
    )


class ArticleIngested(_Public):
    """The result of ``POST /articles``: the article, its events and what the graph did."""

    article: ArticleRef
    status: ItemStatus = Field(
        description="written, or unchanged when the same text was loaded before"
    )
    events: list[EventPublic]


class JobItemError(_Public):
    """One item of a batch that failed (``ontology.outcome.ItemError``)."""

    item: str
    error: str
    kind: str | None = Field(default=None, validation_alias=AliasChoices("kind", "error_kind"))


class JobPublic(_Public):
    id: str
    status: Literal["queued", "running", "done", "failed"]
    total: int
    processed: int
    written: int
    unchanged: int
    failed: int
    events: int
    errors: list[JobItemError]
    created: dt.datetime
    finished: dt.datetime | None = None
    message: str | None = None


class ComponentHealth(_Public):
    ok: bool
    detail: str | None = None
    version: str | None = None


class ReadCachePublic(_Public):
    """This worker's read cache (``api.cache``) since it started."""

    entries: int
    bytes: int
    hits: int
    misses: int
    bypassed: int
    scoped_expiries: int = Field(0, description="observations whose changes expired some answers")
    full_expiries: int = Field(0, description="observations that expired every answer")


class HealthPublic(_Public):
    status: Literal["ok", "degraded", "unavailable"]
    neo4j: ComponentHealth
    nlp: ComponentHealth
    versions: dict[str, str]
    read_cache: ReadCachePublic | None = None


class StatsPublic(_Public):
    articles: int
    events: int
    actors: int
    places: int
    reports: int
    events_by_type: dict[str, int]
