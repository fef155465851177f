"""Opaque page cursors for ``GET /events``: the (date, id) keyset of the last event served."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json

from api.errors import InvalidParameter
from ingest import InputError, jsonsafe

#: Longest cursor accepted (the service's own are under 300 characters).
MAX_CURSOR_CHARS = 1000


def encode_cursor(date: dt.date, event_id: str) -> str:
    """URL-safe cursor for the keyset ``(date, event_id)``.

    Example:
        >>> decode_cursor(encode_cursor(dt.date(2021, 12, 2), "ev-1"))
        (datetime.date(2021, 12, 2), 'ev-1')
    """
    raw = json.dumps([date.isoformat(), event_id], separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> tuple[dt.date, str]:
    """The keyset of a cursor made by :func:`encode_cursor`.

    Raises:
        InvalidParameter: the cursor was not made by this service.
    """
    try:
        if len(cursor) > MAX_CURSOR_CHARS:
            raise ValueError("cursor too long")
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        date, event_id = jsonsafe.loads(raw.decode("utf-8"), max_depth=1)
        if not isinstance(event_id, str) or not isinstance(date, str):
            raise TypeError("cursor fields have the wrong types")
        return dt.date.fromisoformat(date), event_id
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError, InputError) as e:
        raise InvalidParameter(
            "cursor: not a cursor returned by this service (pass next_cursor as it is)"
        ) from e
