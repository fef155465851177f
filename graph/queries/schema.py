"""Schema: constraints, indexes, type labels of old events, and what the server shows."""

from __future__ import annotations

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
    "CREATE CONSTRAINT interacts_pair IF NOT EXISTS "
    "FOR ()-[r:INTERACTS_WITH]-() REQUIRE r.pair IS UNIQUE",
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
# INTERACTS_WITH written before pairs had keys get theirs (graph.interactions.pair_key;
# auto-commit, in chunks; a no-op once every pair has one).
LABEL_INTERACTION_PAIRS = """
MATCH (s:Actor)-[r:INTERACTS_WITH]->(t:Actor) WHERE r.pair IS NULL
CALL (r, s, t) { SET r.pair = s.id + '>' + t.id } IN TRANSACTIONS OF 10000 ROWS
"""
SHOW_CONSTRAINTS = "SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties, type RETURN *"
SHOW_INDEXES = "SHOW INDEXES YIELD name, labelsOrTypes, properties, type, state RETURN *"
