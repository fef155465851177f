"""API reads of the actor network (``graph.read.network``): ego steps and shortest paths."""

from __future__ import annotations

# One step of an ego network: every interaction or affiliation of the frontier's actors.
API_NETWORK_STEP = """
MATCH (x:Actor)-[r:INTERACTS_WITH|AFFILIATED_WITH]-(y:Actor)
WHERE x.id IN $frontier
RETURN DISTINCT startNode(r).id AS source, endNode(r).id AS target, type(r) AS rel,
       r.count AS count, y {.id, .name, .kind, .country} AS other
LIMIT $cap
"""


# Shortest paths over interactions and affiliations (the upper bound is fixed here; the API
# asks for a smaller one with $max_length).
API_SHORTEST_PATHS = """
MATCH (a:Actor {id: $source}), (b:Actor {id: $target})
MATCH p = allShortestPaths((a)-[:INTERACTS_WITH|AFFILIATED_WITH*..6]-(b))
WHERE length(p) <= $max_length
RETURN [n IN nodes(p) | n {.id, .name, .kind, .country}] AS nodes,
       [r IN relationships(p) |
         {source: startNode(r).id, target: endNode(r).id, rel: type(r), count: r.count}]
         AS edges
LIMIT $limit
"""
