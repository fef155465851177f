"""`dekg watch` against real local HTTP servers: conditional GET, page fetch, de-duplication,
politeness, failures, backpressure, restarts (no internet)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest
from typer.testing import CliRunner

from api.cli import app
from api.queue import DurableQueue, QueueFull
from api.settings import get_settings
from api.watch.http import PoliteClient, Politeness
from api.watch.state import FeedStore
from api.watch.urls import canonical_url
from api.watch.watcher import FeedListError, FeedSpec, Watcher, read_feed_list
from ontology.model import Article
from tests.api.feed_server import Site, page, rss, serve

TALKS = [
    "Russia and Ukraine agreed on Thursday to hold talks in Istanbul.",
    "The foreign ministers of both countries said the meeting would take place next week.",
    "Turkey offered to host the negotiations and to provide security for the delegations.",
]
SANCTIONS = [
    "The European Union imposed new sanctions on Iran on Monday over its nuclear programme.",
    "The measures target banks and shipping companies, officials in Brussels said.",
    "Tehran condemned the decision and threatened to retaliate against European interests.",
]
FULL_TEXT = " ".join(
    [
        "The United Nations called for a ceasefire in Sudan on Monday.",
        "Secretary-General Antonio Guterres urged both sides to return to talks in Jeddah.",
    ]
    * 12
)


def _site(base: str) -> Site:
    site = Site()
    site.pages["/talks"] = ("text/html", page("Talks in Istanbul", TALKS))
    site.pages["/sanctions"] = ("text/html", page("EU sanctions Iran", SANCTIONS))
    # the same story syndicated under a second URL: one article
    site.pages["/copy-of-talks"] = ("text/html", page("Talks in Istanbul", TALKS))
    items = [
        {"title": "Talks", "link": f"{base}/talks?utm_source=rss"},
        {"title": "Sanctions", "link": f"{base}/sanctions"},
        {"title": "Talks again", "link": f"{base}/copy-of-talks"},
        {"title": "Ceasefire", "link": f"{base}/never-fetched", "content": FULL_TEXT},
    ]
    site.pages["/feed.xml"] = ("application/rss+xml", rss("Wire", items))
    return site


@pytest.fixture()
def site() -> Iterator[tuple[Site, str]]:
    holder = Site()
    with serve(holder) as base:
        holder.pages.update(_site(base).pages)
        yield holder, base


def _watcher(tmp_path: Path, feeds: list[FeedSpec], *, max_items: int = 100) -> Watcher:
    path = tmp_path / "queue.sqlite"
    client = PoliteClient(Politeness(concurrency=2, rate=50.0, attempts=2, backoff=0.01))
    queue = DurableQueue(path, max_items=max_items)
    return Watcher(feeds, queue, FeedStore(path), client, room_timeout_s=0.2)


def test_new_items_are_queued_once_and_an_unchanged_feed_costs_a_304(
    site: tuple[Site, str], tmp_path: Path
) -> None:
    server, base = site
    watcher = _watcher(tmp_path, [FeedSpec(f"{base}/feed.xml", 60)])
    [first] = watcher.run_once()
    assert (first.status, first.new, first.duplicates, first.item_errors) == ("200", 3, 1, 0)
    assert server.statuses("/never-fetched") == []  # full text in the feed: used as it is
    assert server.statuses("/talks?utm_source=rss") == [200]
    queued = watcher.queue.claim(10)
    urls = sorted(i.article.url or "" for i in queued)
    assert urls == sorted([f"{base}/talks", f"{base}/sanctions", f"{base}/never-fetched"])
    talks = next(i.article for i in queued if i.article.url == f"{base}/talks")
    assert "Istanbul" in talks.text and talks.publisher == "Wire"
    assert talks.title == "Talks in Istanbul"

    [second] = watcher.run_once()
    assert second.status == "304" and second.new == 0
    assert server.statuses("/feed.xml") == [200, 304]
    assert server.statuses("/talks?utm_source=rss") == [200]  # no page fetched again
    [state] = watcher.status()
    assert state["last_status"] == "304" and state["polls"] == 2 and state["total_new"] == 3
    watcher.close()


def test_a_failing_host_does_not_stop_the_others(site: tuple[Site, str], tmp_path: Path) -> None:
    _, base = site
    broken = Site()
    broken.pages["/feed.xml"] = ("application/rss+xml", b"")
    broken.failing.add("/feed.xml")
    with serve(broken, host="localhost") as other:
        feeds = [FeedSpec(f"{other}/feed.xml", 60), FeedSpec(f"{base}/feed.xml", 60)]
        watcher = _watcher(tmp_path, feeds)
        bad, good = watcher.run_once()
    assert bad.status == "error" and "HTTP 500" in (bad.error or "")
    assert broken.statuses("/feed.xml") == [500, 500]  # retried with backoff
    assert good.status == "200" and good.new == 3
    states = {s["url"]: s for s in watcher.status()}
    assert states[bad.url]["failures"] == 1 and states[bad.url]["last_error"]
    watcher.close()


def test_a_restart_in_the_middle_loses_nothing_and_duplicates_nothing(
    site: tuple[Site, str], tmp_path: Path
) -> None:
    server, base = site
    feed = [FeedSpec(f"{base}/feed.xml", 60)]
    server.failing.add("/sanctions")  # this page fails during the first run
    first = _watcher(tmp_path, feed)
    [poll] = first.run_once()
    assert (poll.new, poll.item_errors) == (2, 1)
    claimed = first.queue.claim(1)  # taken by a consumer that then dies
    assert len(claimed) == 1
    first.close()
    first.queue.close()
    first.store.close()

    server.failing.clear()
    again = _watcher(tmp_path, feed)  # a new process on the same store
    [poll] = again.run_once()
    assert poll.status == "200"  # the validators were not kept: the feed is read again
    assert (poll.new, poll.duplicates) == (1, 3)
    items = again.queue.claim(10)
    assert len(items) == 3  # the interrupted claim came back, nothing twice
    assert len({i.article.id for i in items}) == 3
    assert claimed[0].id in {i.id for i in items}
    again.close()


def test_a_full_queue_slows_the_watcher_down(site: tuple[Site, str], tmp_path: Path) -> None:
    _, base = site
    watcher = _watcher(tmp_path, [FeedSpec(f"{base}/feed.xml", 60)], max_items=2)
    [poll] = watcher.run_once()
    assert poll.status == "error" and "waiting" in (poll.error or "")
    assert watcher.queue.counts().queued == 2
    [state] = watcher.status()
    assert state["last_status"] == "error"
    watcher.queue.done([i.id for i in watcher.queue.claim(2)])  # extraction caught up
    [poll] = watcher.run_once()
    assert poll.status == "200" and poll.new == 1 and poll.duplicates == 3
    watcher.close()


def test_queue_bound_dedupe_and_poison_items(tmp_path: Path) -> None:
    queue = DurableQueue(tmp_path / "q.sqlite", max_items=2, max_attempts=2)
    article = Article(id="a", text="Some text.")
    assert queue.put(article, ["url:a", "text:a"]) is True
    assert queue.put(article.model_copy(update={"id": "b"}), ["text:a"]) is False
    assert queue.put(Article(id="c", text="Other."), ["url:c"]) is True
    with pytest.raises(QueueFull):
        queue.put(Article(id="d", text="More."), ["url:d"])
    assert not queue.wait_for_room(0.05)
    [a, c] = queue.claim(5)
    queue.release([a.id])  # Neo4j was down: back, and the claim does not count
    queue.fail(c.id, "bad")
    assert queue.wait_for_room(0.05)
    for _ in range(2):
        [again] = queue.claim(5)
        assert again.id == a.id
        queue.release([again.id])
    queue.close()
    reopened = DurableQueue(tmp_path / "q.sqlite", max_items=2, max_attempts=1)
    [item] = reopened.claim(5)
    assert item.id == a.id
    assert reopened.claim(5) == []
    reopened.close()
    poisoned = DurableQueue(tmp_path / "q.sqlite", max_items=2, max_attempts=1)  # restart
    assert poisoned.claim(5) == []  # claimed once already: marked failed, not handed out
    assert poisoned.counts().failed == 2


def test_stopping_wakes_a_watcher_waiting_for_room(site: tuple[Site, str], tmp_path: Path) -> None:
    """Shutting down with a full queue: the poll waiting for room (the consumer has stopped,
    so room never comes) gives up at once instead of after ``room_timeout_s``."""
    _, base = site
    watcher = _watcher(tmp_path, [FeedSpec(f"{base}/feed.xml", 60)], max_items=1)
    watcher.room_timeout_s = 300.0
    polls: list[Any] = []
    thread = threading.Thread(target=lambda: polls.extend(watcher.run_once()))
    thread.start()
    deadline = time.monotonic() + 30
    while watcher.queue.counts().queued < 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # the next entry now waits for room
    began = time.monotonic()
    watcher.queue.interrupt()
    thread.join(30)
    assert not thread.is_alive() and time.monotonic() - began < 5
    [poll] = polls
    assert poll.status == "error" and watcher.queue.counts().queued == 1
    watcher.close()


def test_canonical_urls_and_feed_lists(tmp_path: Path) -> None:
    assert canonical_url("http://A.org:80/x/?b=1&utm_medium=y&a=2#f") == "http://a.org/x?a=2&b=1"
    assert canonical_url("https://a.org") == "https://a.org/"
    listing = tmp_path / "feeds.txt"
    listing.write_text("# feeds\nhttps://a.org/rss 120\n\nhttps://b.org/atom  # default\n")
    assert read_feed_list(listing, 900) == [
        FeedSpec("https://a.org/rss", 120),
        FeedSpec("https://b.org/atom", 900),
    ]
    listing.write_text("ftp://nope\n")
    with pytest.raises(FeedListError, match=r"feeds\.txt:1"):
        read_feed_list(listing, 900)


@pytest.fixture()
def cli_env(cli_env: neo4j.Driver, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> neo4j.Driver:
    """The CLI's environment (``tests/api/conftest.py``), with its own data directory."""
    monkeypatch.setenv("DEKG_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DEKG_WATCH_HOST_RATE", "50")
    get_settings.cache_clear()
    return cli_env


@pytest.mark.neo4j
@pytest.mark.model
def test_watch_once_loads_new_items_into_neo4j_once(
    cli_env: neo4j.Driver, site: tuple[Site, str], tmp_path: Path
) -> None:
    server, base = site
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{base}/feed.xml 60\n")
    first = CliRunner().invoke(app, ["watch", "--once", "--feeds", str(feeds)])
    assert first.exit_code == 0, first.output
    assert "200, 3 new" in first.output and "3 written" in first.output

    def articles() -> list[str]:
        records = cli_env.execute_query("MATCH (a:Article) RETURN a.url AS url").records
        return sorted(r["url"] for r in records)

    assert articles() == sorted([f"{base}/talks", f"{base}/sanctions", f"{base}/never-fetched"])
    events = cli_env.execute_query("MATCH (e:Event) RETURN count(e)").records[0][0]
    assert events >= 2
    again = CliRunner().invoke(app, ["watch", "--once", "--feeds", str(feeds)])
    assert again.exit_code == 0, again.output
    assert "304, 0 new" in again.output and "0 written" in again.output
    assert server.statuses("/feed.xml") == [200, 304]
    assert articles() == sorted([f"{base}/talks", f"{base}/sanctions", f"{base}/never-fetched"])
    assert cli_env.execute_query("MATCH (e:Event) RETURN count(e)").records[0][0] == events

    from fastapi.testclient import TestClient

    from api.app import create_app

    with TestClient(create_app()) as client:
        body = client.get("/stats/feeds").json()
    assert body["queue"]["done"] == 3 and body["queue"]["queued"] == 0
    [feed] = body["feeds"]
    assert feed["url"] == f"{base}/feed.xml" and feed["last_status"] == "304"
