"""Canonical URLs and de-duplication keys of fetched articles."""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ingest.readers import content_id

#: Query parameters that track the reader, not the article.
TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "mc_cid", "mc_eid", "ref", "cmpid", "ocid", "smid", "taid"}
)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str) -> str:
    """One spelling per page: lower-case scheme and host, no default port, no fragment, no
    tracking parameters (``utm_*`` and :data:`TRACKING_PARAMS`), sorted query, no trailing
    slash on a non-root path.

    Example:
        >>> canonical_url("HTTPS://Example.org:443/news/a/?utm_source=x&b=2&a=1#top")
        'https://example.org/news/a?a=1&b=2'
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port is not None and parts.port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k.lower() not in TRACKING_PARAMS
    )
    path = parts.path or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    return urlunsplit((scheme, host, path, urlencode(query), ""))


def url_key(url: str) -> str:
    return "url:" + hashlib.sha256(canonical_url(url).encode("utf-8")).hexdigest()[:32]


def text_key(text: str) -> str:
    """The content key: the same text under two URLs (syndication) is one article."""
    return "text:" + content_id(text)


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()
