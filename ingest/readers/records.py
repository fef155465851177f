"""JSON records: one article object or a list (``.json``), one object a line (``.jsonl``)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator

from ingest import InputError, jsonsafe
from ingest.dates import parse_published
from ingest.readers.items import (
    MAX_TEXT_BYTES,
    MalformedInput,
    ReadItem,
    _article,
    _item,
    _safe_id,
    _str_or_none,
    decode,
)
from ontology.model import Article


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
