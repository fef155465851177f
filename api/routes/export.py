"""``GET /export``: the filtered graph in one of the export formats, streamed."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import IO, Annotated, BinaryIO, cast

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from api.deps import FilterDep, LiveGraphDep
from api.usecases.exports import ExportName, read_export, write_export
from graph.export import FORMATS

router = APIRouter(tags=["export"])

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
    graph: LiveGraphDep,
    flt: FilterDep,
    format: Annotated[ExportName, Query(description="export format")],
) -> StreamingResponse:
    """The events matching the filters with their actors, places and articles as GraphML,
    GEXF, Cytoscape.js JSON, d3 node-link JSON, JSON-LD, Turtle, or a zip of CSV files for
    ``neo4j-admin database import``."""
    fmt = FORMATS[str(format.value)]
    projection = read_export(graph, flt)
    spool: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=_IN_MEMORY)  # noqa: SIM115
    try:
        write_export(projection, fmt.name, cast(BinaryIO, spool))
    except BaseException:
        spool.close()
        raise
    return StreamingResponse(
        _chunks(spool),
        media_type=fmt.media_type,
        headers={"Content-Disposition": f'attachment; filename="{fmt.filename()}"'},
    )
