"""``POST /cypher``: a read-only Cypher query, decided by Neo4j's plan; time, row and byte caps."""

from __future__ import annotations

import functools

from fastapi import APIRouter, Request

from api.console import ConsoleLimiter, ReadAuth
from api.deps import GraphDep, SettingsDep
from api.schemas import CypherRequest, CypherResult
from graph import console

router = APIRouter(tags=["cypher"])


@router.post(
    "/cypher",
    response_model=CypherResult,
    summary="Run a read-only Cypher query",
    dependencies=[ReadAuth],
)
async def run_cypher(
    request: Request,
    body: CypherRequest,
    graph: GraphDep,
    settings: SettingsDep,
) -> CypherResult:
    """Runs ``query`` with ``params`` when Neo4j's plan for it (``EXPLAIN``) only reads: query
    type ``r``, read operators only, procedures and functions from the console's allowlists
    (``graph.console_policy``). Anything else (writes, ``LOAD CSV``, administration commands,
    ``dbms.*``, ``apoc.load.*``, ``apoc.cypher.*`` …) is a 400 problem that says why.

    Needs a read key (``DEKG_READ_KEYS``) or a write key, unless ``DEKG_CYPHER_OPEN=true``.
    The query stops after ``DEKG_CYPHER_TIMEOUT_S`` seconds; at most ``DEKG_CYPHER_ROW_LIMIT``
    rows and about ``DEKG_CYPHER_BYTE_LIMIT`` bytes come back (``truncated`` and ``limit`` say
    when there was more). At most ``DEKG_CYPHER_CONCURRENCY`` queries run at once per worker;
    one more is answered 429 with ``Retry-After``."""
    limiter: ConsoleLimiter = request.app.state.console_limiter
    result = await limiter.run(
        functools.partial(
            console.run_read_query,
            graph,
            body.query,
            body.params,
            timeout_s=settings.cypher_timeout_s,
            row_limit=settings.cypher_row_limit,
            byte_limit=settings.cypher_byte_limit,
        )
    )
    return CypherResult(
        columns=result.columns, rows=result.rows, truncated=result.truncated, limit=result.limit
    )
