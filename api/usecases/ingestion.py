"""Ingest articles: extract their events, then load them into the graph.

Two shapes of the one use case: :func:`ingest_stream` (the CLI: many files, batched writes,
a report at the end; its write half :func:`load_results` also loads what ``dekg watch`` and
``dekg backfill`` extracted) and :class:`Ingestion` (the API: a few articles at a time, each
with its status). Both ensure the schema, extract with the given extractor, write with
``graph.writer.GraphWriter``, and report per item with ``ontology.outcome``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.schema import ensure_schema
from graph.session import Graph
from graph.writer import GraphWriter, WriteReport
from ontology.model import Article, ExtractionResult
from ontology.outcome import ItemError, ItemStatus

if TYPE_CHECKING:
    from ingest.extract import Extractor, Item


def item_error(result: ExtractionResult) -> ItemError:
    """The per-item error of a failed result."""
    return ItemError(result.item, result.error or "failed", result.error_kind)


def ingest_stream(
    graph: Graph,
    extractor: Extractor,
    items: Iterable[Item],
    *,
    batch_size: int = 1000,
    n_process: int = 1,
    on_result: Callable[[ExtractionResult], None] = lambda _: None,
) -> WriteReport:
    """Extract ``items`` and load the results in batches of ``batch_size`` events.

    ``on_result`` sees every extraction result as it comes (progress, early error lines).

    Raises:
        GraphUnavailable: Neo4j went away (what was committed stays; run again).
    """
    ensure_schema(graph)

    def results() -> Iterator[ExtractionResult]:
        for result in extractor.extract_many(items, n_process=n_process):
            on_result(result)
            yield result

    return load_results(graph, results(), batch_size=batch_size)


def load_results(
    graph: Graph, results: Iterable[ExtractionResult], *, batch_size: int = 1000
) -> WriteReport:
    """Load extraction results made elsewhere (the watch queue's consumer, the backfill's
    workers) in batches of ``batch_size`` events: the write half of :func:`ingest_stream`.

    Raises:
        GraphUnavailable: Neo4j went away (what was committed stays; run again).
    """
    return GraphWriter(graph, batch_size=batch_size).write_results(results)


@dataclass(frozen=True, slots=True)
class Outcome:
    """One article's result and what loading did with it (the error is on the result)."""

    result: ExtractionResult
    status: ItemStatus

    @property
    def error(self) -> ItemError | None:
        return item_error(self.result) if self.status is ItemStatus.FAILED else None


@dataclass(frozen=True, slots=True)
class Ingestion:
    """Extract with ``extract`` (serialised by the caller's lock), write into ``graph``."""

    extract: Callable[[Sequence[Article]], list[ExtractionResult]]
    graph: Graph
    ensure_schema: Callable[[], None]
    written: Callable[[], None] = lambda: None

    def run(self, articles: Iterable[Article]) -> list[Outcome]:
        """Each result with its status: written, unchanged, or failed (error on the result)."""
        results = self.extract(list(articles))
        self.ensure_schema()
        writer = GraphWriter(self.graph)
        out = []
        for result in results:
            if not result.ok:
                out.append(Outcome(result, ItemStatus.FAILED))
                continue
            try:
                report = writer.write_results([result])
            finally:
                self.written()
            if report.errors:
                err = report.errors[0]
                update = {"error": err.error, "error_kind": err.error_kind}
                out.append(Outcome(result.model_copy(update=update), ItemStatus.FAILED))
            else:
                status = ItemStatus.WRITTEN if report.written else ItemStatus.UNCHANGED
                out.append(Outcome(result, status))
        return out
