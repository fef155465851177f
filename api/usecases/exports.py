"""Export the filtered graph in one of the registered formats (``graph.export.FORMATS``)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import BinaryIO

import networkx as nx

from graph.export import FORMATS
from graph.filters import GraphFilter
from graph.project import project
from graph.session import Graph

#: The export formats by name, from the registry (the CLI's ``--format``, the API's ``format``).
ExportName = StrEnum("ExportName", {name: name for name in FORMATS})  # type: ignore[misc]


@dataclass(frozen=True, slots=True)
class Exported:
    """What an export wrote."""

    events: int
    nodes: int
    edges: int


def read_export(graph: Graph, flt: GraphFilter) -> nx.MultiDiGraph:
    """The events matching ``flt`` with their actors, places and articles (from Neo4j).

    Raises:
        GraphUnavailable: Neo4j cannot be reached.
    """
    return project(graph, flt)


def write_export(projection: nx.MultiDiGraph, name: str, fp: BinaryIO) -> Exported:
    """Write ``projection`` to ``fp`` in the format ``name``.

    Raises:
        GraphError: the exporter refused the graph.
        OSError: ``fp`` cannot be written.
    """
    FORMATS[name].write(projection, fp)
    events = sum(1 for _, kind in projection.nodes(data="kind") if kind == "Event")
    return Exported(events, projection.number_of_nodes(), projection.number_of_edges())
