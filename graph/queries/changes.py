"""Change records (``graph.changes``)."""

from __future__ import annotations

# Each write transaction of graph.writer ends with one :GraphChange record naming what it may
# have changed (the API's read cache expires only the answers that depend on it). Sequence
# numbers come from the one :GraphChangeLog node, locked by the last statement of the
# transaction only, so commits and sequence numbers keep the same order.
# (Their constraints are in SCHEMA; COUNT_LABELS leaves them out.)

# The fields of actors that answers show about other actors, and the orgs they act for.
CHANGE_ACTORS = """
UNWIND $ids AS id
MATCH (a:Actor {id: id})
RETURN a.id AS id, [a.name, a.kind, a.country] AS fields,
       [(a)-[:AFFILIATED_WITH]->(o:Actor) | o.id] AS orgs
"""

CHANGE_PLACES = """
UNWIND $ids AS id
MATCH (p:Place {id: id})
RETURN p.id AS id, [p.name, p.country, p.lat, p.lon] AS fields
"""

# The events the articles report: their types, actors (and those actors' orgs), countries.
CHANGE_ARTICLE_EVENTS = """
UNWIND $ids AS id
MATCH (:Article {id: id})<-[:REPORTED_IN]-(e:Event)
WITH DISTINCT e
OPTIONAL MATCH (e)-[:SOURCE|TARGET|ATTRIBUTED_TO]->(x:Actor)
OPTIONAL MATCH (x)-[:AFFILIATED_WITH]->(o:Actor)
RETURN collect(DISTINCT e.type) AS types,
       collect(DISTINCT x.id) + collect(DISTINCT o.id) AS actors,
       collect(DISTINCT x.country) AS countries
"""

RECORD_CHANGE = """
MERGE (log:GraphChangeLog {id: 'log'})
SET log.seq = coalesce(log.seq, 0) + 1
CREATE (:GraphChange {seq: log.seq, at: datetime(), scope: $scope, actors: $actors,
                      countries: $countries, types: $types})
WITH log
OPTIONAL MATCH (old:GraphChange) WHERE old.seq <= log.seq - $keep
DELETE old
"""

# Read by the API (graph.changes.read_changes): the records after a sequence number.
CHANGES_SINCE = """
MATCH (c:GraphChange) WHERE c.seq > $since
RETURN c.seq AS seq, c.scope AS scope, c.actors AS actors, c.countries AS countries,
       c.types AS types
ORDER BY seq
LIMIT $limit
"""

CHANGE_HEAD = """
OPTIONAL MATCH (log:GraphChangeLog {id: 'log'})
RETURN coalesce(log.seq, 0) AS seq
"""
