"""Exports of the networkx projection: one module per format family, one registry.

``FORMATS[name].write(G, fp)`` writes the graph to a binary file object as it goes (nothing
builds the whole document in memory), so the API can stream it and the CLI can write a file.
Writer modules are imported when a format is first used.

Example:
    >>> sorted(FORMATS)
    ['csv', 'cytoscape', 'd3', 'gdelt', 'gexf', 'graphml', 'jsonld', 'plover', 'turtle']
    >>> FORMATS["turtle"].media_type
    'text/turtle'
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import networkx as nx

from graph import GraphError

Writer = Callable[[nx.MultiDiGraph, BinaryIO], None]


class ExportError(GraphError):
    """An export failed: unknown format, or a graph the format cannot express."""


def _lazy(module: str, function: str) -> Writer:
    def write(graph: nx.MultiDiGraph, fp: BinaryIO) -> None:
        writer: Writer = getattr(importlib.import_module(f"graph.export.{module}"), function)
        try:
            writer(graph, fp)
        except ValueError as error:
            raise ExportError(f"{module}: {error}") from error

    write.__name__ = function
    write.__doc__ = f"graph.export.{module}.{function}"
    return write


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """A registered export: its name, HTTP media type, file extension and writer."""

    name: str
    media_type: str
    extension: str
    write: Writer

    def filename(self, stem: str = "dekg") -> str:
        return f"{stem}.{self.extension}"


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat(
            "graphml",
            "application/graphml+xml",
            "graphml",
            _lazy("networkx_formats", "write_graphml"),
        ),
        ExportFormat(
            "gexf", "application/gexf+xml", "gexf", _lazy("networkx_formats", "write_gexf")
        ),
        ExportFormat(
            "cytoscape", "application/json", "cyjs", _lazy("cytoscape", "write_cytoscape")
        ),
        ExportFormat("d3", "application/json", "json", _lazy("d3", "write_d3")),
        ExportFormat("jsonld", "application/ld+json", "jsonld", _lazy("rdf", "write_jsonld")),
        ExportFormat("turtle", "text/turtle", "ttl", _lazy("rdf", "write_turtle")),
        ExportFormat("csv", "application/zip", "zip", _lazy("csv_import", "write_csv_zip")),
        ExportFormat("gdelt", "text/tab-separated-values", "tsv", _lazy("gdelt", "write_gdelt")),
        ExportFormat(
            "plover", "application/x-ndjson", "jsonl", _lazy("plover_jsonl", "write_plover_jsonl")
        ),
    )
}


def get_format(name: str) -> ExportFormat:
    """The registered format called ``name``.

    Raises:
        ExportError: no such format (the message lists the known ones).
    """
    try:
        return FORMATS[name.lower()]
    except KeyError:
        raise ExportError(
            f"unknown export format {name!r}; choose one of {', '.join(FORMATS)}"
        ) from None


def export_graph(graph: nx.MultiDiGraph, fmt: str, path: Path | str) -> Path:
    """Export ``graph`` in format ``fmt`` to ``path`` and return the path written.

    For ``csv`` a path ending in ``.zip`` receives the zip archive; any other path is a
    directory that receives the CSV files and ``import.sh``.

    Raises:
        ExportError: unknown format or a graph the format cannot express.
    """
    target = Path(path)
    export = get_format(fmt)
    if export.name == "csv" and target.suffix.lower() != ".zip":
        from graph.export.csv_import import write_csv_dir

        try:
            write_csv_dir(graph, target)
        except ValueError as error:
            raise ExportError(f"csv: {error}") from error
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as fp:
        export.write(graph, fp)
    return target


__all__ = ["FORMATS", "ExportError", "ExportFormat", "export_graph", "get_format"]
