"""Neo4j values to plain Python values, in one place.

* :func:`native`: what the readers return: Neo4j temporals as ``datetime`` values.
* :func:`plain`: what the projection and the exporters store: dates as ISO strings.

(What a user's Cypher returns becomes JSON data in ``graph.console.jsonable``.)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import neo4j.graph
import neo4j.spatial
import neo4j.time

_PLAIN = frozenset({int, float, str, bool, type(None)})
_TEMPORAL = neo4j.time.Date | neo4j.time.DateTime | neo4j.time.Time


def native(value: Any) -> Any:
    """Neo4j temporal values to ``datetime`` values, recursively through lists and maps.

    Example:
        >>> native({"d": neo4j.time.Date(2021, 12, 2), "n": [1, 2]})
        {'d': datetime.date(2021, 12, 2), 'n': [1, 2]}
    """
    kind = type(value)
    if kind in _PLAIN:  # most values: skip the isinstance chain
        return value
    if kind is list:
        return [native(v) for v in value]
    if kind is dict:
        return {k: native(v) for k, v in value.items()}
    if isinstance(value, _TEMPORAL):
        return value.to_native()
    if isinstance(value, list):
        return [native(v) for v in value]
    if isinstance(value, dict):
        return {k: native(v) for k, v in value.items()}
    return value


def plain(value: Any) -> Any:
    """A JSON-ready value: dates (Python or Neo4j) as ISO strings, tuples and sets as lists.

    Example:
        >>> plain((dt.date(2021, 12, 2), neo4j.time.Date(2021, 12, 3)))
        ['2021-12-02', '2021-12-03']
    """
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, tuple | list | set | frozenset):
        return [plain(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool | dict):
        return value
    if isinstance(value, _TEMPORAL | neo4j.time.Duration):
        return value.iso_format()
    return str(value)
