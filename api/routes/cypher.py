"""``POST /cypher``: a read-only Cypher query with a time limit and a row cap."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import DatabaseDep, DriverDep, SettingsDep
from api.schemas import CypherRequest, CypherResult
from graph import reader

router = APIRouter(tags=["cypher"])


@router.post("/cypher", response_model=CypherResult, summary="Run a read-only Cypher query")
def run_cypher(
    body: CypherRequest, driver: DriverDep, database: DatabaseDep, settings: SettingsDep
) -> CypherResult:
    """Runs ``query`` with ``params`` in a READ transaction: Neo4j itself refuses any write
    (``CREATE``, ``MERGE``, ``SET``, ``DELETE`` …) and the answer is a 400 problem. The query
    stops after ``DEKG_CYPHER_TIMEOUT_S`` seconds; at most ``DEKG_CYPHER_ROW_LIMIT`` rows come
    back (``truncated`` says when there were more). Nodes, relationships, paths, dates and
    points are serialised as JSON."""
    result = reader.run_read_query(
        driver,
        database,
        body.query,
        body.params,
        timeout_s=settings.cypher_timeout_s,
        row_limit=settings.cypher_row_limit,
    )
    return CypherResult(columns=result.columns, rows=result.rows, truncated=result.truncated)
