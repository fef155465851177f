"""What the graph holds: node, relationship and event-type counts."""

from __future__ import annotations

import neo4j
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

from graph import GraphError, GraphUnavailable, queries
from ontology.plover import EventType

#: The labels counted as nodes: the node kinds, not the PLOVER type each event also carries
#: (those are counted under ``event_types``).
_TYPE_LABELS = frozenset(str(t) for t in EventType)


def _read(tx: neo4j.ManagedTransaction) -> dict[str, dict[str, int]]:
    return {
        "nodes": {
            r["label"]: r["count"]
            for r in tx.run(queries.COUNT_LABELS)
            if r["label"] not in _TYPE_LABELS
        },
        "relationships": {r["type"]: r["count"] for r in tx.run(queries.COUNT_RELATIONSHIPS)},
        "event_types": {r["type"]: r["count"] for r in tx.run(queries.COUNT_EVENT_TYPES)},
    }


def graph_counts(driver: neo4j.Driver, database: str) -> dict[str, dict[str, int]]:
    """Counts of nodes by label, relationships by type and events by PLOVER type.

    Raises:
        GraphUnavailable: Neo4j cannot be reached.
    """
    try:
        with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as s:
            return s.execute_read(_read)
    except (ServiceUnavailable, SessionExpired) as e:
        raise GraphUnavailable(f"Neo4j is not reachable: {e}") from e
    except Neo4jError as e:
        raise GraphError(f"could not count the graph: {e}") from e
