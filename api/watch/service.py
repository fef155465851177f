"""The watch service: watcher and queue consumer wired from the settings, run by
``dekg watch`` (in the foreground) and ``dekg serve --watch`` (in the API's process)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from api.queue import DurableQueue
from api.settings import Settings
from api.watch.consumer import Consumer
from api.watch.http import PoliteClient, Politeness
from api.watch.state import FeedStore
from api.watch.watcher import FeedListError, FeedSpec, Watcher, read_feed_list
from graph.session import Graph


def queue_path(settings: Settings) -> Path:
    """The durable queue's file (with the feed states), in the data directory."""
    return settings.data_dir / "queue.sqlite"


def feeds_of(
    settings: Settings, feeds_file: Path | None = None, every_s: float | None = None
) -> list[FeedSpec]:
    """The feeds to watch: ``feeds_file`` (or ``DEKG_WATCH_FEEDS_FILE``) and
    ``DEKG_WATCH_FEEDS``, each URL once.

    Raises:
        FeedListError: a bad feed list, or no feed at all.
    """
    every = every_s or settings.watch_interval_s
    specs = [FeedSpec(url, every) for url in settings.watch_feeds]
    path = feeds_file or settings.watch_feeds_file
    if path is not None:
        specs += read_feed_list(path, every)
    unique = list({spec.url: spec for spec in specs}.values())
    if not unique:
        raise FeedListError("no feeds to watch: pass --feeds FILE or set DEKG_WATCH_FEEDS")
    return unique


@dataclass
class WatchService:
    watcher: Watcher
    consumer: Consumer
    queue: DurableQueue
    store: FeedStore
    client: PoliteClient
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)

    @classmethod
    def build(cls, settings: Settings, graph: Graph, feeds: list[FeedSpec]) -> WatchService:
        from ingest.extract import Extractor
        from ingest.nlp import load_pipeline

        path = queue_path(settings)
        queue = DurableQueue(path, max_items=settings.queue_max_items)
        store = FeedStore(path)
        client = PoliteClient(
            Politeness(concurrency=settings.watch_host_concurrency, rate=settings.watch_host_rate)
        )
        nlp = load_pipeline(settings.spacy_model, settings.actor_dictionaries, settings.triggers)
        consumer = Consumer(queue, Extractor(nlp), graph)
        return cls(Watcher(feeds, queue, store, client), consumer, queue, store, client)

    def start(self) -> None:
        """Watch and consume in two background threads."""
        for name, target in (("watch", self.watcher.run), ("consume", self.consumer.run)):
            thread = threading.Thread(
                target=target, args=(self._stop,), name=f"dekg-{name}", daemon=True
            )
            thread.start()
            self._threads.append(thread)

    def once(self) -> list[Any]:
        """Poll every feed once, then process the queue until it is empty."""
        results = self.watcher.run_once()
        self.consumer.drain()
        return results

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self.queue.interrupt()  # a poll waiting for room in a full queue gives up at once
        for thread in self._threads:
            thread.join(timeout)
        self.watcher.close()
        self.client.close()
        self.queue.close()
        self.store.close()

    def status(self) -> dict[str, Any]:
        counts = self.queue.counts()
        return {
            "running": bool(self._threads) and not self._stop.is_set(),
            "queue": {
                "queued": counts.queued,
                "running": counts.running,
                "done": counts.done,
                "failed": counts.failed,
                "max_items": self.queue.max_items,
            },
            "feeds": self.watcher.status(),
        }


def start_watch(settings: Settings, graph: Graph) -> WatchService | None:
    """The running watch service of ``dekg serve --watch`` (None unless asked for)."""
    if not settings.watch_in_service:
        return None
    service = WatchService.build(settings, graph, feeds_of(settings))
    service.start()
    return service


def snapshot(path: Path) -> dict[str, Any]:
    """Queue counts and the last poll per feed, read-only from the store file (the watcher may
    run in another process); empty when nothing was ever watched."""
    import sqlite3

    from api.watch.state import FeedState
    from api.watch.watcher import public_state

    if not path.exists():
        return {"running": False, "queue": None, "feeds": []}
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        query = "SELECT state, count(*) FROM queue_items GROUP BY state"
        counts = dict(db.execute(query).fetchall())
        cursor = db.execute("SELECT * FROM feeds ORDER BY url")
        names = [c[0] for c in cursor.description]
        feeds = [public_state(FeedState(**dict(zip(names, r, strict=True)))) for r in cursor]
    except sqlite3.Error:
        return {"running": False, "queue": None, "feeds": []}
    finally:
        db.close()
    queue = {k: counts.get(k, 0) for k in ("queued", "running", "done", "failed")}
    return {"running": False, "queue": queue, "feeds": feeds}


__all__ = ["FeedListError", "WatchService", "feeds_of", "queue_path", "snapshot", "start_watch"]
