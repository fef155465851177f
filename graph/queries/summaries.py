"""Counterpart summaries (``graph.summaries``)."""

from __future__ import annotations

# A counterpart's totals over its INTERACTS_WITH relationships ``rels`` (maps ``{r, out}``),
# ``type_counts`` in the order of ``$type_names``: shared by the live answer
# (``API_ACTOR_INTERACTIONS``) and the stored summaries.
INTERACTION_SUMS = """reduce(n = 0, x IN rels |
              n + CASE WHEN x.out THEN coalesce(x.r.count, 0) ELSE 0 END) AS outgoing,
       reduce(s = 0.0, x IN rels | s + coalesce(x.r.goldstein_sum, 0.0)) AS goldstein_sum,
       reduce(n = 0, x IN rels | n + coalesce(x.r.cooperation, 0)) AS cooperation,
       reduce(n = 0, x IN rels | n + coalesce(x.r.conflict, 0)) AS conflict,
       reduce(d = null, x IN rels |
              CASE WHEN d IS NULL OR x.r.first < d THEN x.r.first ELSE d END) AS first,
       reduce(d = null, x IN rels |
              CASE WHEN d IS NULL OR x.r.last > d THEN x.r.last ELSE d END) AS last,
       [t IN $type_names |
        reduce(n = 0, x IN rels | n + coalesce(x.r['count_' + t], 0))] AS type_counts
"""

# The unfiltered relationships answer of each anchor actor, precomputed by the writer from
# INTERACTS_WITH (the same sums as API_ACTOR_INTERACTIONS, every counterpart, no limit).
SUMMARY_COUNTERPARTS = (
    """
UNWIND $ids AS id
MATCH (anchor:Actor {id: id})
WITH anchor, [anchor] + [(p:Actor)-[:AFFILIATED_WITH]->(anchor) | p] AS members
UNWIND members AS m
MATCH (m)-[r:INTERACTS_WITH]-(c:Actor)
WHERE NOT c IN members
WITH anchor, c, collect({r: r, out: startNode(r) = m}) AS rels
RETURN anchor.id AS anchor, c.id AS counterpart,
       reduce(n = 0, x IN rels | n + coalesce(x.r.count, 0)) AS count,
       """
    + INTERACTION_SUMS
)

WRITE_SUMMARIES = """
UNWIND $rows AS row
MATCH (a:Actor {id: row.id})
SET a.counterparts = row.summary, a.counterpart_ids = row.ids
"""

# Every summary goes (tests; reads fall back to API_ACTOR_INTERACTIONS until
# graph.summaries.rebuild or the next write of the actor).
DROP_SUMMARIES = """
MATCH (a:Actor) WHERE a.counterparts IS NOT NULL
REMOVE a.counterparts, a.counterpart_ids
"""

# A bulk batch drops only the summaries it may have changed: those of its actors and of the
# orgs they act for (the batch's stated affiliations are among the ids already).
DROP_ACTOR_SUMMARIES = """
UNWIND $ids AS id
MATCH (a:Actor {id: id}) USING INDEX a:Actor(id)
OPTIONAL MATCH (a)-[:AFFILIATED_WITH]->(o:Actor)
WITH collect(DISTINCT a) + collect(DISTINCT o) AS actors
UNWIND actors AS x
WITH DISTINCT x WHERE x.counterparts IS NOT NULL
REMOVE x.counterparts, x.counterpart_ids
"""

SUMMARY_ACTOR_IDS = "MATCH (a:Actor) RETURN a.id AS id ORDER BY id"
# The actors without a summary (dropped by a bulk batch, or created by one).
SUMMARY_MISSING_IDS = "MATCH (a:Actor) WHERE a.counterparts IS NULL RETURN a.id AS id ORDER BY id"

# Before a summary is recomputed outside the writer's transaction: the write locks of the
# actors and of the persons affiliated with them (whose INTERACTS_WITH it sums), in id order.
LOCK_SUMMARY_ACTORS = """
UNWIND $ids AS id
MATCH (a:Actor {id: id}) USING INDEX a:Actor(id)
OPTIONAL MATCH (p:Actor)-[:AFFILIATED_WITH]->(a)
WITH collect(DISTINCT a) + collect(DISTINCT p) AS actors
UNWIND actors AS x
WITH DISTINCT x ORDER BY x.id
SET x.locked = true
REMOVE x.locked
"""

# The stored summary of $id and the current fields of its first $limit counterparts.
API_ACTOR_SUMMARY = """
MATCH (a:Actor {id: $id})
CALL (a) {
  UNWIND coalesce(a.counterpart_ids, [])[0..$limit] AS cid
  MATCH (c:Actor {id: cid})
  RETURN collect(c {.id, .name, .kind, .country}) AS counterparts
}
RETURN a.counterparts AS summary, counterparts
"""
