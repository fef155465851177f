"""Article cleaning: the story body apart from captions, credits, bylines and site navigation.

``clean_article`` returns an ``Article`` whose ``text`` is the cleaned body (evidence offsets
refer to it) and whose ``captions`` hold the photo captions, each kept whole with its date and
credit. It is idempotent: cleaning a cleaned article changes nothing.
"""

from __future__ import annotations

import re
import unicodedata

from ontology.model import Article

# Agencies recognised in credits and datelines, with their canonical names.
_AGENCIES: dict[str, str] = {
    "reuters": "Reuters",
    "ap": "AP",
    "associated press": "AP",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "voa": "VOA",
    "voice of america": "VOA",
    "dpa": "dpa",
    "xinhua": "Xinhua",
    "tass": "TASS",
    "bloomberg": "Bloomberg",
    "upi": "UPI",
    "ansa": "ANSA",
    "efe": "EFE",
    "kyodo": "Kyodo",
    "yonhap": "Yonhap",
    "anadolu": "Anadolu",
}
_AGENCY_DOMAINS: dict[str, str] = {
    "reuters.com": "Reuters",
    "apnews.com": "AP",
    "afp.com": "AFP",
    "voanews.com": "VOA",
    "xinhuanet.com": "Xinhua",
    "tass.com": "TASS",
    "bloomberg.com": "Bloomberg",
    "upi.com": "UPI",
}
_AGENCY_NAMES = "|".join(sorted((re.escape(k) for k in _AGENCIES), key=len, reverse=True))
# Upper-case only: "Reuters/Ipsos poll" in a story is not a photo credit.
_CREDIT_AGENCIES = r"REUTERS|AFP|AP Photo|AP|EPA-EFE|EPA|ANADOLU|TASS|SPUTNIK|DPA|XINHUA|UPI"

# "MOSCOW, Dec 2 (Reuters) -", "WASHINGTON (AP) —"
_DATELINE_AGENCY = re.compile(rf"\((?P<agency>{_AGENCY_NAMES})\)\s*[-–—]", re.IGNORECASE)
# "REUTERS/Alexander Ermochenko", "AFP/File", "(AP Photo/Efrem Lukatsky)"
_CREDIT = re.compile(
    rf"\(?\b(?P<agency>{_CREDIT_AGENCIES})\s?/\s?(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}})"
    r"(?:\s?/\s?File(?: Photo)?)?\)?\.?"
)
_CAPTION_END = re.compile(rf"{_CREDIT.pattern}\s*$")
_PHOTO_PAREN = re.compile(
    r"\((?:Photo|Image|Picture|Pictured|File photo|Credit)\b[^)]{0,120}\)\.?\s*$", re.IGNORECASE
)
_CAPTION_START = re.compile(
    r"^(?:FILE PHOTO|File photo|Photo|Pictured|Image|Caption)\s*[:\-–—]\s*\S", re.IGNORECASE
)
_BYLINE = re.compile(
    r"^(?:By|BY)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})*"
    r"(?:\s*[,|]\s*[\w .'’-]{0,60})?$"
)
_CREDIT_LINE = re.compile(
    r"^\(?(?:(?:Additional\s+)?Reporting|Editing|Writing|Compiled|Edited|Written|Produced)"
    r"\s+by\b[^\n]*$",
    re.IGNORECASE,
)
_CREDIT_TAIL = re.compile(
    r"\s*\((?:(?:Additional\s+)?Reporting|Editing|Writing|Compiled)\s+by\b[^()]*\)\s*$",
    re.IGNORECASE,
)
_NAV_HEADING = re.compile(
    r"^(?:Related(?:\s+(?:Posts|Articles|Stories|News|Content|Coverage|Topics))?|Read more|"
    r"Read also|Also read|See also|More from [\w .'-]+|More stories|More news|Recommended"
    r"(?: for you)?|You may also like|You might also like|Most read|Most popular|Trending|"
    r"Latest news|Latest stories|Top stories|Further reading)\s*:?\s*$",
    re.IGNORECASE,
)
_READ_MORE_LINE = re.compile(
    r"^(?:Read more|Read also|Also read|See also|Related)\s*:\s*\S.*$", re.IGNORECASE
)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MANY_NEWLINES = re.compile(r"\n{3,}")
_SENTENCE_END = re.compile(r"[.!?…][\"”’)]?$")


def normalise_text(text: str) -> str:
    """NFC, one kind of newline and space, no control or invisible characters."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(" ", text.translate(_INVISIBLE))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _MANY_NEWLINES.sub("\n\n", "\n".join(lines)).strip()


def detect_agency(text: str, url: str | None = None, publisher: str | None = None) -> str | None:
    """The news agency behind a story, from its dateline, photo credits, publisher or URL.

    >>> detect_agency("MOSCOW, Dec 2 (Reuters) - Russia said ...")
    'Reuters'
    """
    match = _DATELINE_AGENCY.search(text[:400])
    if match:
        return _AGENCIES[match.group("agency").lower()]
    if publisher and publisher.strip().lower() in _AGENCIES:
        return _AGENCIES[publisher.strip().lower()]
    if url:
        for domain, agency in _AGENCY_DOMAINS.items():
            if domain in url.lower():
                return agency
    credit = _CREDIT.search(text)
    if credit:
        name = credit.group("agency").split()[0].lower()
        return _AGENCIES.get(name)
    return None


def is_caption(line: str) -> bool:
    """A photo caption: a line ending in a photo credit, or a "File photo:" style line."""
    return bool(
        _CAPTION_END.search(line) or _PHOTO_PAREN.search(line) or _CAPTION_START.match(line)
    )


def _is_alt_text(line: str) -> bool:
    """An all-lower-case line such as the image alt text some sites print above a caption."""
    return (
        line.strip() != ""
        and not any(ch.isupper() for ch in line)
        and not _SENTENCE_END.search(line)
    )


def _is_navigation_tail(lines: list[str]) -> bool:
    """What follows a "Related Posts" heading: short headline or agency lines, not prose."""
    rest = [line for line in lines if line.strip()]
    if not rest:
        return True
    short = sum(1 for line in rest if len(line) <= 160 and not _SENTENCE_END.search(line))
    return short / len(rest) >= 0.6


def _drop_navigation(lines: list[str]) -> list[str]:
    for i, line in enumerate(lines):
        if _NAV_HEADING.match(line) and _is_navigation_tail(lines[i + 1 :]):
            lines = lines[:i]
            break
    return [line for line in lines if not _READ_MORE_LINE.match(line)]


def _is_byline(line: str) -> bool:
    return bool(_BYLINE.match(line) or _CREDIT_LINE.match(line))


def _split_captions(lines: list[str]) -> tuple[list[str], list[str]]:
    body: list[str] = []
    captions: list[str] = []
    for line in lines:
        if line and is_caption(line):
            while body and body[-1] == "":
                body.pop()
            if body and _is_alt_text(body[-1]):
                body.pop()  # the lower-case alt text repeating the caption
            captions.append(line)
            continue
        body.append(line)
    return body, captions


def _strip_credits(line: str) -> str:
    line = _CREDIT_TAIL.sub("", line)
    return _CREDIT.sub("", line).strip() if _CREDIT.search(line) else line


def clean_text(text: str) -> tuple[str, list[str]]:
    """The cleaned body and the captions found in ``text``."""
    lines = normalise_text(text).split("\n")
    lines = _drop_navigation(lines)
    body, captions = _split_captions(lines)
    kept = [_strip_credits(line) for line in body if not _is_byline(line)]
    cleaned = _MANY_NEWLINES.sub("\n\n", "\n".join(kept)).strip()
    return cleaned, captions


def clean_article(article: Article) -> Article:
    """The article with a clean body, its captions apart, and its agency when detectable."""
    agency = article.agency or detect_agency(article.text, article.url, article.publisher)
    text, captions = clean_text(article.text)
    merged = tuple(dict.fromkeys([*(normalise_text(c) for c in article.captions), *captions]))
    title = normalise_text(article.title) if article.title else article.title
    return article.model_copy(
        update={"text": text, "captions": merged, "agency": agency, "title": title or None}
    )
