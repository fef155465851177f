"""Which reader reads what: documents by kind (given or sniffed), files by suffix, directories."""

from __future__ import annotations

import datetime as dt
import gzip
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ingest import InputError
from ingest.readers.feeds import iter_feed
from ingest.readers.html import read_html
from ingest.readers.items import (
    MAX_DOCUMENT_BYTES,
    MAX_TEXT_BYTES,
    ReadItem,
    TooLarge,
    UnsupportedFormat,
    _item,
    decode,
)
from ingest.readers.records import iter_json, iter_jsonl_lines
from ingest.readers.text import read_text

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
