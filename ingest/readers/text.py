"""Plain-text articles: an optional publisher line, the title line, the body."""

from __future__ import annotations

import datetime as dt

from ingest.readers.items import _article, _safe_id
from ontology.model import Article

_PUBLISHER_TEXT = (
    "mail times post news herald guardian journal tribune telegraph gazette reuters press "
    "daily observer independent chronicle express star today weekly agency monitor review "
    "standard record courier sun insider politico bbc cnn voa afp ap tass xinhua al jazeera "
    "nation hindu dawn mirror economist"
)


_PUBLISHER_WORDS = frozenset(_PUBLISHER_TEXT.split())


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
