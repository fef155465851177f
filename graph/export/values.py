"""Helpers the exporters share: node kinds, text streams, attributes (values: ``graph.values``)."""

from __future__ import annotations

import io
import json
import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any, BinaryIO

import networkx as nx

from graph.values import plain
from ontology.model import ActorKind
from ontology.rdf import actor_kind_of

_ACTOR_KINDS = frozenset(k.value for k in ActorKind)


def type_name(value: Any) -> str | None:
    """A scalar's type as Neo4j's CSV import and GraphML name it; ``None`` for the others.

    Example:
        >>> [type_name(v) for v in (True, 3, 0.5, "x")]
        ['boolean', 'long', 'double', None]
    """
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    return None


def node_kind(attrs: dict[str, Any]) -> str:
    """The projection kind of a node (``Event``, ``Actor``, ``Place``, ``Article``)."""
    return str(attrs.get("kind", ""))


def actor_kind(attrs: dict[str, Any]) -> ActorKind:
    """The actor kind of an actor node.

    The projection's ``kind`` attribute names the node kind; the actor kind is read from
    ``actor_kind`` when present, else from the id prefix (``state:RUS`` → state).
    """
    explicit = attrs.get("actor_kind")
    if isinstance(explicit, str) and explicit in _ACTOR_KINDS:
        return ActorKind(explicit)
    return actor_kind_of(str(attrs["id"]))


def scalar(value: Any) -> str | int | float | bool:
    """A value an XML attribute can hold: lists become JSON arrays, dates ISO strings."""
    value = plain(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str | int | float | bool):
        return value
    return str(value)


def attributes(
    data: dict[str, Any], skip: frozenset[str] = frozenset()
) -> Iterator[tuple[str, Any]]:
    """``(name, value)`` of the attributes to export: ``None`` and skipped names dropped."""
    for name, value in data.items():
        if value is None or name in skip:
            continue
        if isinstance(value, float) and math.isnan(value):
            continue
        yield name, value


def dumps(value: Any) -> str:
    """Compact JSON of one element, non-ASCII kept."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=plain)


@contextmanager
def text_stream(fp: BinaryIO) -> Iterator[IO[str]]:
    """A buffered UTF-8 text view of a binary file object; ``fp`` stays open afterwards."""
    text = io.TextIOWrapper(fp, encoding="utf-8", newline="", write_through=False)
    try:
        yield text
    finally:
        text.flush()
        text.detach()


def edges(graph: nx.MultiDiGraph) -> Iterator[tuple[Any, Any, str, dict[str, Any]]]:
    """``(u, v, rel, data)`` of every edge; ``rel`` from the data, else the key."""
    for u, v, key, data in graph.edges(keys=True, data=True):
        yield u, v, str(data.get("rel", key)), data
