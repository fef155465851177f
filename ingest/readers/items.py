"""One input item and its errors, bytes to text, and the checked ``Article`` every reader builds."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import charset_normalizer
from pydantic import ValidationError

from ingest import InputError
from ingest.clean import detect_agency
from ontology.model import Article

#: Most text one article may have (5 MB); larger items get a "too large" error.
MAX_TEXT_BYTES = 5 * 1024 * 1024


#: Most bytes one feed or JSON document may have.
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024


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


def _item(label: str, build: Any, *args: Any, **kwargs: Any) -> ReadItem:
    try:
        return ReadItem(label, article=build(*args, **kwargs))
    except InputError as e:
        return ReadItem(label, error=e)


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


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _web_url(value: object) -> str | None:
    """A page's or feed entry's own link when it is http(s); others (javascript: …) dropped."""
    url = _str_or_none(value)
    return url if url and urlsplit(url.strip()).scheme.lower() in ("http", "https") else None
