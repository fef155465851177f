"""The export registry: names, media types, file export, errors, lazy imports, streaming."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from export_samples import sample_graph
from graph_samples import BLINKEN, LAVROV, RUS, USA, make_event
from rdflib import Graph

from graph.export import FORMATS, ExportError, export_graph, get_format
from graph.project import events_to_graph
from ontology.plover import EventType


class CountingSink(io.RawIOBase):
    """An unseekable binary sink that counts the writes it receives."""

    def __init__(self) -> None:
        self.writes = 0
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.writes += 1
        self.size += len(data)
        return len(data)


def test_the_registry_lists_every_format() -> None:
    assert set(FORMATS) == {
        "graphml",
        "gexf",
        "cytoscape",
        "d3",
        "jsonld",
        "turtle",
        "csv",
        "gdelt",
        "plover",
    }
    assert FORMATS["jsonld"].media_type == "application/ld+json"
    assert FORMATS["csv"].media_type == "application/zip"
    assert FORMATS["graphml"].filename("seed") == "seed.graphml"
    assert get_format("TURTLE") is FORMATS["turtle"]


def test_unknown_format_names_the_known_ones() -> None:
    with pytest.raises(ExportError, match="graphml"):
        get_format("pdf")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_graph_writes_a_file(fmt: str, tmp_path: Path) -> None:
    graph = sample_graph()
    path = export_graph(graph, fmt, tmp_path / FORMATS[fmt].filename())
    assert path.is_file() and path.stat().st_size > 0
    data = path.read_bytes()
    if fmt in ("cytoscape", "d3", "jsonld"):
        assert json.loads(data)
    if fmt == "turtle":
        assert len(Graph().parse(data=data.decode(), format="turtle")) > 0


def test_a_node_of_unknown_kind_is_an_export_error() -> None:
    graph = sample_graph()
    graph.add_node("mystery", kind="Mystery", id="mystery")
    with pytest.raises(ExportError, match="Mystery"):
        FORMATS["turtle"].write(graph, io.BytesIO())


@pytest.mark.parametrize("fmt", ["csv", "turtle", "jsonld"])
def test_an_edge_of_unknown_type_is_an_export_error(fmt: str) -> None:
    graph = sample_graph()
    graph.add_edge("state:USA", "state:RUS", key="HATES", rel="HATES")
    with pytest.raises(ExportError, match="HATES"):
        FORMATS[fmt].write(graph, io.BytesIO())


def test_importing_the_registry_imports_no_writer() -> None:
    code = (
        "import sys, graph.export\n"
        "loaded = [m for m in ('rdflib', 'graph.export.rdf', 'graph.export.csv_import') "
        "if m in sys.modules]\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def _larger_graph(count: int) -> nx.MultiDiGraph:
    types = list(EventType)
    pairs = [((BLINKEN,), (LAVROV,)), ((USA,), (RUS,)), ((LAVROV,), (USA,))]
    events = [
        make_event(
            f"article-{i // 5}",
            types[i % len(types)],
            *pairs[i % len(pairs)],
            date=dt.date(2000, 1, 1) + dt.timedelta(days=i),
            text=f"sentence number {i}",
            start=i * 40,
        )
        for i in range(count)
    ]
    graph = events_to_graph(events)
    assert sum(1 for _, d in graph.nodes(data=True) if d["kind"] == "Event") == count
    return graph


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_writers_stream_in_many_writes(fmt: str) -> None:
    graph = _larger_graph(1500)
    sink = CountingSink()
    FORMATS[fmt].write(graph, sink)  # type: ignore[arg-type]
    # a writer that built the whole document first would hand it over in one or two writes
    assert sink.writes > 10
    assert sink.size > 50_000
