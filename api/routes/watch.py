"""``GET /stats/feeds``: the durable queue's counts and the last poll of every watched feed."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

router = APIRouter(tags=["service"])


@router.get("/stats/feeds", summary="Feed watching: last poll per feed, queue counts")
async def feeds(request: Request) -> dict[str, Any]:
    """From the watcher of this process (``dekg serve --watch``), else read-only from the store
    a separate ``dekg watch`` keeps in the data directory."""
    from api.watch.service import queue_path, snapshot

    service = getattr(request.app.state, "watch", None)
    if service is not None:
        return await run_in_threadpool(service.status)
    return await run_in_threadpool(snapshot, queue_path(request.app.state.settings))
