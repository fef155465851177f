"""Writes of the loader (``graph.writer``, ``graph.interactions``)."""

from __future__ import annotations

# Every MATCH names its index (``USING INDEX``) and every MERGE is on a uniqueness constraint.
# The statements of the bulk path keep their first plan (``CYPHER replan=skip``): each plan
# leaves the planner no choice that depends on the graph's size (unique-index seeks and hinted
# seeks, CREATE, MERGE between bound nodes, expands and pattern comprehensions from bound
# nodes), and replanning them as the graph grows cost more server CPU than running them
# (docs/decisions/0018-loading.md).
# (On 2026-12-01 a fresh server kept plans made on an empty graph that were quadratic on a large
# one; the plan that could turn into a join, EVENT_CANDIDATES' OPTIONAL MATCHes, is gone.)
KEEP_PLAN = "CYPHER replan=skip"

# Lock the batch's articles first (MERGE + SET takes the write lock; concurrent ingests of the
# same article wait here), then read the stored content hash.
LOCK_ARTICLES = (
    KEEP_PLAN
    + """
UNWIND $ids AS id
MERGE (a:Article {id: id})
SET a.ingesting = true
RETURN a.id AS id, a.content_hash AS content_hash
"""
)

UNLOCK_ARTICLES = (
    KEEP_PLAN
    + """
UNWIND $ids AS id
MATCH (a:Article {id: id}) USING INDEX a:Article(id)
REMOVE a.ingesting
"""
)

# Re-ingest of a changed article: drop its old reports (returns the events that lost one).
DETACH_REPORTS = """
UNWIND $ids AS id
MATCH (e:Event)-[r:REPORTED_IN]->(a:Article {id: id}) USING INDEX a:Article(id)
DELETE r
RETURN DISTINCT e.id AS id
"""

EVENT_PAIRS = """
UNWIND $ids AS id
MATCH (s:Actor)<-[:SOURCE]-(e:Event {id: id})-[:TARGET]->(t:Actor) USING INDEX e:Event(id)
WHERE s <> t
RETURN DISTINCT s.id AS s, t.id AS t
"""

DELETE_UNREPORTED_EVENTS = """
UNWIND $ids AS id
MATCH (e:Event {id: id}) USING INDEX e:Event(id)
WHERE NOT (e)-[:REPORTED_IN]->(:Article)
DETACH DELETE e
"""

_WRITE_ARTICLES = """
UNWIND $articles AS row
MATCH (a:Article {id: row.id}) USING INDEX a:Article(id)
SET a += row, a.ingested_at = datetime()
REMOVE a.ingesting
"""

_KIND_LABEL = """
FOREACH (_ IN CASE WHEN row.label = 'Person' THEN [1] ELSE [] END | SET a:Person)
FOREACH (_ IN CASE WHEN row.label = 'State' THEN [1] ELSE [] END | SET a:State)
FOREACH (_ IN CASE WHEN row.label = 'Organization' THEN [1] ELSE [] END | SET a:Organization)
FOREACH (_ IN CASE WHEN row.label = 'ArmedGroup' THEN [1] ELSE [] END | SET a:ArmedGroup)
FOREACH (_ IN CASE WHEN row.label = 'Group' THEN [1] ELSE [] END | SET a:Group)
"""

# One actor per id across articles: the longest name wins, every other name becomes an alias.
_UPSERT_ACTORS = (
    """
UNWIND $actors AS row
MERGE (a:Actor {id: row.id})
WITH a, row, coalesce(a.name, row.name) AS old
WITH a, row, old, CASE WHEN size(row.name) > size(old) THEN row.name ELSE old END AS name
SET a.name = name,
    a.kind = row.kind,
    a.country = coalesce(row.country, a.country),
    a.sector = coalesce(row.sector, a.sector),
    a.role = coalesce(row.role, a.role),
    a.wikidata = coalesce(row.wikidata, a.wikidata),
    a.aliases = reduce(acc = [], x IN coalesce(a.aliases, []) + row.aliases + [row.name, old] |
                       CASE WHEN x = name OR x IN acc THEN acc ELSE acc + x END)
"""
    + _KIND_LABEL
)

# Affiliation targets may be unknown so far: they are created with a minimal name.
_UPSERT_AFFILIATIONS = (
    """
UNWIND $affiliations AS row
MATCH (p:Actor {id: row.person}) USING INDEX p:Actor(id)
MERGE (a:Actor {id: row.id})
  ON CREATE SET a.name = row.name, a.kind = row.kind, a.aliases = []
"""
    + _KIND_LABEL
    + """
MERGE (p)-[r:AFFILIATED_WITH]->(a)
SET r.role = coalesce(row.role, r.role), r.sector = coalesce(row.sector, r.sector)
"""
)

_UPSERT_PLACES = """
UNWIND $places AS row
MERGE (p:Place {id: row.id})
SET p.name = row.name,
    p.country = coalesce(row.country, p.country),
    p.lat = coalesce(row.lat, p.lat),
    p.lon = coalesce(row.lon, p.lon),
    p.geonames_id = coalesce(row.geonames_id, p.geonames_id),
    p.admin1 = coalesce(row.admin1, p.admin1),
    p.feature = coalesce(row.feature, p.feature)
SET p.location = CASE WHEN p.lat IS NULL OR p.lon IS NULL THEN null
                      ELSE point({latitude: p.lat, longitude: p.lon}) END
"""

# Stored events that may be the same happening as a new report (graph.identity decides); each
# once. Pattern comprehensions expand from the event: the plan cannot turn into a join.
_EVENT_CANDIDATES = """
UNWIND $lookups AS row
MATCH (e:Event {fingerprint: row.fingerprint}) USING INDEX e:Event(fingerprint)
WHERE e.date >= row.date_from AND e.date <= row.date_to
WITH DISTINCT e
RETURN collect({id: e.id, fingerprint: e.fingerprint, date: e.date,
                place_id: head([(e)-[:AT]->(p:Place) | p.id]),
                article_ids: [(e)-[:REPORTED_IN]->(a:Article) | a.id]}) AS candidates
"""

# Which of the batch's new graph events are stored already (a re-ingested article's event that
# kept another article's report): those take the MERGE path (_ADD_REPORTS), the rest _CREATE_EVENTS.
_EXISTING_EVENTS = """
UNWIND $event_ids AS id
MATCH (e:Event {id: id}) USING INDEX e:Event(id)
RETURN collect(e.id) AS existing
"""

# The properties of a graph event (graph.props.event_props; a test checks they agree).
EVENT_KEYS: tuple[str, ...] = (
    "id",
    "type",
    "mode",
    "cameo",
    "quad_class",
    "goldstein",
    "date",
    "date_precision",
    "modality",
    "confidence",
    "num_articles",
    "num_sources",
    "fingerprint",
)
REPORT_KEYS: tuple[str, ...] = ("evidence", "start", "end", "article_event_id", "confidence")

# New graph events, each from its first report: nothing to look up, so everything is CREATEd
# (no MERGE expanding a busy actor's relationships): the event with its PLOVER type as a label
# (:Event:THREATEN, which reads filter on without touching properties), REPORTED_IN, the actor
# roles (``row.source``/``target``/``attributed_to``: distinct ids) and the first known place
# (``row.place``: [] or [id]). Literal property maps (not ``e = row.props``) let the planner see
# what is written (two Eager operators are left, around the dynamic type label, instead of
# five).
_CREATE_EVENTS = (
    """
UNWIND $created AS row
MATCH (a:Article {id: row.article_id}) USING INDEX a:Article(id)
WITH a, row, row.props AS p, row.report AS q
CREATE (e:Event:$(p.type) """
    + "{"
    + ", ".join(f"{k}: p.{k}" for k in EVENT_KEYS)
    + "}"
    + """)
CREATE (e)-[:REPORTED_IN """
    + "{"
    + ", ".join(f"{k}: q.{k}" for k in REPORT_KEYS)
    + "}"
    + """]->(a)
WITH e, row
"""
    + "".join(
        f"""CALL (e, row) {{
  UNWIND row.{key} AS id
  MATCH (x:{label} {{id: id}}) USING INDEX x:{label}(id)
  CREATE (e)-[:{rel}]->(x)
}}
"""
        for key, label, rel in (
            ("source", "Actor", "SOURCE"),
            ("target", "Actor", "TARGET"),
            ("attributed_to", "Actor", "ATTRIBUTED_TO"),
            ("place", "Place", "AT"),
        )
    )
)

# The other reports of the batch: a report joining a graph event (stored, or created earlier in
# the batch) or a stored event written again. MERGE everything: the REPORTED_IN relationship,
# the actor roles (``row.links``: SOURCE/TARGET when the report is the event's own,
# ATTRIBUTED_TO always) and the event's first known place (``row.place_id``, null when the
# event has one or the report names none).
_ADD_REPORTS = """
UNWIND $added AS row
MERGE (e:Event {id: row.event_id})
  ON CREATE SET e = row.props, e:$(row.props.type)
WITH e, row
MATCH (a:Article {id: row.article_id}) USING INDEX a:Article(id)
MERGE (e)-[r:REPORTED_IN {article_event_id: row.report.article_event_id}]->(a)
SET r = row.report
WITH e, row
CALL (e, row) {
  UNWIND row.links AS link
  MATCH (x:Actor {id: link.actor_id}) USING INDEX x:Actor(id)
  MERGE (e)-[:$(link.rel)]->(x)
}
CALL (e, row) {
  WITH e, row WHERE row.place_id IS NOT NULL AND NOT (e)-[:AT]->(:Place)
  MATCH (p:Place {id: row.place_id}) USING INDEX p:Place(id)
  MERGE (e)-[:AT]->(p)
}
"""

# GDELT-like counts: reporting articles and distinct sources (publisher, else agency, else
# the article itself — the same rule as graph.props.source_key).
_EVENT_STATS = """
UNWIND $touched AS id
MATCH (e:Event {id: id})-[r:REPORTED_IN]->(a:Article) USING INDEX e:Event(id)
WITH e, count(DISTINCT a) AS articles, max(r.confidence) AS confidence,
     collect(DISTINCT toLower(coalesce(a.publisher, a.agency, 'article:' + a.id))) AS sources
SET e.num_articles = articles, e.num_sources = size(sources), e.confidence = confidence
"""

# INTERACTS_WITH is recomputed from the events of each affected (source, target) pair.
PAIR_TOTALS = """
UNWIND $pairs AS pair
MATCH (s:Actor {id: pair.s})<-[:SOURCE]-(e:Event)-[:TARGET]->(t:Actor {id: pair.t})
USING INDEX s:Actor(id)
RETURN pair.s AS s, pair.t AS t, e.type AS type, e.quad_class AS quad_class,
       count(DISTINCT e) AS count, sum(e.goldstein) AS goldstein_sum,
       min(e.date) AS first, max(e.date) AS last
"""

# Every INTERACTS_WITH relationship carries its pair's key (``graph.interactions.pair_key``:
# ``<source id>><target id>``, unique: ``interacts_pair`` in graph.queries.schema), so a pair is
# found by one index seek instead of expanding a busy actor's relationships.
WRITE_INTERACTIONS = """
UNWIND $rows AS row
MATCH (s:Actor {id: row.s}) USING INDEX s:Actor(id)
MATCH (t:Actor {id: row.t}) USING INDEX t:Actor(id)
MERGE (s)-[r:INTERACTS_WITH]->(t)
SET r = row.props, r.pair = row.pair
"""

DELETE_INTERACTIONS = """
UNWIND $pairs AS pair
MATCH ()-[r:INTERACTS_WITH {pair: pair.pair}]->() USING INDEX r:INTERACTS_WITH(pair)
DELETE r
"""

# New articles only add events: each pair's totals of the batch (one row per pair,
# graph.interactions) are added to the stored ones in place, or CREATE the pair's relationship
# when it has none: one index seek per pair, no MERGE (the pair's actors are locked by
# _UPSERT_ACTORS earlier in the same transaction, so no concurrent writer creates it in between
# and no update is lost). ``row.counts`` holds the integer counters (count, cooperation,
# conflict, count_<TYPE>).
_ADD_INTERACTIONS = """
UNWIND $pairs AS row
OPTIONAL MATCH ()-[r:INTERACTS_WITH {pair: row.pair}]->() USING INDEX r:INTERACTS_WITH(pair)
CALL (row, r) {
  WITH row WHERE r IS NULL
  MATCH (s:Actor {id: row.s}) USING INDEX s:Actor(id)
  MATCH (t:Actor {id: row.t}) USING INDEX t:Actor(id)
  CREATE (s)-[n:INTERACTS_WITH]->(t)
  SET n = row.counts, n.pair = row.pair, n.goldstein_sum = row.goldstein_sum,
      n.first = row.first, n.last = row.last
}
CALL (row, r) {
  WITH row, r WHERE r IS NOT NULL
  SET r.goldstein_sum = round(coalesce(r.goldstein_sum, 0.0) + row.goldstein_sum, 6),
      r.first = CASE WHEN r.first IS NULL OR row.first < r.first THEN coalesce(row.first, r.first)
                     ELSE r.first END,
      r.last = CASE WHEN r.last IS NULL OR row.last > r.last THEN coalesce(row.last, r.last)
                    ELSE r.last END
  FOREACH (key IN keys(row.counts) | SET r[key] = coalesce(r[key], 0) + row.counts[key])
}
"""

# Before recomputing pairs whose actors the batch may not have written: take their locks.
LOCK_ACTORS = """
UNWIND $ids AS id
MATCH (a:Actor {id: id}) USING INDEX a:Actor(id)
SET a.locked = true
REMOVE a.locked
"""


def _unit(*bodies: str) -> str:
    """The bodies as subqueries of one statement, in order (each sees the writes of those
    before it; an empty list leaves its subquery without rows)."""
    return "".join(f"CALL () {{{body}}}\n" for body in bodies)


# The nodes of the batch in one round trip: its articles' properties, its actors, their
# affiliations and its places (``$articles``, ``$actors``, ``$affiliations``, ``$places``).
WRITE_NODES = (
    KEEP_PLAN + "\n" + _unit(_WRITE_ARTICLES, _UPSERT_ACTORS, _UPSERT_AFFILIATIONS, _UPSERT_PLACES)
)

# What graph.identity needs, in one round trip: the stored events that may be the same
# happening as a report of the batch (``$lookups``), and which of the batch's event ids are
# stored already (``$event_ids``; those take the MERGE path, ``$added``, the rest ``$created``).
LOOKUP_EVENTS = (
    KEEP_PLAN
    + "\n"
    + f"CALL () {{{_EVENT_CANDIDATES}}}\nCALL () {{{_EXISTING_EVENTS}}}\n"
    + "RETURN candidates, existing\n"
)

# Every event write of the batch in one round trip, in this order: new graph events
# (``$created``), the other reports (``$added``), the counts of events that got a report beyond
# their first (``$touched``), the pairs' interaction totals (``$pairs``; [] on re-ingest, whose
# pairs are recounted after).
WRITE_EVENTS = (
    KEEP_PLAN + "\n" + _unit(_CREATE_EVENTS, _ADD_REPORTS, _EVENT_STATS, _ADD_INTERACTIONS)
)
