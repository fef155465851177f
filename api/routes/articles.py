"""``POST /articles`` (one article, extracted and loaded at once) and ``POST /articles/batch``
(many, in a background job)."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Callable
from dataclasses import asdict
from typing import Annotated, Any

from anyio import to_thread
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from api.bodies import as_utf8
from api.cache import ReadCache
from api.deps import ExtractorHolderDep, LiveGraphDep, SchemaGateDep, WriteAuth
from api.errors import InvalidParameter, UnsupportedMediaType
from api.jobs import JobRunner, Process
from api.jobstore import ItemState
from api.jobstore import Outcome as JobOutcome
from api.schemas import ArticleIngested, ArticleRef, EventPublic, JobPublic
from api.usecases.ingestion import Ingestion, Outcome
from ingest import IngestError
from ingest.readers import ReadItem, read_bytes
from ontology.model import Article, Event
from ontology.outcome import ItemStatus

#: Every route here writes: each needs an API key (``require_api_key``).
router = APIRouter(tags=["articles"], dependencies=[WriteAuth])

#: Content type → reader kind (``ingest.readers.read_bytes``).
SINGLE_KINDS = {"text/plain": "txt", "text/html": "html", "application/json": "json"}
BATCH_KINDS = {
    "application/json": "json",
    "application/jsonl": "jsonl",
    "application/x-ndjson": "jsonl",
    "application/x-jsonlines": "jsonl",
}
_BODY_DOC = {
    "requestBody": {
        "required": True,
        "content": {
            "text/plain": {"schema": {"type": "string"}},
            "text/html": {"schema": {"type": "string"}},
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["text"],
                    "properties": {
                        "id": {"type": "string"},
                        "text": {"type": "string"},
                        "title": {"type": "string"},
                        "published": {"type": "string", "format": "date"},
                        "publisher": {"type": "string"},
                        "url": {"type": "string"},
                    },
                }
            },
        },
    }
}
_BATCH_DOC = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "array",
                    "items": _BODY_DOC["requestBody"]["content"][  # type: ignore[index]
                        "application/json"
                    ]["schema"],
                }
            },
            "application/x-ndjson": {"schema": {"type": "string"}},
        },
    }
}


class ArticleMeta:
    """Metadata of a plain-text or HTML article, from the query string."""

    def __init__(
        self,
        id: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
        title: Annotated[str | None, Query(max_length=1000)] = None,
        published: dt.date | None = None,
        publisher: Annotated[str | None, Query(max_length=200)] = None,
        url: Annotated[
            str | None, Query(max_length=2000, pattern=r"^\s*[hH][tT][tT][pP][sS]?://")
        ] = None,
    ) -> None:
        self.id = id
        self.values: dict[str, str | dt.date | None] = {
            "id": id,
            "title": title,
            "published": published,
            "publisher": publisher,
            "url": url,
        }

    def as_update(self) -> dict[str, Any]:
        return {k: v for k, v in self.values.items() if v is not None}


def _kind(request: Request, kinds: dict[str, str]) -> str:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in kinds:
        raise UnsupportedMediaType(
            f"content type {media or '(none)'!r} is not accepted here; send one of "
            + ", ".join(kinds)
        )
    return kinds[media]


def _read_items(data: bytes, kind: str, name: str | None = None) -> list[ReadItem]:
    """Articles of a request body; a body without an id is named by its content hash."""
    return read_bytes(data, kind=kind, name=name or "post-" + hashlib.sha256(data).hexdigest()[:16])


def _with_metadata(article: Article, update: dict[str, Any]) -> Article:
    return article.model_copy(update=update) if update else article


def _written(request: Request) -> Callable[[], None]:
    """What to call after a write: the read cache's answers are then checked again."""
    cache: ReadCache | None = request.app.state.read_cache
    return cache.state.expire if cache else lambda: None


def _event_public(event: Event) -> EventPublic:
    data = event.model_dump(mode="json", exclude={"evidence", "article_id"})
    return EventPublic.model_validate(data)


@router.post(
    "/articles",
    status_code=201,
    response_model=ArticleIngested,
    summary="Ingest one article",
    openapi_extra=_BODY_DOC,
)
async def post_article(
    *,
    request: Request,
    graph: LiveGraphDep,
    holder: ExtractorHolderDep,
    schema: SchemaGateDep,
    meta: Annotated[ArticleMeta, Depends()],
) -> ArticleIngested:
    """Extracts PLOVER events from the body (plain text, HTML, or JSON
    ``{id?, text, title?, published?, publisher?, url?}``) and loads them into the graph.
    Query parameters set the metadata of a plain-text or HTML body. Needs an API key.

    Returns 201 with the article and its events (``status`` is ``unchanged`` when the same
    text was loaded before); 422 with the reason when the body cannot be read or extracted.
    """
    kind = _kind(request, SINGLE_KINDS)
    data = as_utf8(await request.body(), request.headers.get("content-type", ""))
    ingestion = Ingestion(holder.extract, graph, schema.ensure, _written(request))
    return await to_thread.run_sync(
        functools.partial(_post_one, data, kind, meta, ingestion),
        limiter=request.app.state.ingest_limiter,
    )


def _post_one(data: bytes, kind: str, meta: ArticleMeta, ingestion: Ingestion) -> ArticleIngested:
    items = _read_items(data, kind, meta.id)
    if len(items) != 1:
        raise InvalidParameter(
            f"the body holds {len(items)} articles; send several to POST /articles/batch"
        )
    item = items[0]
    if item.error is not None or item.article is None:
        raise item.error or IngestError("the body holds no article")
    article = _with_metadata(item.article, meta.as_update())
    from ingest.extract import ExtractionFailed

    done = ingestion.run([article])[0]
    result, status = done.result, done.status
    if status is ItemStatus.FAILED or result.article is None:
        raise ExtractionFailed(f"{result.error_kind}: {result.error}")
    return ArticleIngested(
        article=ArticleRef.model_validate(result.article.model_dump()),
        status=status,
        events=[_event_public(e) for e in result.events],
    )


@router.post(
    "/articles/batch",
    status_code=202,
    response_model=JobPublic,
    summary="Ingest many articles in a background job",
    openapi_extra=_BATCH_DOC,
)
async def post_batch(*, request: Request) -> JSONResponse:
    """Reads a JSON list of articles or JSON lines (one article a line) and queues a job that
    extracts and loads them; poll ``GET /jobs/{id}`` (the ``Location`` header). Items that
    cannot be read, or fail, are reported per item in the job; the others go on. The job is
    stored durably before the 202 (also while Neo4j is down: it waits) and resumes after a
    restart. An empty batch is a 422. Needs an API key."""
    kind = _kind(request, BATCH_KINDS)
    data = await request.body()
    items = await to_thread.run_sync(
        _read_items, data, kind, limiter=request.app.state.ingest_limiter
    )
    if not data.strip() or not items:
        raise InvalidParameter("the batch holds no articles")
    runner: JobRunner = request.app.state.jobs
    job = await to_thread.run_sync(runner.submit, items)  # stored durably before the 202
    body = JobPublic.model_validate(asdict(job))
    return JSONResponse(
        body.model_dump(mode="json"), status_code=202, headers={"Location": f"/jobs/{job.id}"}
    )


def batch_process(ingestion: Ingestion) -> Process:
    """What the job runner calls for each step: extract and load, one outcome per article."""

    def process(articles: list[Article]) -> list[JobOutcome]:
        return [_outcome(o) for o in ingestion.run(articles)]

    return process


def _outcome(outcome: Outcome) -> JobOutcome:
    if outcome.status is ItemStatus.FAILED:
        result = outcome.result
        return JobOutcome(0, "failed", 0, result.error or "failed", result.error_kind)
    state: ItemState = "written" if outcome.status is ItemStatus.WRITTEN else "unchanged"
    return JobOutcome(0, state, len(outcome.result.events))
