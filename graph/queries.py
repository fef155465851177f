"""Every Cypher statement of dekg, with parameters only (no value is ever built into a string).

Sections: the event filter predicate, schema, writes (loader), projection reads, analytics
reads, and at the end the query service's reads (``graph.read``, ``graph.stats``).
"""

from __future__ import annotations

import functools

# --- Event filter ---------------------------------------------------------------------------
# The conditions on an event bound to ``e``, keyed by ``GraphFilter`` field; their parameters
# come from ``graph.filters.GraphFilter.params()``. ``event_conditions`` joins the ones a
# filter sets, so the planner sees only real predicates and can pick an index; EVENT_FILTER
# holds them all, each as ``$x IS NULL OR ...`` (an unset field filters nothing). Every
# fragment is a constant; values stay parameters.
EVENT_CONDITIONS: dict[str, str] = {
    "types": "e.type IN $types",
    "date_from": "e.date >= $date_from",
    "date_to": "e.date <= $date_to",
    "modality": "e.modality = $modality",
    "min_confidence": "e.confidence >= $min_confidence",
    "actors": """EXISTS {
      MATCH (e)-[:SOURCE|TARGET]->(fa:Actor)
      WHERE fa.id IN $actors
         OR EXISTS { MATCH (fa)-[:AFFILIATED_WITH]->(fo:Actor) WHERE fo.id IN $actors } }""",
    "countries": """EXISTS {
      MATCH (e)-[:SOURCE|TARGET]->(fc:Actor) WHERE fc.country IN $countries }""",
    "place": """EXISTS {
      MATCH (e)-[:AT]->(fp:Place) WHERE toLower(fp.name) = $place }""",
    "near": """EXISTS {
      MATCH (e)-[:AT]->(fn:Place)
      WHERE point.distance(fn.location,
                           point({latitude: $near_lat, longitude: $near_lon})) <= $near_m }""",
}
# The parameter that is null when a field is unset (its own name unless listed).
_UNSET_PARAM = {"near": "near_lat"}

EVENT_FILTER = "\n" + "\nAND ".join(
    f"(${_UNSET_PARAM.get(field, field)} IS NULL OR {condition})"
    for field, condition in EVENT_CONDITIONS.items()
)


def event_conditions(fields: frozenset[str]) -> str:
    """The ``WHERE`` body (``true`` when empty) testing the given ``EVENT_CONDITIONS``.

    Example:
        >>> event_conditions(frozenset({"types", "date_to"}))
        'e.type IN $types AND e.date <= $date_to'
    """
    return " AND ".join(c for f, c in EVENT_CONDITIONS.items() if f in fields) or "true"


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
    "CREATE CONSTRAINT graph_change_seq IF NOT EXISTS FOR (n:GraphChange) REQUIRE n.seq IS UNIQUE",
    "CREATE CONSTRAINT graph_change_log IF NOT EXISTS "
    "FOR (n:GraphChangeLog) REQUIRE n.id IS UNIQUE",
)
AWAIT_INDEXES = "CALL db.awaitIndexes($seconds)"
# Events written before type labels existed get theirs (auto-commit, in chunks; a no-op once
# every event has one).
LABEL_EVENT_TYPES = """
MATCH (e:Event) WHERE size(labels(e)) = 1 AND e.type IS NOT NULL
CALL (e) { SET e:$(e.type) } IN TRANSACTIONS OF 10000 ROWS
"""
SHOW_CONSTRAINTS = "SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties, type RETURN *"
SHOW_INDEXES = "SHOW INDEXES YIELD name, labelsOrTypes, properties, type, state RETURN *"

# --- Writes (graph.writer) --------------------------------------------------------------------
# Every MATCH names its index (``USING INDEX``) and every MERGE is on a uniqueness constraint.
# Measured (docs/decisions/0018-loading.md): keeping plans with ``CYPHER replan=skip`` cut the
# server's CPU by 60% on a warm server, but on a fresh one it kept plans made on an empty
# graph that are quadratic on a large one (97 events per CPU-second): not used.
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
MATCH (a:Article {id: id}) USING INDEX a:Article(id)
REMOVE a.ingesting
"""

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

WRITE_ARTICLES = """
UNWIND $rows AS row
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
    a.wikidata = coalesce(row.wikidata, a.wikidata),
    a.aliases = reduce(acc = [], x IN coalesce(a.aliases, []) + row.aliases + [row.name, old] |
                       CASE WHEN x = name OR x IN acc THEN acc ELSE acc + x END)
"""
    + _KIND_LABEL
)

# Affiliation targets may be unknown so far: they are created with a minimal name.
UPSERT_AFFILIATIONS = (
    """
UNWIND $rows AS row
MATCH (p:Actor {id: row.person}) USING INDEX p:Actor(id)
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
MATCH (e:Event {fingerprint: row.fingerprint}) USING INDEX e:Event(fingerprint)
WHERE e.date >= row.date_from AND e.date <= row.date_to
OPTIONAL MATCH (e)-[:AT]->(p:Place)
OPTIONAL MATCH (e)-[:REPORTED_IN]->(a:Article)
RETURN e.id AS id, e.fingerprint AS fingerprint, e.date AS date,
       head(collect(DISTINCT p.id)) AS place_id, collect(DISTINCT a.id) AS article_ids
"""

# Every report of the batch in one statement: the graph event (created from its first report,
# with its PLOVER type as a label, :Event:THREATEN, which reads filter on without touching
# properties), the REPORTED_IN relationship, the actor roles (``row.links``: SOURCE/TARGET
# for the event's first report, ATTRIBUTED_TO always) and the event's first known place
# (``row.place_id``, null when the event has one or the report names none).
WRITE_EVENTS = """
UNWIND $rows AS row
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
EVENT_STATS = """
UNWIND $ids AS id
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

WRITE_INTERACTIONS = """
UNWIND $rows AS row
MATCH (s:Actor {id: row.s}) USING INDEX s:Actor(id)
MATCH (t:Actor {id: row.t}) USING INDEX t:Actor(id)
MERGE (s)-[r:INTERACTS_WITH]->(t)
SET r = row.props
"""

DELETE_INTERACTIONS = """
UNWIND $pairs AS pair
MATCH (s:Actor {id: pair.s})-[r:INTERACTS_WITH]->(:Actor {id: pair.t})
USING INDEX s:Actor(id)
DELETE r
"""

# New articles only add events: each pair's totals get theirs added in place (graph.interactions;
# the pair's actors are locked by UPSERT_ACTORS earlier in the same transaction, so no update is
# lost). ``row.counts`` holds the integer counters (count, cooperation, conflict, count_<TYPE>).
ADD_INTERACTIONS = """
UNWIND $rows AS row
MATCH (s:Actor {id: row.s}) USING INDEX s:Actor(id)
MATCH (t:Actor {id: row.t}) USING INDEX t:Actor(id)
MERGE (s)-[r:INTERACTS_WITH]->(t)
SET r.goldstein_sum = round(coalesce(r.goldstein_sum, 0.0) + row.goldstein_sum, 6),
    r.first = CASE WHEN r.first IS NULL OR row.first < r.first THEN coalesce(row.first, r.first)
                   ELSE r.first END,
    r.last = CASE WHEN r.last IS NULL OR row.last > r.last THEN coalesce(row.last, r.last)
                  ELSE r.last END
FOREACH (key IN keys(row.counts) | SET r[key] = coalesce(r[key], 0) + row.counts[key])
"""

# Before recomputing pairs whose actors the batch may not have written: take their locks.
LOCK_ACTORS = """
UNWIND $ids AS id
MATCH (a:Actor {id: id}) USING INDEX a:Actor(id)
SET a.locked = true
REMOVE a.locked
"""

# --- Projection reads (graph.project) ---------------------------------------------------------
PROJECT_EVENTS = (
    """
MATCH (e:Event)
WHERE """
    + EVENT_FILTER
    + """
OPTIONAL MATCH (e)-[r:SOURCE|TARGET|ATTRIBUTED_TO|AT|REPORTED_IN]->(n)
RETURN properties(e) AS event, type(r) AS rel, properties(r) AS rel_props,
       labels(n) AS labels, properties(n) AS node
"""
)

PROJECT_AFFILIATIONS = """
UNWIND $ids AS id
MATCH (p:Actor {id: id})-[r:AFFILIATED_WITH]->(o:Actor)
WHERE o.id IN $ids
RETURN p.id AS person, o.id AS org, properties(r) AS props
"""

# --- Counts (dekg stats) ----------------------------------------------------------------------
COUNT_LABELS = """
MATCH (n) WHERE NOT n:GraphChange AND NOT n:GraphChangeLog
UNWIND labels(n) AS label
RETURN label, count(*) AS count ORDER BY label
"""

COUNT_EVENT_TYPES = """
MATCH (e:Event)
RETURN e.type AS type, count(*) AS count ORDER BY type
"""

COUNT_RELATIONSHIPS = """
MATCH ()-[r]->()
RETURN type(r) AS type, count(*) AS count ORDER BY type
"""


# --- Maintenance (benchmarks, tests) ----------------------------------------------------------
# Auto-commit only (session.run), in this order: deletes everything in chunks so the heap stays
# small. Relationships go first: one DETACH DELETE of a busy actor is itself too large.
DELETE_ALL: tuple[str, ...] = (
    "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
    "MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS",
)
COUNT_NODES = "MATCH (n) RETURN count(n) AS count"


# --- API reads -------------------------------------------------------------------------------
# Run by graph.read.* and graph.stats for the query service. Every value is a parameter; the
# fragments below are constants concatenated at import time.

# The public fields of an event bound to ``e``.
_API_EVENT_FIELDS = """
e {.id, .type, .mode, .cameo, .quad_class, .goldstein, .date, .date_precision, .modality,
   .confidence, .num_articles, .num_sources} AS event,
[(e)-[:SOURCE]->(x:Actor) | x {.id, .name, .kind, .country}] AS source,
[(e)-[:TARGET]->(x:Actor) | x {.id, .name, .kind, .country}] AS target,
[(e)-[:ATTRIBUTED_TO]->(x:Actor) | x {.id, .name, .kind, .country}] AS attributed_to,
head([(e)-[:AT]->(x:Place) | x {.id, .name, .country, .lat, .lon}]) AS place
"""

# The actor ``$id`` and the persons affiliated with it (a state counts its ministers' events).
_API_MEMBERS = """
MATCH (anchor:Actor {id: $id})
WITH anchor, [anchor] + [(p:Actor)-[:AFFILIATED_WITH]->(anchor) | p] AS members
"""

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

API_ACTOR_DETAIL = """
MATCH (a:Actor {id: $id})
RETURN a {.id, .name, .kind, .country, .sector, .role, .aliases, .wikidata} AS actor,
       COUNT { (a)<-[:SOURCE|TARGET]-(:Event) } AS event_count,
       [(a)-[r:AFFILIATED_WITH]->(o:Actor) |
         {actor: o {.id, .name, .kind, .country}, role: r.role, sector: r.sector,
          from: r.from, to: r.to}] AS affiliations,
       [(p:Actor)-[r:AFFILIATED_WITH]->(a) |
         {actor: p {.id, .name, .kind, .country}, role: r.role, sector: r.sector,
          from: r.from, to: r.to}] AS members
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
       reduce(n = 0, x IN rels |
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


# One step of an ego network: every interaction or affiliation of the frontier's actors.
API_NETWORK_STEP = """
MATCH (x:Actor)-[r:INTERACTS_WITH|AFFILIATED_WITH]-(y:Actor)
WHERE x.id IN $frontier
RETURN DISTINCT startNode(r).id AS source, endNode(r).id AS target, type(r) AS rel,
       r.count AS count, y {.id, .name, .kind, .country} AS other
LIMIT $cap
"""

API_ACTORS_BY_ID = """
MATCH (a:Actor) WHERE a.id IN $ids
RETURN a {.id, .name, .kind, .country} AS actor
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

API_STATS = """
RETURN COUNT { MATCH (:Article) } AS articles,
       COUNT { MATCH (:Event) } AS events,
       COUNT { MATCH (:Actor) } AS actors,
       COUNT { MATCH (:Place) } AS places,
       COUNT { MATCH (:Event)-[:REPORTED_IN]->(:Article) } AS reports
"""

API_EVENTS_BY_TYPE = """
MATCH (e:Event)
RETURN e.type AS type, count(*) AS count
"""

API_COMPONENTS = """
CALL dbms.components() YIELD name, versions, edition
RETURN name, versions[0] AS version, edition
"""

# The cheapest read: its transaction's bookmark names the database's last committed write
# (graph.stats.graph_version).
API_VERSION_PROBE = "RETURN 1 AS one"


# --- Change records (graph.changes) -----------------------------------------------------------
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


# --- Counterpart summaries (graph.summaries) --------------------------------------------------
# The unfiltered relationships answer of each anchor actor, precomputed by the writer from
# INTERACTS_WITH (the same sums as API_ACTOR_INTERACTIONS, every counterpart, no limit).
SUMMARY_COUNTERPARTS = """
UNWIND $ids AS id
MATCH (anchor:Actor {id: id})
WITH anchor, [anchor] + [(p:Actor)-[:AFFILIATED_WITH]->(anchor) | p] AS members
UNWIND members AS m
MATCH (m)-[r:INTERACTS_WITH]-(c:Actor)
WHERE NOT c IN members
WITH anchor, c, collect({r: r, out: startNode(r) = m}) AS rels
RETURN anchor.id AS anchor, c.id AS counterpart,
       reduce(n = 0, x IN rels | n + coalesce(x.r.count, 0)) AS count,
       reduce(n = 0, x IN rels |
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

WRITE_SUMMARIES = """
UNWIND $rows AS row
MATCH (a:Actor {id: row.id})
SET a.counterparts = row.summary, a.counterpart_ids = row.ids
"""

# A bulk batch does not say which actors it touched: every summary goes (reads fall back to
# API_ACTOR_INTERACTIONS until graph.summaries.rebuild or the next write of the actor).
DROP_SUMMARIES = """
MATCH (a:Actor) WHERE a.counterparts IS NOT NULL
REMOVE a.counterparts, a.counterpart_ids
"""

SUMMARY_ACTOR_IDS = "MATCH (a:Actor) RETURN a.id AS id ORDER BY id"

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
