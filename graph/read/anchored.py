"""Reads anchored on given actors, filtered by the rest of a ``GraphFilter``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graph.filters import GraphFilter
from graph.session import Graph, Row


def read_anchored(
    graph: Graph,
    query: Callable[[frozenset[str]], str],
    flt: GraphFilter,
    what: str,
    **params: Any,
) -> list[Row]:
    """Run ``query(fields)`` for the fields ``flt`` sets besides its actors (the query's
    anchors, passed in ``params``, take their place), with ``flt``'s parameters."""
    flt = flt.model_copy(update={"actors": ()})
    return graph.read(query(flt.fields()), what, **flt.params(), **params)
