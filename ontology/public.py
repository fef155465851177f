"""The fields the query service serves about stored events, actors, places, articles, reports,
affiliations and relationships: listed once.

These models are the one list of those fields and their types. The API's response schemas
(``api.schemas``) derive from them (``EventPublic``, ``ActorPublic``, ``PlacePublic``) or are
them (``ActorRef``, ``ArticleRef``, ``EvidencePublic``, ``ReportPublic``,
``AffiliationPublic``, ``ActorRelationship``: nothing of the API is added to those, so they
keep the names the OpenAPI document has always given them). The Cypher projections that read
them (``graph.queries``) are built from their field names (:func:`field_names`), and the rows
``graph.read`` returns (``graph.rows``) carry the same keys (a test checks all three agree).
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from ontology.model import DatePrecision, Modality
from ontology.plover import EventType

#: The relationships from an event to its actors, in the order an event lists them.
EVENT_ROLES = ("source", "target", "attributed_to")


class _Served(BaseModel):
    model_config = ConfigDict(frozen=True)


class ActorRef(_Served):
    """An actor as it appears inside an event, a relationship or a path."""

    id: str
    name: str | None = None
    kind: str | None = None
    country: str | None = None


class PlaceFields(_Served):
    """A place's fields (the API's ``PlacePublic``)."""

    id: str | None = None
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


class EventFields(_Served):
    """An event's own fields; the API's ``EventPublic`` adds its actors and place."""

    id: str
    type: EventType
    mode: str | None = None
    cameo: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    date: dt.date | None = None
    date_precision: DatePrecision | None = None
    modality: Modality | None = None
    confidence: float | None = None
    num_articles: int | None = None
    num_sources: int | None = None


class ActorFields(_Served):
    """An actor's own fields, as search and the actor page serve them (``ActorPublic``)."""

    id: str
    name: str
    kind: str | None = None
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    aliases: list[str] = Field(default_factory=list)
    wikidata: str | None = Field(default=None, description="Wikidata item id (Q7747)")


class ArticleRef(_Served):
    id: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    agency: str | None = None
    published: dt.date | None = None


class EvidencePublic(_Served):
    text: str
    start: int | None = None
    end: int | None = None


class ReportPublic(_Served):
    """One article's report of an event, with the sentences that support it."""

    article: ArticleRef
    article_event_id: str | None = None
    confidence: float | None = None
    evidence: list[EvidencePublic] = Field(default_factory=list)


class AffiliationPublic(_Served):
    actor: ActorRef
    role: str | None = None
    sector: str | None = None
    from_: dt.date | None = Field(default=None, alias="from")
    to: dt.date | None = None

    model_config = ConfigDict(frozen=True, populate_by_name=True, serialize_by_alias=True)


class ActorRelationship(_Served):
    """What one actor did with one counterpart (events in either direction)."""

    counterpart: ActorRef
    count: int
    outgoing: int
    incoming: int
    by_type: dict[str, int]
    goldstein_avg: float | None = None
    cooperation: int = 0
    conflict: int = 0
    first: dt.date | None = None
    last: dt.date | None = None


def field_names(model: type[BaseModel]) -> tuple[str, ...]:
    """The names of a model's fields, in order.

    Example:
        >>> field_names(ActorRef)
        ('id', 'name', 'kind', 'country')
    """
    return tuple(model.model_fields)
