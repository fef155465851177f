"""Counts and server facts (``dekg stats``, ``graph.stats``)."""

from __future__ import annotations

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
