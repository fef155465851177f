"""``dekg watch``: poll RSS/Atom feeds, fetch new items' pages, queue them for extraction.

Each feed has its cadence. A poll is a conditional GET (``If-None-Match`` /
``If-Modified-Since`` from the last answer): an unchanged feed costs a 304. For every entry
whose canonical URL was never accepted, the page is fetched and read with the project's HTML
reader (an entry that carries the full text is used as it is), then queued in the durable
queue under two keys, canonical URL and content hash, so syndicated copies are queued once.
The feed's new validators are stored only when every entry was handled: an entry whose page
failed is retried on the next poll (its feed is fetched again instead of answering 304),
and a restart in the middle of a poll redoes that poll without duplicating what was queued.
Failing feeds back off (doubling, at most an hour); one failing host never stops the others.
When the queue is full the watcher waits for room (backpressure).
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import feedparser

from api import ApiError
from api.queue import DurableQueue, QueueFull
from api.watch.http import FetchError, PoliteClient
from api.watch.state import FeedState, FeedStore
from api.watch.urls import canonical_url, text_key, url_key
from ingest import IngestError
from ingest.readers import decode, feed_entry_article, read_html
from ontology.model import Article

log = logging.getLogger(__name__)

MAX_FAILURE_BACKOFF_S = 3600.0


class FeedListError(ApiError):
    """The feed list file cannot be read or holds a bad line."""


@dataclass(frozen=True, slots=True)
class FeedSpec:
    url: str
    every_s: float


@dataclass(frozen=True, slots=True)
class PollResult:
    url: str
    status: str  # "200", "304" or "error"
    new: int = 0
    duplicates: int = 0
    item_errors: int = 0
    error: str | None = None


def read_feed_list(path: Path, default_every_s: float) -> list[FeedSpec]:
    """Feeds from a file: one ``URL [seconds]`` per line, ``#`` starts a comment."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise FeedListError(f"cannot read the feed list {path}: {e}") from e
    feeds = []
    for number, line in enumerate(lines, 1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        if len(words) > 2 or not words[0].startswith(("http://", "https://")):
            raise FeedListError(f"{path}:{number}: expected 'URL [seconds]', got {line!r}")
        try:
            every = float(words[1]) if len(words) == 2 else default_every_s
        except ValueError as e:
            raise FeedListError(f"{path}:{number}: not a number of seconds: {words[1]!r}") from e
        feeds.append(FeedSpec(words[0], every))
    return feeds


def web_id(url: str) -> str:
    """The article id of a fetched page: stable per canonical URL."""
    return "web-" + hashlib.sha256(canonical_url(url).encode("utf-8")).hexdigest()[:16]


class Watcher:
    """Polls feeds into a :class:`DurableQueue` (see the module docstring).

    Args:
        full_text_min: an entry whose own text has at least this many characters is used as
            it is; shorter ones (summaries) have their page fetched.
        room_timeout_s: how long one enqueue waits for room in a full queue before the poll
            gives up (the feed is polled again on its cadence).
    """

    def __init__(
        self,
        feeds: Iterable[FeedSpec],
        queue: DurableQueue,
        store: FeedStore,
        client: PoliteClient,
        *,
        full_text_min: int = 800,
        room_timeout_s: float = 300.0,
        max_parallel_feeds: int = 8,
    ) -> None:
        self.feeds = list(feeds)
        self.queue = queue
        self.store = store
        self.client = client
        self.full_text_min = full_text_min
        self.room_timeout_s = room_timeout_s
        self._pool = ThreadPoolExecutor(max_parallel_feeds, thread_name_prefix="dekg-watch")

    def close(self) -> None:
        self._pool.shutdown(wait=True)

    # -- polling -------------------------------------------------------------------------------

    def run_once(self) -> list[PollResult]:
        """Poll every feed now (in parallel, hosts kept polite by the client)."""
        return list(self._pool.map(self.poll, self.feeds))

    def run(self, stop: threading.Event) -> None:
        """Poll each feed when it is due, until ``stop`` is set."""
        while not stop.is_set():
            now = time.time()
            due = [f for f in self.feeds if self.store.get(f.url).next_due <= now]
            if due:
                list(self._pool.map(self.poll, due))
            states = [self.store.get(f.url).next_due for f in self.feeds]
            wake = min(states, default=now + 60.0)
            stop.wait(max(0.5, min(wake - time.time(), 60.0)))

    def poll(self, feed: FeedSpec) -> PollResult:
        """One poll of one feed; never raises for the feed's own faults."""
        state = self.store.get(feed.url)
        try:
            result, state = self._poll(feed, state)
        except FetchError as e:
            result = PollResult(feed.url, "error", error=str(e))
            state = state.polled("error", error=str(e))
        except Exception as e:
            log.exception("watch: polling %s failed", feed.url)
            result = PollResult(feed.url, "error", error=f"{type(e).__name__}: {e}")
            state = state.polled("error", error=result.error)
        delay = feed.every_s
        if result.status == "error":
            delay = min(feed.every_s * 2 ** max(0, state.failures - 1), MAX_FAILURE_BACKOFF_S)
            delay = max(delay, feed.every_s)
        self.store.save(FeedState(**{**_fields(state), "next_due": time.time() + delay}))
        return result

    def _poll(self, feed: FeedSpec, state: FeedState) -> tuple[PollResult, FeedState]:
        headers = {}
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        response = self.client.get(feed.url, headers)
        if response.status_code == 304:
            return PollResult(feed.url, "304"), state.polled("304")
        if response.status_code >= 400:
            raise FetchError(f"{feed.url}: HTTP {response.status_code}")
        parsed = feedparser.parse(response.content)
        if not parsed.entries and parsed.get("bozo"):
            raise FetchError(f"{feed.url}: not a feed ({parsed.get('bozo_exception')})")
        title = parsed.feed.get("title")
        new = duplicates = errors = 0
        for entry in parsed.entries:
            outcome = self._entry(entry, title if isinstance(title, str) else None, feed.url)
            new += outcome == "new"
            duplicates += outcome == "duplicate"
            errors += outcome == "error"
        changes: dict[str, Any] = {}
        if errors == 0:  # else the next poll gets the whole feed again and retries
            changes = {
                "etag": response.headers.get("ETag"),
                "last_modified": response.headers.get("Last-Modified"),
            }
        result = PollResult(feed.url, "200", new, duplicates, errors)
        error = f"{errors} items could not be fetched" if errors else None
        return result, state.polled("200", new=new, error=error, **changes)

    def _entry(self, entry: Any, feed_title: str | None, feed_url: str) -> str:
        link = entry.get("link")
        if not isinstance(link, str) or not link.startswith(("http://", "https://")):
            return self._enqueue_own(entry, feed_title, feed_url)
        if self.queue.seen(url_key(link)):
            return "duplicate"
        try:
            article = self._article(entry, link, feed_title)
        except (FetchError, IngestError) as e:
            log.warning("watch: %s: %s", link, e)
            return "error"
        return self._enqueue(article, [url_key(link), text_key(article.text)], feed_url)

    def _enqueue_own(self, entry: Any, feed_title: str | None, feed_url: str) -> str:
        """An entry without a usable link: its own text, keyed by content only."""
        try:
            article = feed_entry_article(entry, feed_title=feed_title, source_path=feed_url)
        except IngestError:
            return "error"
        return self._enqueue(article, [text_key(article.text)], feed_url)

    def _article(self, entry: Any, link: str, feed_title: str | None) -> Article:
        canonical = canonical_url(link)
        own: Article | None = None
        try:
            own = feed_entry_article(entry, feed_title=feed_title, source_path=link)
        except IngestError:
            own = None
        if own is not None and len(own.text) >= self.full_text_min:
            article = own  # the feed carries the full text
        else:
            response = self.client.get(link)
            if response.status_code >= 400:
                raise FetchError(f"{link}: HTTP {response.status_code}")
            html = decode(response.content)
            article = read_html(html, name=web_id(link), source_path=link)
        return article.model_copy(
            update={
                "id": web_id(link),
                "url": canonical,
                "title": article.title or (own.title if own else None),
                "publisher": article.publisher or feed_title,
                "published": article.published or (own.published if own else None),
            }
        )

    def _enqueue(self, article: Article, keys: list[str], source: str) -> str:
        while True:
            try:
                return "new" if self.queue.put(article, keys, source=source) else "duplicate"
            except QueueFull:
                if not self.queue.wait_for_room(self.room_timeout_s):
                    raise

    # -- status --------------------------------------------------------------------------------

    def status(self) -> list[dict[str, Any]]:
        """The last poll of every feed (for ``/stats`` and ``dekg watch``)."""
        return [public_state(self.store.get(f.url)) for f in self.feeds]


def _fields(state: FeedState) -> dict[str, Any]:
    return {name: getattr(state, name) for name in FeedState.__slots__}


def public_state(state: FeedState) -> dict[str, Any]:
    out = _fields(state)
    out.pop("etag")
    out.pop("last_modified")
    out["next_due"] = (
        time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(state.next_due)) if state.next_due else None
    )
    return out
