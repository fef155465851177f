"""Readers: files, feeds and request bodies → ``Article``s, one ``ReadItem`` per input item.

Supported: ``.txt``; ``.html``/``.htm`` (trafilatura strips boilerplate and reads the
metadata); ``.jsonl`` (optionally gzipped: one article a line); ``.json`` (one article object or
a list); RSS/Atom feeds (``.xml``, ``.rss``, ``.atom`` or sniffed; feedparser, one article per
entry). A bad item yields a ``ReadItem`` with an ``InputError`` and the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import charset_normalizer
import feedparser
import lxml.html
import trafilatura
from lxml.etree import ParserError
from pydantic import ValidationError

from ingest import InputError, jsonsafe
from ingest.clean import detect_agency
from ingest.dates import parse_published
from ontology.model import Article

#: Most text one article may have (5 MB); larger items get a "too large" error.
MAX_TEXT_BYTES = 5 * 1024 * 1024
#: Most bytes one feed or JSON document may have.
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
KINDS = ("txt", "html", "jsonl", "json", "feed")
_SUFFIX_KINDS = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
_PUBLISHER_TEXT = (
    "mail times post news herald guardian journal tribune telegraph gazette reuters press "
    "daily observer independent chronicle express star today weekly agency monitor review "
    "standard record courier sun insider politico bbc cnn voa afp ap tass xinhua al jazeera "
    "nation hindu dawn mirror economist"
)
_PUBLISHER_WORDS = frozenset(_PUBLISHER_TEXT.split())
_SPACE = re.compile(r"\s+")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


class EmptyInput(InputError):
    """The item has no text."""


class BinaryInput(InputError):
    """The item is binary data, not text."""


class UndecodableInput(InputError):
    """The bytes are in no text encoding that can be detected."""


class TooLarge(InputError):
    """The item is larger than the limit."""


class MalformedInput(InputError):
    """The item is not valid for its format (bad JSON line, broken feed or HTML)."""


class UnsupportedFormat(InputError):
    """The file is of a kind dekg does not read."""


@dataclass(frozen=True, slots=True)
class ReadItem:
    """One input item: its label (path, path:line or entry) and its article or its error."""

    label: str
    article: Article | None = None
    error: InputError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def content_id(text: str) -> str:
    """A stable id for text without a name: sha256 of the NFC, whitespace-collapsed text."""
    normal = _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


def _safe_id(value: object, text: str) -> str:
    ident = str(value).strip() if value is not None else ""
    if not ident:
        return content_id(text)
    return ident if len(ident) <= 200 else hashlib.sha256(ident.encode()).hexdigest()[:16]


def decode(data: bytes, *, limit: int = MAX_TEXT_BYTES) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else a detected charset.

    Raises:
        EmptyInput, TooLarge, BinaryInput, UndecodableInput.
    """
    if len(data) > limit:
        raise TooLarge(f"too large: {len(data):,} bytes (limit {limit:,} bytes of text)")
    if not data.strip():
        raise EmptyInput("empty input: no text")
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _text_or_binary(data.decode(codec))
            except UnicodeDecodeError as e:
                raise UndecodableInput(f"not valid {codec} text: {e.reason}") from e
    try:
        return _text_or_binary(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise BinaryInput("not text: binary data or an unknown encoding")
    return _text_or_binary(str(best))


def _text_or_binary(text: str) -> str:
    controls = len(_CONTROLS.findall(text))
    if "\x00" in text or controls > max(8, len(text) // 100):
        raise BinaryInput("not text: binary data (NUL or control bytes)")
    if not text.strip():
        raise EmptyInput("empty input: no text")
    return text


def _check_text(text: str, limit: int) -> str:
    if len(text.encode("utf-8", "surrogatepass")) > limit:
        raise TooLarge(f"too large: article text over the limit of {limit:,} bytes")
    if not text.strip():
        raise EmptyInput("empty input: the article has no text")
    return text


def _is_publisher_line(line: str, next_line: str | None) -> bool:
    """ "Cyprus Mail" above a headline: a short name line ending in a newspaper word."""
    words = line.split()
    return (
        next_line is not None
        and 1 <= len(words) <= 4
        and len(line) <= 40
        and len(next_line) > len(line)
        and line[-1].isalnum()
        and words[-1].lower() in _PUBLISHER_WORDS
        and all(w[0].isupper() for w in words if w[0].isalpha())
    )


def split_title(text: str) -> tuple[str | None, str | None, str]:
    """Publisher line, title and body of a plain-text article.

    The title is the first non-empty line; when that line is a publisher name such as "Cyprus
    Mail" followed by a headline, it is the publisher and the next line is the title. The title
    is taken out of the body unless the text is a single paragraph or the line is a sentence.
    """
    lines = text.strip().split("\n")
    non_empty = [i for i, line in enumerate(lines) if line.strip()]
    if not non_empty:
        return None, None, text
    publisher = None
    first = non_empty[0]
    following = lines[non_empty[1]].strip() if len(non_empty) > 1 else None
    if _is_publisher_line(lines[first].strip(), following):
        publisher = lines[first].strip()
        non_empty = non_empty[1:]
        first = non_empty[0]
    title = lines[first].strip()
    headline = len(non_empty) > 1 and len(title) <= 300 and not title.endswith(".")
    body_start = first + 1 if headline else first
    body = "\n".join(lines[body_start:]).strip()
    return publisher, title[:300], body


def _article(
    *,
    ident: str,
    text: str,
    title: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    published: dt.date | None = None,
    captions: tuple[str, ...] = (),
    source_path: str | None = None,
    language: str | None = None,
    limit: int = MAX_TEXT_BYTES,
) -> Article:
    text = _check_text(text, limit)
    if url and urlsplit(url.strip()).scheme.lower() not in ("http", "https"):
        raise MalformedInput(f"invalid article: the url must be http(s), not {url[:40]!r}")
    try:
        return Article(
            id=ident,
            text=text,
            title=title or None,
            url=url or None,
            publisher=publisher or None,
            agency=detect_agency(text + "\n" + "\n".join(captions), url, publisher),
            published=published,
            language=language,
            captions=captions,
            source_path=source_path,
        )
    except ValidationError as e:
        raise MalformedInput(f"invalid article: {e.errors()[0]['msg']}") from e


def read_text(
    text: str, *, name: str, source_path: str | None = None, published: dt.date | None = None
) -> Article:
    """A plain-text article; ``name`` (the file stem) is its id."""
    publisher, title, body = split_title(text)
    return _article(
        ident=_safe_id(name, text),
        text=body,
        title=title,
        publisher=publisher,
        published=published,
        source_path=source_path,
    )


def _captions_of(tree: lxml.html.HtmlElement) -> tuple[str, ...]:
    found = (_SPACE.sub(" ", el.text_content()).strip() for el in tree.iter("figcaption"))
    return tuple(dict.fromkeys(c for c in found if c))


def read_html(
    html: str, *, name: str, source_path: str | None = None, published: dt.date | None = None
) -> Article:
    """An HTML page: trafilatura's main text and metadata, ``<figcaption>``s as captions."""
    try:
        tree = lxml.html.document_fromstring(html)
    except (ParserError, ValueError) as e:
        raise MalformedInput(f"malformed HTML: {e}") from e
    captions = _captions_of(tree)
    for caption in tree.xpath("//figcaption"):
        caption.drop_tree()
    found = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, include_tables=False, as_dict=True
    )
    document: dict[str, Any] = found if isinstance(found, dict) else {}
    text = document.get("text") or ""
    if not text.strip():
        raise EmptyInput("empty input: no article text found in the HTML")
    title = _str_or_none(document.get("title"))
    first, _, rest = text.partition("\n")
    if title and first.strip() == title.strip() and rest.strip():
        text = rest  # trafilatura keeps the <h1> headline as the first line
    meta_date = published
    if meta_date is None and document.get("date"):
        try:
            meta_date = parse_published(str(document["date"]))
        except ValueError:
            meta_date = None
    return _article(
        ident=_safe_id(name, text),
        text=text,
        title=title,
        url=_web_url(document.get("url")),
        publisher=_str_or_none(document.get("sitename")),
        published=meta_date,
        captions=captions,
        source_path=source_path,
    )


def fragment_text(html: str) -> str:
    """Text of an HTML fragment (a feed summary), one paragraph per block element."""
    if "<" not in html:
        return html
    try:
        tree = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", html)
    for block in tree.iter("p", "div", "br", "li", "h1", "h2", "h3", "h4", "blockquote"):
        block.tail = "\n\n" + (block.tail or "")
    return str(tree.text_content()).strip()


def _record_article(
    record: object, *, where: str, source_path: str | None, published: dt.date | None
) -> Article:
    if not isinstance(record, dict):
        raise MalformedInput(f"{where}: expected a JSON object with a 'text' field")
    text = record.get("text")
    if not isinstance(text, str):
        raise MalformedInput(f"{where}: missing or non-string 'text' field")
    raw_date = record.get("published", record.get("date"))
    try:
        when = parse_published(raw_date) if isinstance(raw_date, str) else None
    except ValueError as e:
        raise MalformedInput(f"{where}: invalid published date {raw_date!r}") from e
    title = record.get("title")
    return _article(
        ident=_safe_id(record.get("id"), text),
        text=text,
        title=title if isinstance(title, str) else None,
        url=_str_or_none(record.get("url")),
        publisher=_str_or_none(record.get("publisher")),
        published=when or published,
        language=_str_or_none(record.get("language")),
        source_path=source_path,
    )


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _web_url(value: object) -> str | None:
    """A page's or feed entry's own link when it is http(s); others (javascript: …) dropped."""
    url = _str_or_none(value)
    return url if url and urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


def _item(label: str, build: Any, *args: Any, **kwargs: Any) -> ReadItem:
    try:
        return ReadItem(label, article=build(*args, **kwargs))
    except InputError as e:
        return ReadItem(label, error=e)


def iter_jsonl_lines(
    lines: Iterable[bytes],
    *,
    name: str,
    source_path: str | None = None,
    published: dt.date | None = None,
    limit: int = MAX_TEXT_BYTES,
) -> Iterator[ReadItem]:
    """One item per non-empty line; a bad line names its line number and the rest go on."""
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        label = f"{name}:{number}"
        try:
            record = jsonsafe.loads(decode(raw, limit=limit))
        except InputError as e:
            yield ReadItem(label, error=type(e)(f"line {number}: {e}"))
            continue
        except json.JSONDecodeError as e:
            yield ReadItem(label, error=MalformedInput(f"line {number}: malformed JSON: {e.msg}"))
            continue
        yield _item(
            label,
            _record_article,
            record,
            where=f"line {number}",
            source_path=source_path,
            published=published,
        )


def iter_json(
    text: str, *, name: str, source_path: str | None = None, published: dt.date | None = None
) -> Iterator[ReadItem]:
    """A JSON document: one article object, or a list of them."""
    try:
        data = jsonsafe.loads(text)
    except json.JSONDecodeError as e:
        yield ReadItem(name, error=MalformedInput(f"malformed JSON: {e.msg} (line {e.lineno})"))
        return
    except InputError as e:
        yield ReadItem(name, error=e)
        return
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records):
        label = name if len(records) == 1 else f"{name}[{index}]"
        yield _item(
            label,
            _record_article,
            record,
            where=label,
            source_path=source_path,
            published=published,
        )


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


def sniff(data: bytes) -> str:
    """The kind of a document from its first bytes: feed, html, json, or txt."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")) and re.search(
        rb"<(rss|feed|rdf:rdf)\b", head
    ):
        return "feed"
    if head.startswith(
        (b"<!doctype html", b"<html", b"<head", b"<body", b"<div", b"<p", b"<article")
    ):
        return "html"
    if head.startswith((b"{", b"[")):
        return "json"
    return "txt"


def read_bytes(
    data: bytes,
    *,
    kind: str | None,
    name: str,
    source_path: str | None = None,
    published: dt.date | None = None,
    limit: int = MAX_TEXT_BYTES,
) -> list[ReadItem]:
    """Articles from an in-memory document (an HTTP body or a file's bytes).

    Args:
        data: the raw bytes.
        kind: "txt", "html", "json", "jsonl" or "feed"; ``None`` sniffs it.
        name: the item's name: the id of a single article (a file stem), and the label.
        published: the publication date for items that carry none.
        limit: the most bytes of text one article may have.
    """
    kind = kind or sniff(data)
    if kind not in KINDS:
        return [ReadItem(name, error=UnsupportedFormat(f"unsupported input kind: {kind!r}"))]
    if kind == "jsonl":
        return list(
            iter_jsonl_lines(
                data.splitlines(),
                name=name,
                source_path=source_path,
                published=published,
                limit=limit,
            )
        )
    if kind == "feed":
        if len(data) > MAX_DOCUMENT_BYTES:
            return [ReadItem(name, error=TooLarge(f"too large: {len(data):,} bytes"))]
        return list(iter_feed(data, name=name, source_path=source_path, published=published))
    try:
        text = decode(data, limit=MAX_DOCUMENT_BYTES if kind == "json" else limit)
    except InputError as e:
        return [ReadItem(name, error=e)]
    if kind == "json":
        return list(iter_json(text, name=name, source_path=source_path, published=published))
    build = read_html if kind == "html" else read_text
    return [_item(name, build, text, name=name, source_path=source_path, published=published)]


def _kind_of(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes[-2:] == [".jsonl", ".gz"]:
        return "jsonl.gz"
    return _SUFFIX_KINDS.get(suffixes[-1]) if suffixes else None


def _expand(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and _kind_of(p))
        else:
            yield path


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """The files ``iter_items`` reads, in its order (directories searched recursively)."""
    return list(_expand(paths))


def _read_path(path: Path, published: dt.date | None, limit: int) -> Iterator[ReadItem]:
    label = str(path)
    kind = _kind_of(path)
    if kind in ("jsonl", "jsonl.gz"):
        opener = gzip.open if kind == "jsonl.gz" else open
        try:
            with opener(path, "rb") as handle:
                yield from iter_jsonl_lines(
                    handle, name=label, source_path=label, published=published, limit=limit
                )
        except (OSError, EOFError) as e:
            yield ReadItem(label, error=InputError(f"cannot read {label}: {e}"))
        return
    try:
        size = path.stat().st_size
        if kind != "feed" and size > limit:
            yield ReadItem(
                label,
                error=TooLarge(
                    f"too large: {size:,} bytes (limit {limit:,} bytes of text per article)"
                ),
            )
            return
        data = path.read_bytes()
    except OSError as e:
        yield ReadItem(label, error=InputError(f"cannot read {label}: {e.strerror or e}"))
        return
    for item in read_bytes(
        data, kind=kind, name=path.stem, source_path=label, published=published, limit=limit
    ):
        # Items of a whole-file document are labelled by the path, others keep their suffix.
        yield ReadItem(label + item.label[len(path.stem) :], item.article, item.error)


def iter_items(
    paths: Iterable[Path], *, published: dt.date | None = None, limit: int = MAX_TEXT_BYTES
) -> Iterator[ReadItem]:
    """Every article in the given files and directories, in order, one ``ReadItem`` each.

    Args:
        paths: files, or directories (searched recursively for readable files).
        published: the publication date for articles that carry none of their own.
        limit: the most bytes of text one article may have.
    """
    for path in _expand(paths):
        yield from _read_path(path, published, limit)
