"""Every Cypher statement of dekg, with parameters only (no value is ever built into a string).

Sections: the event filter predicate, schema, writes (loader), projection reads, analytics
reads, and at the end the API reads (owned by the API's author; appended there only).
"""

from __future__ import annotations

# --- Event filter ---------------------------------------------------------------------------
# A WHERE predicate over an event bound to ``e``; its parameters come from
# ``graph.filters.GraphFilter.params()``. Queries embed this constant fragment (never values).
EVENT_FILTER = """
    ($types IS NULL OR e.type IN $types)
AND ($date_from IS NULL OR e.date >= $date_from)
AND ($date_to IS NULL OR e.date <= $date_to)
AND ($modality IS NULL OR e.modality = $modality)
AND ($min_confidence IS NULL OR e.confidence >= $min_confidence)
AND ($actors IS NULL OR EXISTS {
      MATCH (e)-[:SOURCE|TARGET]->(fa:Actor)
      WHERE fa.id IN $actors
         OR EXISTS { MATCH (fa)-[:AFFILIATED_WITH]->(fo:Actor) WHERE fo.id IN $actors } })
AND ($countries IS NULL OR EXISTS {
      MATCH (e)-[:SOURCE|TARGET]->(fc:Actor) WHERE fc.country IN $countries })
AND ($place IS NULL OR EXISTS {
      MATCH (e)-[:AT]->(fp:Place) WHERE toLower(fp.name) = $place })
AND ($near_lat IS NULL OR EXISTS {
      MATCH (e)-[:AT]->(fn:Place)
      WHERE point.distance(fn.location,
                           point({latitude: $near_lat, longitude: $near_lon})) <= $near_m })
"""

# --- Schema -----------------------------------------------------------------------------------
SCHEMA: tuple[str, ...] = (
    "CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT place_id IF NOT EXISTS FOR (n:Place) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX event_date IF NOT EXISTS FOR (n:Event) ON (n.date)",
    "CREATE INDEX event_type IF NOT EXISTS FOR (n:Event) ON (n.type)",
    "CREATE INDEX event_fingerprint IF NOT EXISTS FOR (n:Event) ON (n.fingerprint)",
    "CREATE INDEX actor_name IF NOT EXISTS FOR (n:Actor) ON (n.name)",
    "CREATE INDEX actor_country IF NOT EXISTS FOR (n:Actor) ON (n.country)",
    "CREATE POINT INDEX place_location IF NOT EXISTS FOR (n:Place) ON (n.location)",
    "CREATE FULLTEXT INDEX actor_names IF NOT EXISTS FOR (n:Actor) ON EACH [n.name, n.aliases]",
)
AWAIT_INDEXES = "CALL db.awaitIndexes($seconds)"
SHOW_CONSTRAINTS = "SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties, type RETURN *"
SHOW_INDEXES = "SHOW INDEXES YIELD name, labelsOrTypes, properties, type, state RETURN *"

# --- Writes (graph.writer) --------------------------------------------------------------------
# Lock the batch's articles first (MERGE + SET takes the write lock; concurrent ingests of the
# same article wait here), then read the stored content hash.
LOCK_ARTICLES = """
UNWIND $ids AS id
MERGE (a:Article {id: id})
SET a.ingesting = true
RETURN a.id AS id, a.content_hash AS content_hash
"""

UNLOCK_ARTICLES = """
UNWIND $ids AS id
MATCH (a:Article {id: id})
REMOVE a.ingesting
"""

# Re-ingest of a changed article: drop its old reports (returns the events that lost one).
DETACH_REPORTS = """
UNWIND $ids AS id
MATCH (e:Event)-[r:REPORTED_IN]->(:Article {id: id})
DELETE r
RETURN DISTINCT e.id AS id
"""

EVENT_PAIRS = """
UNWIND $ids AS id
MATCH (s:Actor)<-[:SOURCE]-(e:Event {id: id})-[:TARGET]->(t:Actor)
WHERE s <> t
RETURN DISTINCT s.id AS s, t.id AS t
"""

DELETE_UNREPORTED_EVENTS = """
UNWIND $ids AS id
MATCH (e:Event {id: id})
WHERE NOT (e)-[:REPORTED_IN]->(:Article)
DETACH DELETE e
"""

WRITE_ARTICLES = """
UNWIND $rows AS row
MATCH (a:Article {id: row.id})
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
UPSERT_ACTORS = (
    """
UNWIND $rows AS row
MERGE (a:Actor {id: row.id})
WITH a, row, coalesce(a.name, row.name) AS old
WITH a, row, old, CASE WHEN size(row.name) > size(old) THEN row.name ELSE old END AS name
SET a.name = name,
    a.kind = row.kind,
    a.country = coalesce(row.country, a.country),
    a.sector = coalesce(row.sector, a.sector),
    a.role = coalesce(row.role, a.role),
    a.aliases = reduce(acc = [], x IN coalesce(a.aliases, []) + row.aliases + [row.name, old] |
                       CASE WHEN x = name OR x IN acc THEN acc ELSE acc + x END)
"""
    + _KIND_LABEL
)

# Affiliation targets may be unknown so far: they are created with a minimal name.
UPSERT_AFFILIATIONS = (
    """
UNWIND $rows AS row
MATCH (p:Actor {id: row.person})
MERGE (a:Actor {id: row.org})
  ON CREATE SET a.name = row.name, a.kind = row.kind, a.aliases = []
"""
    + _KIND_LABEL
    + """
MERGE (p)-[r:AFFILIATED_WITH]->(a)
SET r.role = coalesce(row.role, r.role), r.sector = coalesce(row.sector, r.sector)
"""
)

UPSERT_PLACES = """
UNWIND $rows AS row
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

# Stored events that may be the same happening as a new report (graph.identity decides).
EVENT_CANDIDATES = """
UNWIND $rows AS row
MATCH (e:Event {fingerprint: row.fingerprint})
WHERE e.date >= row.date_from AND e.date <= row.date_to
OPTIONAL MATCH (e)-[:AT]->(p:Place)
OPTIONAL MATCH (e)-[:REPORTED_IN]->(a:Article)
RETURN e.id AS id, e.fingerprint AS fingerprint, e.date AS date,
       head(collect(DISTINCT p.id)) AS place_id, collect(DISTINCT a.id) AS article_ids
"""

WRITE_REPORTS = """
UNWIND $rows AS row
MERGE (e:Event {id: row.event_id})
  ON CREATE SET e = row.props
WITH e, row
MATCH (a:Article {id: row.article_id})
MERGE (e)-[r:REPORTED_IN {article_event_id: row.report.article_event_id}]->(a)
SET r = row.report
"""

WRITE_EVENT_ACTORS = """
UNWIND $rows AS row
MATCH (e:Event {id: row.event_id})
MATCH (a:Actor {id: row.actor_id})
FOREACH (_ IN CASE WHEN row.rel = 'SOURCE' THEN [1] ELSE [] END | MERGE (e)-[:SOURCE]->(a))
FOREACH (_ IN CASE WHEN row.rel = 'TARGET' THEN [1] ELSE [] END | MERGE (e)-[:TARGET]->(a))
FOREACH (_ IN CASE WHEN row.rel = 'ATTRIBUTED_TO' THEN [1] ELSE [] END |
         MERGE (e)-[:ATTRIBUTED_TO]->(a))
"""

# An event keeps the first known place of its reports.
WRITE_EVENT_PLACES = """
UNWIND $rows AS row
MATCH (e:Event {id: row.event_id})
WHERE NOT (e)-[:AT]->(:Place)
MATCH (p:Place {id: row.place_id})
MERGE (e)-[:AT]->(p)
"""

# GDELT-like counts: reporting articles and distinct sources (publisher, else agency, else
# the article itself — the same rule as graph.props.source_key).
EVENT_STATS = """
UNWIND $ids AS id
MATCH (e:Event {id: id})-[r:REPORTED_IN]->(a:Article)
WITH e, count(DISTINCT a) AS articles, max(r.confidence) AS confidence,
     collect(DISTINCT toLower(coalesce(a.publisher, a.agency, 'article:' + a.id))) AS sources
SET e.num_articles = articles, e.num_sources = size(sources), e.confidence = confidence
"""

# INTERACTS_WITH is recomputed from the events of each affected (source, target) pair.
PAIR_TOTALS = """
UNWIND $pairs AS pair
MATCH (s:Actor {id: pair.s})<-[:SOURCE]-(e:Event)-[:TARGET]->(t:Actor {id: pair.t})
RETURN pair.s AS s, pair.t AS t, e.type AS type, e.quad_class AS quad_class,
       count(DISTINCT e) AS count, sum(e.goldstein) AS goldstein_sum,
       min(e.date) AS first, max(e.date) AS last
"""

WRITE_INTERACTIONS = """
UNWIND $rows AS row
MATCH (s:Actor {id: row.s})
MATCH (t:Actor {id: row.t})
MERGE (s)-[r:INTERACTS_WITH]->(t)
SET r = row.props
"""

DELETE_INTERACTIONS = """
UNWIND $pairs AS pair
MATCH (:Actor {id: pair.s})-[r:INTERACTS_WITH]->(:Actor {id: pair.t})
DELETE r
"""
