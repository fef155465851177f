"""RSS and Atom feeds (feedparser): one article per entry, its content or its summary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import feedparser

from ingest.readers.html import fragment_text
from ingest.readers.items import (
    MalformedInput,
    ReadItem,
    _article,
    _item,
    _safe_id,
    _str_or_none,
    _web_url,
)
from ontology.model import Article


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def _entry_article(
    entry: Any, *, feed_title: str | None, source_path: str | None, published: dt.date | None
) -> Article:
    contents = entry.get("content") or []
    raw = contents[0].get("value", "") if contents else entry.get("summary", "")
    text = fragment_text(raw or "")
    return _article(
        ident=_safe_id(entry.get("id") or entry.get("link"), text),
        text=text,
        title=_str_or_none(entry.get("title")),
        url=_web_url(entry.get("link")),
        publisher=feed_title,
        published=_entry_date(entry) or published,
        source_path=source_path,
    )


def feed_entry_article(entry: Any, *, feed_title: str | None, source_path: str | None) -> Article:
    """The article a feed entry carries itself (its content, else its summary).

    Raises:
        InputError: the entry holds no usable text.
    """
    return _entry_article(entry, feed_title=feed_title, source_path=source_path, published=None)


def iter_feed(
    data: bytes, *, name: str, source_path: str | None = None, published: dt.date | None = None
) -> Iterator[ReadItem]:
    """An RSS or Atom feed: one item per entry."""
    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = parsed.get("bozo_exception")
        detail = f": {reason}" if reason else ""
        yield ReadItem(name, error=MalformedInput(f"not a feed or a feed without entries{detail}"))
        return
    feed_title = _str_or_none(parsed.feed.get("title"))
    for index, entry in enumerate(parsed.entries):
        label = f"{name}#{entry.get('id') or index}"
        yield _item(
            label,
            _entry_article,
            entry,
            feed_title=feed_title,
            source_path=source_path,
            published=published,
        )
