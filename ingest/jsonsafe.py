"""JSON from outside, read safely: a nesting limit and no lone surrogates.

``json.loads`` recurses once per nesting level (a 200,000-deep list is a ``RecursionError``),
and accepts ``"\\ud800"``, a string Python can hold but neither UTF-8 nor Neo4j can. Both are
checked on the raw text before and after parsing, so every caller refuses them the same way.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ingest import InputError

#: Deepest nesting of lists and objects accepted in a JSON document from outside.
MAX_JSON_DEPTH = 64

_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")
# An escape \uD800-\uDBFF with its \uDC00-\uDFFF partner or without, or a \uDC00-\uDFFF on
# its own; the run of backslashes before the u must be odd (an even run is escaped backslashes).
_SURROGATE = re.compile(
    rb"(?<!\\)(?:\\\\)*\\u(?P<high>[dD][89abAB][0-9a-fA-F]{2})"
    rb"(?P<low>\\u[dD][c-fC-F][0-9a-fA-F]{2})?"
    rb"|(?<!\\)(?:\\\\)*\\u(?P<lone>[dD][c-fC-F][0-9a-fA-F]{2})"
)
_RAW_SURROGATE = re.compile("[\ud800-\udfff]")


class JsonRefused(InputError):
    """JSON nested too deeply, or holding a lone surrogate."""


def depth(data: bytes) -> int:
    """The deepest nesting of ``[`` and ``{`` outside strings (malformed text: an estimate).

    Example:
        >>> depth(b'{"a": [[1], "[[["]}')
        3
    """
    deepest = level = 0
    for match in _BRACKET.finditer(_STRING.sub(b'""', data)):
        if match[0] in (b"[", b"{"):
            level += 1
            deepest = max(deepest, level)
        else:
            level -= 1
    return deepest


def has_lone_surrogate(data: bytes) -> bool:
    """True when the JSON text escapes a UTF-16 surrogate that has no partner.

    Example:
        >>> has_lone_surrogate(rb'"\\ud800"'), has_lone_surrogate(rb'"\\ud83d\\ude00"')
        (True, False)
    """
    return any(m["lone"] is not None or m["low"] is None for m in _SURROGATE.finditer(data))


def check(data: bytes, *, max_depth: int = MAX_JSON_DEPTH) -> None:
    """Raise ``JsonRefused`` when ``data`` nests deeper than ``max_depth`` or escapes a lone
    surrogate."""
    if depth(data) > max_depth:
        raise JsonRefused(f"JSON nested deeper than {max_depth} levels")
    if has_lone_surrogate(data):
        raise JsonRefused(
            "JSON holds a lone UTF-16 surrogate escape (such as \\ud800), which is not text"
        )


def loads(text: str | bytes, *, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """``json.loads`` after :func:`check`.

    Raises:
        JsonRefused: too deep, or a lone surrogate.
        json.JSONDecodeError: not JSON.
    """
    if isinstance(text, str) and _RAW_SURROGATE.search(text):
        raise JsonRefused("JSON holds a lone UTF-16 surrogate, which is not text")
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    check(data, max_depth=max_depth)
    return json.loads(text)
