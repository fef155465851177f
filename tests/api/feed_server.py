"""A real local HTTP server for the watcher tests: feeds and pages from fixtures, with ETag /
Last-Modified answers, a request log, and paths that fail on purpose."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LAST_MODIFIED = "Tue, 01 Dec 2026 10:00:00 GMT"


@dataclass
class Site:
    """What the server answers: path → (content type, body); ``failing`` paths answer 500;
    requests for ``hanging`` paths wait until the path leaves the set, then the connection is
    dropped unanswered (and unlogged)."""

    pages: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    failing: set[str] = field(default_factory=set)
    hanging: set[str] = field(default_factory=set)
    log: list[tuple[str, int]] = field(default_factory=list)  # (path, status)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def etag(self, path: str) -> str:
        return f'"{hash(self.pages[path][1]) & 0xFFFFFFFF:x}"'

    def statuses(self, path: str) -> list[int]:
        with self.lock:
            return [status for p, status in self.log if p == path]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            del format, args

        def _answer(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
            with site.lock:
                site.log.append((self.path, status))
            self.send_response(status)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path in site.hanging:
                while path in site.hanging:
                    time.sleep(0.1)
                self.close_connection = True
                return
            if path in site.failing:
                self._answer(500, b"broken")
                return
            if path not in site.pages:
                self._answer(404, b"not found")
                return
            kind, body = site.pages[path]
            etag = site.etag(path)
            if self.headers.get("If-None-Match") == etag:
                self._answer(304, headers={"ETag": etag})
                return
            headers = {"Content-Type": kind, "ETag": etag, "Last-Modified": LAST_MODIFIED}
            self._answer(200, body, headers)

    return Handler


@contextmanager
def serve(site: Site, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve ``site`` on a free port of ``host``; yields the base URL."""
    server = ThreadingHTTPServer((host, 0), _handler(site))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def rss(title: str, items: list[dict[str, str]]) -> bytes:
    """An RSS 2.0 feed; an item may carry ``content`` (full text, content:encoded)."""
    parts = []
    for item in items:
        content = (
            f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>"
            if "content" in item
            else ""
        )
        date = item.get("date", "Thu, 10 Mar 2022 08:00:00 GMT")
        summary = item.get("summary", "A summary.")
        parts.append(
            f"<item><title>{item['title']}</title><link>{item['link']}</link>"
            f"<guid>{item['link']}</guid><pubDate>{date}</pubDate>"
            f"<description>{summary}</description>{content}</item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{title}</title><link>http://example.org/</link><description>d</description>"
        + "".join(parts)
        + "</channel></rss>"
    ).encode("utf-8")


def page(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}"
        "</article></body></html>"
    ).encode()
