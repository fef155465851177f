"""The public Cypher console: a user's query, run only when Neo4j's own plan says it reads.

``run_read_query`` asks Neo4j for the plan of the query (``EXPLAIN``, in the same READ
transaction), lets ``graph.console_policy`` judge it (query type, operators, procedures,
functions), and only then runs it, with a time limit, a row cap and a byte cap. Values come
back as JSON-safe data (:func:`jsonable`), nested at most :data:`MAX_NESTING` deep.

Neo4j's own error messages (Java class names, connection ids, server paths) never reach the
caller: they are logged, and the caller gets :func:`public_reason` instead.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import neo4j
import neo4j.graph
import neo4j.spatial
import neo4j.time

from graph import DataRejected, QueryFailed, QueryRejected
from graph.console_policy import check_plan
from graph.session import (
    READ_RETRY_S,
    Graph,
    cause_code,
    cause_is_value,
    cause_message,
    neo4j_errors,
)

log = logging.getLogger(__name__)

Row = dict[str, Any]
#: Deepest nesting of lists and maps in a console result.
MAX_NESTING = 64


@dataclass(frozen=True, slots=True)
class CypherRows:
    columns: list[str]
    rows: list[Row]
    truncated: bool
    #: What cut the answer short: ``rows`` (the row cap) or ``bytes`` (the byte cap).
    limit: Literal["rows", "bytes"] | None = None


class _Budget:
    """The bytes of JSON an answer may still take (estimated while converting)."""

    __slots__ = ("left",)

    def __init__(self, limit: int) -> None:
        self.left = limit

    def spend(self, n: int) -> None:
        self.left -= n
        if self.left < 0:
            raise _OverBudget


class _OverBudget(Exception):
    pass


def run_read_query(
    graph: Graph,
    text: str,
    params: Mapping[str, Any],
    *,
    timeout_s: float,
    row_limit: int,
    byte_limit: int = 8 * 1024 * 1024,
) -> CypherRows:
    """Run a user's Cypher when its plan only reads; a time limit, a row and a byte cap.

    Raises:
        QueryRejected: not read-only by its plan, a syntax error, the time limit, nesting.
        GraphUnavailable: Neo4j cannot be reached.
    """

    @neo4j.unit_of_work(timeout=timeout_s)
    def work(tx: neo4j.ManagedTransaction) -> CypherRows:
        summary = tx.run("EXPLAIN " + text, dict(params)).consume()
        check_plan(summary.query_type, summary.plan)
        result = tx.run(text, dict(params))
        columns = list(result.keys())
        rows: list[Row] = []
        budget = _Budget(byte_limit)
        for record in result:
            if len(rows) == row_limit:
                return CypherRows(columns, rows, True, "rows")
            try:
                rows.append(_convert(dict(record.items()), budget, -1))
            except _OverBudget:
                return CypherRows(columns, rows, True, "bytes")
        return CypherRows(columns, rows, False)

    # Neo4j unreachable, busy or refusing credentials: GraphUnavailable and its kinds, as
    # graph.session translates them; what Neo4j or the driver refuses is the query's fault.
    try:
        with (
            neo4j_errors("running a query", values=True),
            graph.session(retry_s=READ_RETRY_S) as session,
        ):
            return session.execute_read(work)
    except (QueryFailed, DataRejected) as e:
        cause = e.__cause__
        if cause_is_value(e) and cause is not None:
            raise QueryRejected(
                f"a parameter cannot be sent to Neo4j: {type(cause).__name__}"
            ) from cause
        code, message = cause_code(e), cause_message(e)
        log.info("console query refused by Neo4j: %s: %s", code, message)
        raise QueryRejected(public_reason(code, message, timeout_s)) from cause


_POSITION = re.compile(r"\(line (\d+), column (\d+) \(offset: \d+\)\)")
_REASONS = {
    "Statement.SyntaxError": "the query is not valid Cypher",
    "Statement.ParameterMissing": "the query uses a parameter that was not sent",
    "Statement.TypeError": "a value in the query has the wrong type",
    "Statement.ArgumentError": "an argument in the query is not valid",
    "Statement.ArithmeticError": "an arithmetic error (such as division by zero)",
    "Statement.EntityNotFound": "the query refers to something that does not exist",
    "Statement.AccessMode": "the console only reads",
    "Statement.NotSystemDatabaseError": "the console does not run administration commands",
    "Procedure.ProcedureNotFound": "the query calls a procedure that does not exist",
    "Procedure.ProcedureCallFailed": "a procedure call failed",
    "Security.Forbidden": "the console only reads",
}


def public_reason(code: str | None, message: str | None, timeout_s: float) -> str:
    """Our message for a Neo4j error (its status code and message): its category and, for
    syntax errors, the position."""
    code = code or ""
    if "TimedOut" in code or code.endswith("TransactionTimedOutClientConfiguration"):
        return f"the query did not finish within the time limit of {timeout_s:g} s"
    if "MemoryPoolOutOfMemoryError" in code or "Memory" in code.rsplit(".", 1)[-1]:
        return "the query needs more memory than Neo4j allows one transaction"
    category = ".".join(code.split(".")[-2:])
    reason = _REASONS.get(category, "Neo4j could not run the query")
    position = _POSITION.search(message or "")
    if position and category == "Statement.SyntaxError":
        reason += f" (line {position[1]}, column {position[2]})"
    return f"{reason} [{code}]" if code else reason


# --- values ----------------------------------------------------------------------------------


def jsonable(value: Any, *, byte_limit: int | None = None) -> Any:
    """Any value a Cypher query returns, as JSON-safe data.

    Nodes, relationships and paths become maps (``element_id``, labels/type, properties);
    temporal values ISO strings; durations ISO 8601 durations; points maps with ``srid`` and
    coordinates; bytes base64; non-finite floats the strings ``"NaN"``, ``"Infinity"``,
    ``"-Infinity"`` (JSON has no such numbers).

    Raises:
        QueryRejected: lists or maps nested deeper than :data:`MAX_NESTING`.

    Example:
        >>> jsonable({"x": [1, float("nan")], "d": neo4j.time.Date(2021, 12, 2)})
        {'x': [1, 'NaN'], 'd': '2021-12-02'}
    """
    return _convert(value, _Budget(byte_limit if byte_limit is not None else 1 << 62), 0)


def _convert(value: Any, budget: _Budget, depth: int) -> Any:
    # The budget counts the JSON text each value becomes (string escapes aside).
    if value is None or isinstance(value, bool):
        budget.spend(5)
        return value
    if isinstance(value, int):
        budget.spend(len(str(value)))
        return value
    if isinstance(value, str):
        budget.spend(len(value) + 2)
        return value
    if isinstance(value, float):
        budget.spend(len(repr(value)))
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return value
    if depth >= MAX_NESTING:
        raise QueryRejected(
            f"the result nests lists or maps deeper than {MAX_NESTING} levels; "
            "return a flatter value"
        )
    return _convert_structure(value, budget, depth + 1)


def _convert_structure(value: Any, budget: _Budget, depth: int) -> Any:
    if isinstance(value, neo4j.graph.Node):
        budget.spend(len(value.element_id) + 40)
        return {
            "element_id": value.element_id,
            "labels": sorted(value.labels),
            "properties": _convert(dict(value.items()), budget, depth),
        }
    if isinstance(value, neo4j.graph.Relationship):
        budget.spend(len(value.element_id) * 3 + 50)
        return {
            "element_id": value.element_id,
            "type": value.type,
            "start": value.start_node.element_id if value.start_node else None,
            "end": value.end_node.element_id if value.end_node else None,
            "properties": _convert(dict(value.items()), budget, depth),
        }
    if isinstance(value, neo4j.graph.Path):
        return {
            "nodes": [_convert(n, budget, depth) for n in value.nodes],
            "relationships": [_convert(r, budget, depth) for r in value.relationships],
        }
    if isinstance(value, neo4j.spatial.Point):
        budget.spend(30)
        return {"srid": value.srid, "coordinates": [_convert(c, budget, depth) for c in value]}
    if isinstance(value, neo4j.time.Duration):
        return _convert(value.iso_format(), budget, depth)
    if isinstance(value, neo4j.time.Date | neo4j.time.DateTime | neo4j.time.Time):
        return _convert(value.iso_format(), budget, depth)
    if isinstance(value, dt.date | dt.time):
        return _convert(value.isoformat(), budget, depth)
    if isinstance(value, bytes | bytearray):
        return _convert(base64.b64encode(bytes(value)).decode("ascii"), budget, depth)
    if isinstance(value, Mapping):
        budget.spend(2)
        out = {}
        for k, v in value.items():
            key = str(k)
            budget.spend(len(key) + 4)  # "key":  and the comma
            out[key] = _convert(v, budget, depth)
        return out
    if isinstance(value, Iterable):
        budget.spend(2)
        items = []
        for v in value:
            budget.spend(1)
            items.append(_convert(v, budget, depth))
        return items
    return _convert(str(value), budget, depth)
