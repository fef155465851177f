"""``GET /export``: the filtered graph in one of the export formats, streamed."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from enum import StrEnum
from typing import IO, Annotated, BinaryIO, cast

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from api.deps import DatabaseDep, FilterDep, LiveDriverDep
from graph.export import FORMATS
from graph.project import project

router = APIRouter(tags=["export"])

ExportName = StrEnum("ExportName", {name: name for name in FORMATS})  # type: ignore[misc]
_CHUNK = 64 * 1024
_IN_MEMORY = 8 * 1024 * 1024


def _chunks(fp: IO[bytes]) -> Iterator[bytes]:
    try:
        fp.seek(0)
        while chunk := fp.read(_CHUNK):
            yield chunk
    finally:
        fp.close()


@router.get(
    "/export",
    summary="Export the (filtered) graph",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "the graph file",
            "content": {f.media_type: {} for f in FORMATS.values()},
        }
    },
)
def export(
    driver: LiveDriverDep,
    database: DatabaseDep,
    flt: FilterDep,
    format: Annotated[ExportName, Query(description="export format")],
) -> StreamingResponse:
    """The events matching the filters with their actors, places and articles as GraphML,
    GEXF, Cytoscape.js JSON, d3 node-link JSON, JSON-LD, Turtle, or a zip of CSV files for
    ``neo4j-admin database import``."""
    fmt = FORMATS[str(format.value)]
    graph = project(driver, database, flt)
    spool: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=_IN_MEMORY)  # noqa: SIM115
    try:
        fmt.write(graph, cast(BinaryIO, spool))
    except BaseException:
        spool.close()
        raise
    return StreamingResponse(
        _chunks(spool),
        media_type=fmt.media_type,
        headers={"Content-Disposition": f'attachment; filename="{fmt.filename()}"'},
    )
