"""HTML pages (trafilatura's main text and metadata) and HTML fragments (feed summaries)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import lxml.html
import trafilatura
from lxml.etree import ParserError

from ingest.dates import parse_published
from ingest.readers.items import (
    _SPACE,
    EmptyInput,
    MalformedInput,
    _article,
    _safe_id,
    _str_or_none,
    _web_url,
)
from ontology.model import Article


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
