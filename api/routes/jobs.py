"""``GET /jobs/{id}``: progress of a batch ingest."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Path, Request

from api.jobs import JobRunner
from api.schemas import JobPublic

router = APIRouter(tags=["articles"])


@router.get("/jobs/{job_id}", response_model=JobPublic, summary="Progress of a batch ingest")
def get_job(request: Request, job_id: Annotated[str, Path(max_length=64)]) -> JobPublic:
    """Counts so far (processed, written, unchanged, failed, events) and the per-item errors;
    ``status`` is ``done`` when every item was handled."""
    runner: JobRunner = request.app.state.jobs
    return JobPublic.model_validate(asdict(runner.get(job_id)))
