"""Request bodies as the readers want them: a declared ``charset`` honoured.

A ``text/plain; charset=iso-8859-1`` body is decoded with that charset and handed on as
UTF-8 (the readers would otherwise guess, and latin-1 came out as mojibake). An unknown
charset, or bytes that are not in it, is a 422.
"""

from __future__ import annotations

import codecs
from email.message import Message

from api.errors import InvalidParameter


def declared_charset(content_type: str) -> str | None:
    """The ``charset`` parameter of a Content-Type header, lower case.

    Example:
        >>> declared_charset('text/plain; charset="ISO-8859-1"')
        'iso-8859-1'
    """
    message = Message()
    message["content-type"] = content_type
    charset = message.get_param("charset")
    return str(charset).strip().lower() if isinstance(charset, str) and charset.strip() else None


def as_utf8(data: bytes, content_type: str) -> bytes:
    """``data`` re-encoded as UTF-8 when the header declares another charset.

    Raises:
        InvalidParameter: an unknown charset, or bytes that are not text in it.
    """
    charset = declared_charset(content_type)
    if charset is None:
        return data
    try:
        codec = codecs.lookup(charset)
    except LookupError as e:
        raise InvalidParameter(f"content type: unknown charset {charset!r}") from e
    if codec.name == "utf-8":
        return data
    try:
        return data.decode(codec.name).encode("utf-8")
    except UnicodeDecodeError as e:
        raise InvalidParameter(f"body: not valid {charset} text ({e.reason})") from e
