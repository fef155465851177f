"""Neo4j values to plain Python values, in one place.

* :func:`native`: what the readers return: Neo4j temporals as ``datetime`` values.
* :func:`plain`: what the projection and the exporters store: dates as ISO strings.
* :func:`jsonable`: anything a user's Cypher returns (nodes, paths, points …) as JSON data.
"""

from __future__ import annotations

import base64
import datetime as dt
import math
from collections.abc import Iterable, Mapping
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


def jsonable(value: Any) -> Any:
    """Any value a Cypher query returns, as JSON-safe data.

    Nodes, relationships and paths become maps (``element_id``, labels/type, properties);
    temporal values ISO strings; durations ISO 8601 durations; points maps with ``srid`` and
    coordinates; bytes base64; non-finite floats the strings ``"NaN"``, ``"Infinity"``,
    ``"-Infinity"`` (JSON has no such numbers).

    Example:
        >>> jsonable({"x": [1, float("nan")], "d": neo4j.time.Date(2021, 12, 2)})
        {'x': [1, 'NaN'], 'd': '2021-12-02'}
    """
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return value
    if isinstance(value, neo4j.graph.Node):
        return {
            "element_id": value.element_id,
            "labels": sorted(value.labels),
            "properties": jsonable(dict(value.items())),
        }
    if isinstance(value, neo4j.graph.Relationship):
        return {
            "element_id": value.element_id,
            "type": value.type,
            "start": value.start_node.element_id if value.start_node else None,
            "end": value.end_node.element_id if value.end_node else None,
            "properties": jsonable(dict(value.items())),
        }
    if isinstance(value, neo4j.graph.Path):
        return {
            "nodes": [jsonable(n) for n in value.nodes],
            "relationships": [jsonable(r) for r in value.relationships],
        }
    if isinstance(value, neo4j.spatial.Point):
        return {"srid": value.srid, "coordinates": [jsonable(c) for c in value]}
    if isinstance(value, neo4j.time.Duration | _TEMPORAL):
        return value.iso_format()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, Iterable):
        return [jsonable(v) for v in value]
    return str(value)
