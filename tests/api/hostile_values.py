"""Hypothesis strategies for hostile values: lone surrogates, NUL, deep nesting, huge numbers.

Shared by the in-process fuzz test (``test_api_fuzz_hostile.py``) and the schemathesis run
(``schemathesis_hooks.py``).
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

#: Strings that broke or could break a layer: surrogates, NUL, control bytes, odd numbers.
HOSTILE_STRINGS = st.sampled_from(
    [
        "\ud800",
        "a\udfffb",
        "\udc00\ud800",
        "\x00",
        "x\x00y",
        "\x1b[31m\x07",
        "\u202e\ufeff",
        "9" * 400,
        "-1e309",
        "1e999999",
        "NaN",
        "Infinity",
        "-0",
        "0x7fffffffffffffff",
        "state:\x00RUS",
        "' OR 1=1 //",
        "`) DETACH DELETE n //",
        "$(x)",
        "%00",
        "%ED%A0%80",
        "../../etc/passwd",
        "javascript:alert(1)",
        "😀" * 50,
        "a" * 5000,
    ]
)
#: The same, encodable as UTF-8 (query strings and paths cannot carry a lone surrogate).
HOSTILE_TEXT = HOSTILE_STRINGS.filter(lambda s: not any(0xD800 <= ord(c) <= 0xDFFF for c in s))
HUGE_NUMBERS = st.sampled_from(
    [10**30, -(10**30), 2**63, -(2**63) - 1, 1e308, -1e308, 5e-324, 10**400]
)


class RawJson(str):
    """JSON text put into a body as it is (too deep for ``json.dumps`` to write)."""


def deep(depth: int) -> RawJson:
    return RawJson('{"a": [' * depth + "1" + "]}" * depth)


DEEP_VALUES = st.sampled_from([40, 500, 100_000]).map(deep)
HOSTILE_JSON = st.one_of(HOSTILE_STRINGS, HUGE_NUMBERS, DEEP_VALUES)


def dumps(value: Any) -> str:
    """``json.dumps`` (ASCII: surrogates as \\u escapes), with ``RawJson`` values as they are."""
    raws: list[str] = []

    def mark(v: Any) -> Any:
        if isinstance(v, RawJson):
            raws.append(str(v))
            return f"@@raw{len(raws) - 1}@@"
        if isinstance(v, dict):
            return {k: mark(x) for k, x in v.items()}
        if isinstance(v, list):
            return [mark(x) for x in v]
        return v

    text = json.dumps(mark(value))
    for i, raw in enumerate(raws):
        text = text.replace(f'"@@raw{i}@@"', raw)
    return text
