"""The public Cypher console: a user's read-only query with a time limit and a row cap.

The other reads of the query service live in ``graph.read`` (events, actors, relations,
network) and ``graph.stats``; sessions and the translation of driver errors in
``graph.session``; value conversion in ``graph.values``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import neo4j
from neo4j.exceptions import AuthError, Neo4jError, TransientError

from graph import QueryRejected
from graph.session import READ_RETRY_S, Graph, Row
from graph.session import neo4j_errors as _neo4j_errors
from graph.values import jsonable

# Statements the Cypher endpoint refuses before sending them: reading files or URLs, and
# procedures that run other statements or change the server. Neo4j itself refuses writes.
_FORBIDDEN = re.compile(
    r"\bLOAD\s+CSV\b|\bapoc\s*\.\s*(load|import|export|cypher|periodic|trigger|systemdb|"
    r"custom|do|util\s*\.\s*sleep)\b|\bdbms\s*\.\s*(security|setConfigValue|killQuer)",
    re.IGNORECASE,
)


def _session(driver: neo4j.Driver, database: str) -> neo4j.Session:
    return Graph(driver, database).session(retry_s=READ_RETRY_S)


@dataclass(frozen=True, slots=True)
class CypherRows:
    columns: list[str]
    rows: list[Row]
    truncated: bool


def run_read_query(
    driver: neo4j.Driver,
    database: str,
    text: str,
    params: Mapping[str, Any],
    *,
    timeout_s: float,
    row_limit: int,
) -> CypherRows:
    """Run a user's Cypher in a READ transaction with a time limit and a row cap.

    Neo4j refuses any write in a READ transaction; file/URL loading and procedures that run
    other statements are refused before the query is sent.

    Raises:
        QueryRejected: a write, a syntax error, a forbidden procedure, the time limit.
        GraphUnavailable: Neo4j cannot be reached.
    """
    if _FORBIDDEN.search(text):
        raise QueryRejected(
            "this query uses LOAD CSV or a procedure the Cypher endpoint does not allow"
        )

    @neo4j.unit_of_work(timeout=timeout_s)
    def work(tx: neo4j.ManagedTransaction) -> CypherRows:
        result = tx.run(text, dict(params))
        columns = list(result.keys())
        rows: list[Row] = []
        for record in result:
            if len(rows) == row_limit:
                return CypherRows(columns, rows, True)
            rows.append({k: jsonable(v) for k, v in record.items()})
        return CypherRows(columns, rows, False)

    with _neo4j_errors("running a query"):  # Neo4j unreachable, busy, refusing credentials
        try:
            with _session(driver, database) as session:
                return session.execute_read(work)
        except (TransientError, AuthError):
            raise
        except Neo4jError as e:  # the query's own fault: syntax, a write, the time limit
            if "TimedOut" in (e.code or ""):
                raise QueryRejected(
                    f"the query did not finish within the time limit of {timeout_s:g} s ({e.code})"
                ) from e
            raise QueryRejected(f"{e.code}: {e.message}") from e
        except (TypeError, ValueError, OverflowError) as e:
            raise QueryRejected(f"a parameter cannot be sent to Neo4j: {e}") from e
