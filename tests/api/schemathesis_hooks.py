"""Schemathesis hooks (``SCHEMATHESIS_HOOKS=tests.api.schemathesis_hooks``): besides the values
the schema allows, half the generated queries and JSON bodies carry hostile values (lone
surrogates, NUL, deep nesting, huge numbers) from ``tests.api.hostile_values``."""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import strategies as st

from tests.api.hostile_values import HOSTILE_STRINGS, HOSTILE_TEXT, HUGE_NUMBERS


def _nested(depth: int) -> Any:
    value: Any = 1
    for i in range(depth):
        value = [value] if i % 2 else {"a": value}
    return value


# json.dumps writes about 900 levels at most: deeper bodies are in test_api_fuzz_hostile.
BODY_VALUES = st.one_of(HOSTILE_STRINGS, HUGE_NUMBERS, st.sampled_from([70, 400]).map(_nested))
QUERY_VALUES = st.one_of(HOSTILE_TEXT, HUGE_NUMBERS.map(str))


def _poisoned(value: Any, leaves: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    if isinstance(value, dict) and value:
        return st.fixed_dictionaries({k: st.one_of(st.just(v), leaves) for k, v in value.items()})
    if isinstance(value, list) and value:
        return st.lists(st.one_of(st.sampled_from(value), leaves), min_size=1, max_size=3)
    return st.just(value)


@schemathesis.hook
def before_generate_query(context: Any, strategy: st.SearchStrategy[Any]) -> Any:
    return st.one_of(strategy, strategy.flatmap(lambda q: _poisoned(q, QUERY_VALUES)))


@schemathesis.hook
def before_generate_body(context: Any, strategy: st.SearchStrategy[Any]) -> Any:
    def poison(body: Any) -> Any:
        if isinstance(body, list) and body and isinstance(body[0], dict):
            return st.lists(
                st.sampled_from(body).flatmap(lambda b: _poisoned(b, BODY_VALUES)), min_size=1
            )
        return _poisoned(body, BODY_VALUES)

    return st.one_of(strategy, strategy.flatmap(poison))
