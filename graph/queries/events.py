"""API reads of events (``graph.read.events``, ``graph.read.reports``)."""

from __future__ import annotations

import functools
import re

from graph.queries.conditions import event_conditions
from graph.queries.fields import actor_ref, projection
from ontology.public import EVENT_ROLES, EventFields, PlaceFields

# Every value is a parameter; the fragments below are constants concatenated at import time.

# The public fields of an event bound to ``e`` (ontology.public): its own, its actors by role
# (SOURCE, TARGET, ATTRIBUTED_TO) and its place.
_API_EVENT_FIELDS = (
    "\n"
    + projection("e", EventFields)
    + " AS event,\n"
    + "".join(
        f"[(e)-[:{role.upper()}]->(x:Actor) | {actor_ref('x')}] AS {role},\n"
        for role in EVENT_ROLES
    )
    + f"head([(e)-[:AT]->(x:Place) | {projection('x', PlaceFields)}]) AS place\n"
)


# Keyset page of events, newest first; undated events sort last (as 0001-01-01). The reader
# picks the start that uses the most selective index or label for the filter's fields (the
# actors' events, a country's actors' events, the events with the type labels, or every
# event); the conditions the start does not already guarantee follow in WHERE. The page comes
# back as ONE row (a list of maps in order): one Bolt record instead of one per event halves
# the driver's decoding work.
_API_EVENTS_PAGE_TAIL = (
    """
WITH e, coalesce(e.date, date('0001-01-01')) AS sort_date
WHERE $after_date IS NULL OR sort_date < $after_date
   OR (sort_date = $after_date AND e.id < $after_id)
WITH e, sort_date
ORDER BY sort_date DESC, e.id DESC
LIMIT $limit
WITH sort_date, """
    + _API_EVENT_FIELDS
    + """
ORDER BY sort_date DESC, event.id DESC
RETURN collect({sort_date: sort_date, event: event, source: source, target: target,
                attributed_to: attributed_to, place: place}) AS page
"""
)

#: Where a page of events starts, by the filter field it covers (``None``: every event).
#: ``{event}`` becomes the event pattern: ``e:Event``, or ``e:$any($types)`` (the type labels)
#: when the filter has types.
EVENT_STARTS: dict[str | None, str] = {
    "actors": """
MATCH (anchor:Actor) WHERE anchor.id IN $actors
UNWIND [anchor] + [(p:Actor)-[:AFFILIATED_WITH]->(anchor) | p] AS m
MATCH (m)<-[:SOURCE|TARGET]-({event})
WITH DISTINCT e
""",
    "countries": """
MATCH (c:Actor) WHERE c.country IN $countries
MATCH (c)<-[:SOURCE|TARGET]-({event})
WITH DISTINCT e
""",
    None: "MATCH ({event})\n",
}
_EVENT_NODE = "e:Event"
_TYPED_EVENT_NODE = "e:$any($types)"


@functools.cache
def api_events_page(start: str | None, fields: frozenset[str]) -> str:
    """The page query starting at ``EVENT_STARTS[start]`` and testing ``fields``."""
    typed = "types" in fields
    head = EVENT_STARTS[start].replace("{event}", _TYPED_EVENT_NODE if typed else _EVENT_NODE)
    where = event_conditions(fields - {start, "types" if typed else ""})
    return head + "WHERE " + where + _API_EVENTS_PAGE_TAIL


#: A parameter of the page query other than the shared ``$limit`` (``$any(`` is a function).
_REQUEST_PARAM = re.compile(r"\$(?!limit\b)(\w+)\b(?!\()")


@functools.cache
def api_events_pages(start: str | None, fields: frozenset[str]) -> str:
    """``api_events_page`` for several requests of the same shape in one statement:
    ``$batch`` is a list of maps, each with the parameters of one request (the filter's,
    ``after_date``, ``after_id``) and ``i``, its position; ``$limit`` is shared. One row per
    request: ``i`` and its page. The page query runs once per request inside ``CALL``, its
    parameters read from the request's map (``$types`` becomes ``req.types``)."""
    per_request = _REQUEST_PARAM.sub(r"req.\1", api_events_page(start, fields))
    return "UNWIND $batch AS req\nCALL (req) {" + per_request + "}\nRETURN req.i AS i, page\n"


API_EVENT_DETAIL = (
    """
MATCH (e:Event {id: $id})
RETURN """
    + _API_EVENT_FIELDS
    + """,
[(e)-[r:REPORTED_IN]->(ar:Article) |
  {article: ar {.id, .title, .url, .publisher, .agency, .published},
   article_event_id: r.article_event_id, confidence: r.confidence,
   evidence: r.evidence, start: r.start, end: r.end}] AS reports
"""
)

# An article-level event id (from an extraction) → the graph event that holds its report.
API_EVENT_BY_REPORT = """
MATCH (e:Event)-[r:REPORTED_IN]->(:Article)
WHERE r.article_event_id = $id
RETURN e.id AS id
LIMIT 1
"""


# The reports (article, evidence) of several events at once: the actor page lists a page of
# events with their evidence in one round trip.
API_EVENT_REPORTS = """
MATCH (e:Event) WHERE e.id IN $ids
RETURN e.id AS id,
[(e)-[r:REPORTED_IN]->(ar:Article) |
  {article: ar {.id, .title, .url, .publisher, .agency, .published},
   article_event_id: r.article_event_id, confidence: r.confidence,
   evidence: r.evidence, start: r.start, end: r.end}] AS reports
"""
