"""API reads of actors (``graph.read.actors``, ``graph.actor_refs``)."""

from __future__ import annotations

from graph.queries.fields import projection
from ontology.public import ActorFields

# Actor references: candidate ids first (index seek); only when none exists, exact names
# (rank 1) or aliases (rank 2), lower-cased (a scan of the actors).
API_ACTOR_IDS = """
MATCH (a:Actor) WHERE a.id IN $ids
RETURN a.id AS id
"""

API_ACTOR_BY_NAME = """
MATCH (a:Actor) WHERE toLower(a.name) = $name
RETURN a.id AS id, 1 AS rank
UNION
MATCH (a:Actor) WHERE any(x IN coalesce(a.aliases, []) WHERE toLower(x) = $name)
RETURN a.id AS id, 2 AS rank
"""

API_ACTOR_SEARCH = """
MATCH (a:Actor)
WHERE ($q IS NULL
       OR toLower(a.name) CONTAINS $q
       OR toLower(a.id) CONTAINS $q
       OR any(x IN coalesce(a.aliases, []) WHERE toLower(x) CONTAINS $q))
  AND ($kind IS NULL OR a.kind = $kind)
  AND ($country IS NULL OR a.country = $country)
WITH a, CASE WHEN $q IS NULL THEN 3
             WHEN toLower(a.name) = $q OR toLower(a.id) = $q THEN 0
             WHEN toLower(a.name) STARTS WITH $q THEN 1
             ELSE 2 END AS rank
WITH collect(a {.id, .name, .kind, .country, .sector, .role, .aliases, rank: rank}) AS found
RETURN size(found) AS count,
       [x IN found | x][$offset..$offset + $limit] AS page
"""

API_ACTOR_MEMBERS = """
MATCH (anchor:Actor {id: $id})
RETURN anchor {.id, .name, .kind, .country} AS actor,
       [(p:Actor)-[:AFFILIATED_WITH]->(anchor) | p {.id, .name, .kind, .country}] AS members
"""

API_ACTOR_DETAIL = (
    """
MATCH (a:Actor {id: $id})
RETURN """
    + projection("a", ActorFields)
    + """ AS actor,
       COUNT { (a)<-[:SOURCE|TARGET]-(:Event) } AS event_count,
       [(a)-[r:AFFILIATED_WITH]->(o:Actor) |
         {actor: o {.id, .name, .kind, .country}, role: r.role, sector: r.sector,
          from: r.from, to: r.to}] AS affiliations,
       [(p:Actor)-[r:AFFILIATED_WITH]->(a) |
         {actor: p {.id, .name, .kind, .country}, role: r.role, sector: r.sector,
          from: r.from, to: r.to}] AS members
"""
)


API_ACTORS_BY_ID = """
MATCH (a:Actor) WHERE a.id IN $ids
RETURN a {.id, .name, .kind, .country} AS actor
"""


# The unfiltered relationships answers of the actors $ids in ONE round trip and one row:
# ``answers``, for each actor found, the actor, the persons affiliated with it and its stored
# summary (``graph.summaries``; null without one: the reader then runs
# API_ACTOR_INTERACTIONS); ``counterparts``, the current fields of the first $limit
# counterparts of every answer, each once (the actors asked together share most of them).
# One request asks for one id; the API puts the ids of concurrent requests into one list
# (``api.coalesce``).
API_ACTORS_RELATIONSHIPS_STORED = """
UNWIND $ids AS id
MATCH (a:Actor {id: id})
WITH collect(a) AS found
RETURN [a IN found |
         {actor: a {.id, .name, .kind, .country},
          members: [(p:Actor)-[:AFFILIATED_WITH]->(a) | p {.id, .name, .kind, .country}],
          summary: a.counterparts}] AS answers,
       COLLECT {
         UNWIND found AS a
         UNWIND coalesce(a.counterpart_ids, [])[0..$limit] AS cid
         WITH DISTINCT cid
         MATCH (c:Actor {id: cid})
         RETURN c {.id, .name, .kind, .country}
       } AS counterparts
"""


# Every actor reference of a filter in one round trip: ``$refs`` is a list of
# ``{i, ids, name}`` (position, candidate ids most likely first, lower-case name); an id
# match wins, else exact names (rank 1) and aliases (rank 2).
API_RESOLVE_ACTORS = """
UNWIND $refs AS ref
OPTIONAL MATCH (a:Actor) WHERE a.id IN ref.ids
WITH ref, collect(a.id) AS found
OPTIONAL MATCH (b:Actor)
WHERE size(found) = 0
  AND (toLower(b.name) = ref.name OR any(x IN coalesce(b.aliases, []) WHERE toLower(x) = ref.name))
RETURN ref.i AS i, found,
       collect(CASE WHEN b IS NULL THEN NULL
               ELSE {id: b.id, rank: CASE WHEN toLower(b.name) = ref.name THEN 1 ELSE 2 END}
               END) AS named
"""
