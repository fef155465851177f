"""The queue's consumer: claimed articles through the same extraction and ingest path as
``dekg ingest`` (``Extractor.extract_many`` then ``api.usecases.ingestion.load_results``)."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

from api.queue import DurableQueue
from api.usecases.ingestion import load_results
from graph import GraphUnavailable
from graph.session import Graph
from graph.writer import WriteReport
from ingest.extract import Extractor

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Consumer:
    """Drains ``queue`` in claims of ``batch`` articles."""

    queue: DurableQueue
    extractor: Extractor
    graph: Graph
    batch: int = 16
    report: WriteReport = field(default_factory=WriteReport)

    def step(self) -> int:
        """Process one claim; returns how many items it held (0: the queue is empty).

        Raises:
            GraphUnavailable: Neo4j went away; the claimed items are back in the queue.
        """
        items = self.queue.claim(self.batch)
        if not items:
            return 0
        try:
            results = list(self.extractor.extract_many([i.article for i in items]))
            report = load_results(self.graph, results)
        except GraphUnavailable:
            self.queue.release([i.id for i in items])
            raise
        failed = {e.item: e for e in report.errors}
        done = []
        for item, result in zip(items, results, strict=True):
            error = failed.get(result.item)
            if error is None:
                done.append(item.id)
            else:
                self.queue.fail(item.id, f"{error.error_kind}: {error.error}")
        self.queue.done(done)
        self.report.add(report)
        return len(items)

    def drain(self) -> WriteReport:
        """Process until the queue is empty; returns what this consumer wrote so far."""
        while self.step():
            pass
        return self.report

    def run(self, stop: threading.Event, idle_s: float = 1.0) -> None:
        """Process as items arrive, until ``stop`` is set (Neo4j outages are waited out)."""
        while not stop.is_set():
            try:
                if not self.step():
                    stop.wait(idle_s)
            except GraphUnavailable as e:
                log.warning("watch: Neo4j unavailable, retrying in 10 s: %s", e)
                stop.wait(10.0)
