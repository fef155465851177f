"""The fields the query service serves about stored events, actors and places: listed once.

These models are the one list of those fields and their types. The API's response schemas
(``api.schemas``: ``EventPublic``, ``ActorPublic``, ``PlacePublic``, ``ActorRef``) derive from
them, the Cypher projections that read them (``graph.queries``) are built from their field
names (:func:`field_names`), and the rows ``graph.read`` returns (``graph.rows``) carry the
same keys (a test checks all three agree).
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


def field_names(model: type[BaseModel]) -> tuple[str, ...]:
    """The names of a model's fields, in order.

    Example:
        >>> field_names(ActorRef)
        ('id', 'name', 'kind', 'country')
    """
    return tuple(model.model_fields)
