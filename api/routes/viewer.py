"""The viewer page at ``/`` and its bundle under ``/static`` (built from ``web/``)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).resolve().parent.parent / "static"

router = APIRouter(include_in_schema=False)

_MISSING = """<!doctype html><title>dekg</title><h1>dekg</h1>
<p>The viewer bundle is not built: run <code>make viewer</code> (npm) or see
<a href="/docs">the API documentation</a>.</p>"""


@router.get("/", response_model=None)
def index() -> FileResponse | HTMLResponse:
    page = STATIC / "index.html"
    if not page.is_file():
        return HTMLResponse(_MISSING)
    return FileResponse(page, media_type="text/html")


def mount(app: FastAPI) -> None:
    """Serve the page and the bundle."""
    app.include_router(router)
    if STATIC.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC), name="static")
