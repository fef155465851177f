"""Constraints and indexes of the event graph, created idempotently."""

from __future__ import annotations

import neo4j
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

from graph import GraphError, GraphUnavailable, queries


def ensure_schema(driver: neo4j.Driver, database: str, *, wait_s: int = 60) -> None:
    """Create the uniqueness constraints and indexes (``IF NOT EXISTS``), wait for them, and
    give events stored without a type label theirs.

    Safe to call at every start of an ingest or of the API.

    Raises:
        GraphUnavailable: Neo4j cannot be reached.
        GraphError: Neo4j refused a schema statement.
    """
    try:
        for statement in queries.SCHEMA:
            driver.execute_query(statement, database_=database)
        driver.execute_query(queries.AWAIT_INDEXES, seconds=wait_s, database_=database)
        with driver.session(database=database) as session:
            session.run(queries.LABEL_EVENT_TYPES).consume()
    except (ServiceUnavailable, SessionExpired) as e:
        raise GraphUnavailable(f"Neo4j is not reachable: {e}") from e
    except Neo4jError as e:
        raise GraphError(f"could not create the graph schema: {e}") from e
