"""The rows ``graph.read`` returns for what the API serves: typed, and plain dicts at run time.

The keys are the fields of ``ontology.public`` (``tests/ontology/test_public_fields.py``
checks every row here against its model there, key by key); the values are as
Neo4j stored them (``graph.values.native``: dates as ``datetime.date``). They are
``TypedDict``s, not models: the read path builds them at no cost beyond the dict, and the API
validates each once into its response model (``api.schemas``), as it did before.
"""

from __future__ import annotations

import datetime as dt
from typing import NotRequired, TypedDict


class ActorRefRow(TypedDict):
    id: str
    name: str | None
    kind: str | None
    country: str | None


class PlaceRow(TypedDict):
    id: str | None
    name: str
    country: str | None
    lat: float | None
    lon: float | None


class EventRow(TypedDict):
    """One event of a page, a relation or an event's detail (``graph.read.events``)."""

    id: str
    type: str
    mode: str | None
    cameo: str | None
    quad_class: int | None
    goldstein: float | None
    date: dt.date | None
    date_precision: str | None
    modality: str | None
    confidence: float | None
    num_articles: int | None
    num_sources: int | None
    source: list[ActorRefRow]
    target: list[ActorRefRow]
    attributed_to: list[ActorRefRow]
    place: NotRequired[PlaceRow]


class ArticleRow(TypedDict):
    """The article of a report (``ontology.public.ArticleRef``)."""

    id: str
    title: str | None
    url: str | None
    publisher: str | None
    agency: str | None
    published: dt.date | None


class EvidenceRow(TypedDict):
    text: str
    start: int | None
    end: int | None


class ReportRow(TypedDict):
    """One article's report of an event (``graph.read.reports``)."""

    article: ArticleRow
    article_event_id: str | None
    confidence: float | None
    evidence: list[EvidenceRow]


class EventDetailRow(EventRow):
    reports: list[ReportRow]


class ActorRow(TypedDict):
    """One actor as search finds it (``graph.read.actors.search_actors``)."""

    id: str
    name: str
    kind: str | None
    country: str | None
    sector: str | None
    role: str | None
    aliases: list[str] | None


#: An affiliation of the actor page (``from`` is a Python keyword: the functional form).
AffiliationRow = TypedDict(
    "AffiliationRow",
    {
        "actor": ActorRefRow,
        "role": str | None,
        "sector": str | None,
        "from": dt.date | None,
        "to": dt.date | None,
    },
)


class ActorDetailRow(ActorRow):
    wikidata: str | None
    event_count: int
    affiliations: list[AffiliationRow]
    members: list[AffiliationRow]


class RelationshipRow(TypedDict):
    """What one actor did with one counterpart (``graph.read.actors``)."""

    counterpart: ActorRefRow
    count: int
    outgoing: int
    incoming: int
    by_type: dict[str, int]
    goldstein_avg: float | None
    cooperation: int
    conflict: int
    first: dt.date | None
    last: dt.date | None
