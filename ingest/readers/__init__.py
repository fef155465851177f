"""Readers: files, feeds and request bodies → ``Article``s, one ``ReadItem`` per input item.

Supported: ``.txt``; ``.html``/``.htm`` (trafilatura strips boilerplate and reads the
metadata); ``.jsonl`` (optionally gzipped: one article a line); ``.json`` (one article object or
a list); RSS/Atom feeds (``.xml``, ``.rss``, ``.atom`` or sniffed; feedparser, one article per
entry). A bad item yields a ``ReadItem`` with an ``InputError`` and the batch goes on.

One module per input format (``text``, ``html``, ``records`` for JSON and JSONL, ``feeds``),
``items`` for what they share (``ReadItem``, the errors, decoding, the checked ``Article``) and
``files`` for which reader reads what (``read_bytes``, ``iter_items``). The public names are
re-exported here: callers write ``from ingest.readers import iter_items``.
"""

from __future__ import annotations

from ingest.readers.feeds import (
    feed_entry_article,
    iter_feed,
)
from ingest.readers.files import (
    KINDS,
    expand_paths,
    iter_items,
    read_bytes,
    sniff,
)
from ingest.readers.html import (
    fragment_text,
    read_html,
)
from ingest.readers.items import (
    MAX_DOCUMENT_BYTES,
    MAX_TEXT_BYTES,
    BinaryInput,
    EmptyInput,
    MalformedInput,
    ReadItem,
    TooLarge,
    UndecodableInput,
    UnsupportedFormat,
    content_id,
    decode,
)
from ingest.readers.records import (
    iter_json,
    iter_jsonl_lines,
)
from ingest.readers.text import (
    read_text,
    split_title,
)

__all__ = [
    "KINDS",
    "MAX_DOCUMENT_BYTES",
    "MAX_TEXT_BYTES",
    "BinaryInput",
    "EmptyInput",
    "MalformedInput",
    "ReadItem",
    "TooLarge",
    "UndecodableInput",
    "UnsupportedFormat",
    "content_id",
    "decode",
    "expand_paths",
    "feed_entry_article",
    "fragment_text",
    "iter_feed",
    "iter_items",
    "iter_json",
    "iter_jsonl_lines",
    "read_bytes",
    "read_html",
    "read_text",
    "sniff",
    "split_title",
]
