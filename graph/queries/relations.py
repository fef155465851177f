"""API reads of relationships between actors (``graph.read.relations``, ``graph.read.actors``)."""

from __future__ import annotations

import functools

from graph.queries.conditions import event_conditions
from graph.queries.events import _API_EVENT_FIELDS
from graph.queries.summaries import INTERACTION_SUMS

# The actor ``$id`` and the persons affiliated with it (a state counts its ministers' events).
_API_MEMBERS = """
MATCH (anchor:Actor {id: $id})
WITH anchor, [anchor] + [(p:Actor)-[:AFFILIATED_WITH]->(anchor) | p] AS members
"""


# Counterparts from the events (filters apply): one row per counterpart; the actor is on one
# side (source/target) and the counterpart on the other.
_API_ACTOR_RELATIONSHIPS_HEAD = (
    _API_MEMBERS
    + """
UNWIND members AS m
MATCH (m)<-[r1:SOURCE|TARGET]-(e:Event)-[r2:SOURCE|TARGET]->(c:Actor)
WHERE type(r1) <> type(r2) AND NOT c IN members AND """
)
_API_ACTOR_RELATIONSHIPS_TAIL = """
WITH DISTINCT c, e, type(r1) AS side
WITH c, e, collect(side) AS sides
WITH c,
     count(e) AS count,
     sum(CASE WHEN 'SOURCE' IN sides THEN 1 ELSE 0 END) AS outgoing,
     sum(CASE WHEN 'TARGET' IN sides THEN 1 ELSE 0 END) AS incoming,
     avg(e.goldstein) AS goldstein_avg,
     sum(CASE WHEN e.quad_class IN $cooperation THEN 1 ELSE 0 END) AS cooperation,
     sum(CASE WHEN e.quad_class IN $conflict THEN 1 ELSE 0 END) AS conflict,
     min(e.date) AS first, max(e.date) AS last,
     collect(e.type) AS types
RETURN c {.id, .name, .kind, .country} AS counterpart, count, outgoing, incoming,
       goldstein_avg, cooperation, conflict, first, last, types
ORDER BY count DESC, counterpart.id
LIMIT $limit
"""


@functools.cache
def api_actor_relationships(fields: frozenset[str]) -> str:
    """Counterparts of ``$id`` from its events that pass the conditions on ``fields``."""
    return (
        _API_ACTOR_RELATIONSHIPS_HEAD
        + event_conditions(fields - {"actors"})
        + _API_ACTOR_RELATIONSHIPS_TAIL
    )


# The same from the INTERACTS_WITH projection (no filter), added up per counterpart (both
# directions, every member); ``type_counts`` follows the order of ``$type_names``.
API_ACTOR_INTERACTIONS = (
    _API_MEMBERS
    + """
UNWIND members AS m
MATCH (m)-[r:INTERACTS_WITH]-(c:Actor)
WHERE NOT c IN members
WITH c, collect({r: r, out: startNode(r) = m}) AS rels
WITH c, rels, reduce(n = 0, x IN rels | n + coalesce(x.r.count, 0)) AS count
ORDER BY count DESC, c.id
LIMIT $limit
RETURN c {.id, .name, .kind, .country} AS counterpart, count,
       """
    + INTERACTION_SUMS
)

# Events between the members of $a and the members of $b, either direction.
_API_RELATION_EVENTS_HEAD = """
MATCH (ea:Actor {id: $a})
WITH [ea] + [(p:Actor)-[:AFFILIATED_WITH]->(ea) | p] AS ma
MATCH (eb:Actor {id: $b})
WITH ma, [eb] + [(p:Actor)-[:AFFILIATED_WITH]->(eb) | p] AS mb
UNWIND ma AS x
MATCH (x)<-[r1:SOURCE|TARGET]-(e:Event)-[r2:SOURCE|TARGET]->(y:Actor)
WHERE type(r1) <> type(r2) AND y IN mb AND """
_API_RELATION_EVENTS_TAIL = (
    """
WITH DISTINCT e
WITH e, coalesce(e.date, date('0001-01-01')) AS sort_date
ORDER BY sort_date, e.id
LIMIT $limit
RETURN """
    + _API_EVENT_FIELDS
)


@functools.cache
def api_relation_events(fields: frozenset[str]) -> str:
    """Events between the members of ``$a`` and ``$b`` passing the conditions on ``fields``."""
    return (
        _API_RELATION_EVENTS_HEAD
        + event_conditions(fields - {"actors"})
        + _API_RELATION_EVENTS_TAIL
    )
