"""``dekg serve --watch``: the watcher runs inside the service process. A real ``dekg serve``
child polls a real local feed server on its cadence, the items land in Neo4j once, a new item
is picked up by a later poll, ``/stats/feeds`` shows it, and SIGTERM shuts it down cleanly."""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import neo4j
import pytest

from api.settings import Settings
from tests.api.conftest import closed_port
from tests.api.feed_server import Site, page, rss, serve
from tests.api.server_process import settings_env, start_server

pytestmark = [pytest.mark.neo4j, pytest.mark.model]

TALKS = [
    "Russia and Ukraine agreed on Thursday to hold talks in Istanbul.",
    "Turkey offered to host the negotiations and to provide security for the delegations.",
]
SANCTIONS = [
    "The European Union imposed new sanctions on Iran on Monday over its nuclear programme.",
    "Tehran condemned the decision and threatened to retaliate against European interests.",
]
CEASEFIRE = [
    "The United Nations called for a ceasefire in Sudan on Monday.",
    "Secretary-General Antonio Guterres urged both sides to return to talks in Jeddah.",
]


def _feed(base: str, paths: list[str]) -> tuple[str, bytes]:
    items = [{"title": p.strip("/"), "link": f"{base}{p}"} for p in paths]
    return "application/rss+xml", rss("Wire", items)


def _until(what: Callable[[], Any], timeout_s: float, message: str) -> Any:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if value := what():
            return value
        time.sleep(0.5)
    raise AssertionError(message)


def _watch_env(api_settings: Settings, data_dir: Path, feed: str, **extra: str) -> dict[str, str]:
    """The environment of a ``dekg serve --watch`` child that polls ``feed`` every second."""
    settings = api_settings.model_copy(update={"data_dir": data_dir})
    return settings_env(
        settings,
        DEKG_WATCH_FEEDS=feed,
        DEKG_WATCH_INTERVAL_S="1",
        DEKG_WATCH_HOST_RATE="50",
        **extra,
    )


def _article_urls(driver: neo4j.Driver) -> list[str]:
    """The ``url`` of every article in the graph, sorted."""
    records = driver.execute_query("MATCH (a:Article) RETURN a").records
    return sorted(r["a"].get("url") for r in records)


def _queue(url: str) -> dict[str, int]:
    """The queue counts ``GET /stats/feeds`` shows."""
    body: dict[str, Any] = httpx.get(url + "/stats/feeds", timeout=10).json()
    return dict(body["queue"])


def test_serve_watch_polls_the_feed_loads_its_items_and_stops_cleanly(
    neo4j_clean: neo4j.Driver, api_settings: Settings, tmp_path: Path
) -> None:
    site = Site()
    site.pages["/talks"] = ("text/html", page("Talks in Istanbul", TALKS))
    site.pages["/sanctions"] = ("text/html", page("EU sanctions Iran", SANCTIONS))
    site.pages["/ceasefire"] = ("text/html", page("Ceasefire in Sudan", CEASEFIRE))
    with serve(site) as base:
        site.pages["/feed.xml"] = _feed(base, ["/talks", "/sanctions"])
        env = _watch_env(api_settings, tmp_path / "data", f"{base}/feed.xml", DEKG_LOG_LEVEL="INFO")
        server = start_server(env, closed_port(), tmp_path / "serve.log", 180, ("--watch",))
        try:

            def urls() -> list[str]:
                return _article_urls(neo4j_clean)

            def feeds() -> dict[str, Any]:
                body: dict[str, Any] = httpx.get(server.url + "/stats/feeds", timeout=10).json()
                return body

            first = [f"{base}/sanctions", f"{base}/talks"]
            _until(lambda: urls() == first, 240, f"not loaded: {urls()} {server.output()}")
            # A later poll brings a new item; the others are neither fetched nor loaded again.
            site.pages["/feed.xml"] = _feed(base, ["/talks", "/sanctions", "/ceasefire"])
            _until(lambda: len(urls()) == 3, 120, f"new item not loaded: {server.output()}")
            assert urls() == sorted([*first, f"{base}/ceasefire"])
            status = _until(
                lambda: (b := feeds())["queue"]["done"] == 3 and b, 60, "queue not done"
            )
            assert status["running"] is True and status["queue"]["failed"] == 0
            [feed] = status["feeds"]
            assert feed["url"] == f"{base}/feed.xml" and feed["total_new"] == 3
            assert feed["last_status"] in ("200", "304")
            assert site.statuses("/talks") == [200]  # fetched once, never again
            assert len(site.statuses("/feed.xml")) >= 3  # polled on its cadence
            events = neo4j_clean.execute_query("MATCH (e:Event) RETURN count(e) AS n")
            assert events.records[0]["n"] >= 2
        finally:
            began = time.monotonic()
            server.stop()  # SIGTERM: the lifespan stops the watcher and the consumer
            stopped_in = time.monotonic() - began
    # uvicorn shuts down gracefully, then re-raises the signal it caught: -SIGTERM, not a kill
    assert server.process.returncode in (0, -signal.SIGTERM), server.output()
    assert stopped_in < 15, f"shutdown took {stopped_in:.1f} s"
    log = server.output()
    assert "Traceback" not in log and "Application shutdown complete" in log, log
    assert "Finished server process" in log, log


def test_kill_9_in_the_middle_of_a_watch_then_a_restart_loses_and_duplicates_nothing(
    neo4j_clean: neo4j.Driver, api_settings: Settings, tmp_path: Path
) -> None:
    site = Site()
    texts = {"/talks": TALKS, "/sanctions": SANCTIONS, "/ceasefire": CEASEFIRE}
    for path, text in texts.items():
        site.pages[path] = ("text/html", page(path.strip("/").title(), text))
    with serve(site) as base:
        site.pages["/feed.xml"] = _feed(base, ["/talks"])
        env = _watch_env(api_settings, tmp_path / "data", f"{base}/feed.xml")
        port = closed_port()

        def urls() -> list[str]:
            return _article_urls(neo4j_clean)

        server = start_server(env, port, tmp_path / "serve-1.log", 180, ("--watch",))
        try:
            _until(lambda: urls() == [f"{base}/talks"], 240, f"not loaded: {server.output()}")
            # The next poll accepts and loads /sanctions, then hangs fetching /ceasefire:
            # kill -9 in the middle of that poll (its validators are not stored yet).
            site.hanging.add("/ceasefire")
            site.pages["/feed.xml"] = _feed(base, list(texts))
            middle = [f"{base}/sanctions", f"{base}/talks"]
            _until(lambda: urls() == middle, 240, f"never in the middle: {server.output()}")
            server.kill()
        finally:
            server.kill()
        assert urls() == middle and site.statuses("/ceasefire") == []
        site.hanging.clear()

        restarted = start_server(env, port, tmp_path / "serve-2.log", 180, ("--watch",))
        try:
            want = sorted(f"{base}{p}" for p in texts)
            _until(lambda: urls() == want, 240, f"not resumed: {restarted.output()}")
            done = _until(lambda: (q := _queue(restarted.url))["done"] == 3 and q, 60, "not done")
            assert done["failed"] == 0 and done["queued"] == 0 and done["running"] == 0
        finally:
            restarted.stop()
    # What was accepted before the kill is never fetched again; each article and report once.
    assert all(site.statuses(p) == [200] for p in texts), site.log
    assert urls() == want
    reports = neo4j_clean.execute_query(
        "MATCH (e:Event)-[r:REPORTED_IN]->(a:Article) "
        "RETURN count(r) AS reports, count(DISTINCT r.article_event_id) AS distinct_reports"
    ).records[0]
    assert reports["reports"] == reports["distinct_reports"] > 0
