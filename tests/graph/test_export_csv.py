"""neo4j-admin CSV export: parses back, counts match, headers follow the import syntax."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from export_samples import TRICKY_TEXT, sample_graph
from hypothesis import given
from hypothesis import strategies as st

from graph.export import FORMATS, export_graph
from graph.export.csv_import import ARRAY_DELIMITER, REL_ENDPOINTS, cell, csv_writer, tables

_TYPES = (
    "int|long|float|double|boolean|byte|short|char|string|point|date|localtime|time"
    "|localdatetime|datetime|duration"
)
_COLUMN = re.compile(
    rf"^(?:[A-Za-z_][A-Za-z0-9_]*)?"
    rf"(?::(?:ID|START_ID|END_ID)\([A-Za-z]+\)|:TYPE|:LABEL|:(?:{_TYPES})(?:\[\])?(?:\{{[^}}]*\}})?)?$"
)


def _files(data: bytes) -> dict[str, list[dict[str, str]]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8"))))
            for name in archive.namelist()
            if name.endswith(".csv")
        }


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return sample_graph()


@pytest.fixture(scope="module")
def files(graph: nx.MultiDiGraph) -> dict[str, list[dict[str, str]]]:
    buffer = io.BytesIO()
    FORMATS["csv"].write(graph, buffer)
    return _files(buffer.getvalue())


def test_node_and_relationship_counts_match(
    graph: nx.MultiDiGraph, files: dict[str, list[dict[str, str]]]
) -> None:
    kinds = Counter(d["kind"] for _, d in graph.nodes(data=True))
    for kind in ("Event", "Actor", "Place", "Article"):
        assert len(files[f"nodes_{kind}.csv"]) == kinds[kind]
    rels = Counter(d["rel"] for _, _, d in graph.edges(data=True))
    for rel in REL_ENDPOINTS:
        assert len(files[f"rels_{rel}.csv"]) == rels[rel]


def test_headers_follow_the_neo4j_admin_syntax(graph: nx.MultiDiGraph) -> None:
    for table in tables(graph):
        bad = [column for column in table.header if not _COLUMN.match(column)]
        assert bad == [], table.name
        assert len(set(table.header)) == len(table.header)
        if table.name.startswith("nodes_"):
            assert table.header[0].startswith("id:ID(") and table.header[-1] == ":LABEL"
        else:
            assert table.header[:3][2] == ":TYPE"


def test_relationships_point_at_nodes_of_their_id_space(
    files: dict[str, list[dict[str, str]]],
) -> None:
    ids = {
        kind: {row[f"id:ID({kind})"] for row in files[f"nodes_{kind}.csv"]}
        for kind in ("Event", "Actor", "Place", "Article")
    }
    for rel, (start, end) in REL_ENDPOINTS.items():
        for row in files[f"rels_{rel}.csv"]:
            assert row[f":START_ID({start})"] in ids[start]
            assert row[f":END_ID({end})"] in ids[end]
            assert row[":TYPE"] == rel


def test_values_are_typed_and_arrays_split_back(files: dict[str, list[dict[str, str]]]) -> None:
    actors = {row["id:ID(Actor)"]: row for row in files["nodes_Actor.csv"]}
    assert actors["org:U.N."]["aliases:string[]"].split(ARRAY_DELIMITER) == [
        "UN",
        "the U.N.; New York",
    ]
    assert actors["person:antony-blinken"][":LABEL"].split(ARRAY_DELIMITER) == ["Actor", "Person"]
    assert actors["person:antony-blinken"]["kind"] == "person"
    reports = files["rels_REPORTED_IN.csv"]
    tricky = next(r for r in reports if TRICKY_TEXT in r["evidence:string[]"])
    assert tricky["evidence:string[]"].split(ARRAY_DELIMITER) == [TRICKY_TEXT, "It asked again."]
    assert tricky["start:int[]"].split(ARRAY_DELIMITER) == ["0", "60"]
    places = {row["id:ID(Place)"]: row for row in files["nodes_Place.csv"]}
    stockholm = places["geonames:2673730"]
    assert float(stockholm["lat:double"]) == pytest.approx(59.33258)
    assert stockholm["location:point{crs:WGS-84}"] == "{latitude:59.33258, longitude:18.0649}"
    undated = [r for r in files["nodes_Event.csv"] if r["date:date"] == ""]
    assert undated  # a missing date is an empty field (no property), never "None"
    assert all(r["goldstein:double"] for r in files["nodes_Event.csv"])


def test_zip_carries_the_import_command(graph: nx.MultiDiGraph) -> None:
    buffer = io.BytesIO()
    FORMATS["csv"].write(graph, buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        script = archive.read("import.sh").decode("utf-8")
    assert "neo4j-admin database import full" in script
    assert "--array-delimiter='\\31'" in script
    assert '--nodes="$DIR/nodes_Event.csv"' in script
    assert '--relationships="$DIR/rels_REPORTED_IN.csv"' in script


def test_directory_export_writes_the_same_files(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    buffer = io.BytesIO()
    FORMATS["csv"].write(graph, buffer)
    zipped = _files(buffer.getvalue())
    export_graph(graph, "csv", tmp_path / "out")
    for name, rows in zipped.items():
        with (tmp_path / "out" / name).open(encoding="utf-8", newline="") as fp:
            assert list(csv.DictReader(fp)) == rows
    assert (tmp_path / "out" / "import.sh").stat().st_mode & 0o100


def test_zip_streams_into_an_unseekable_sink(graph: nx.MultiDiGraph) -> None:
    class Sink(io.RawIOBase):
        def __init__(self) -> None:
            self.chunks: list[bytes] = []

        def writable(self) -> bool:
            return True

        def write(self, data: bytes) -> int:  # type: ignore[override]
            self.chunks.append(bytes(data))
            return len(data)

    sink = Sink()
    FORMATS["csv"].write(graph, sink)  # type: ignore[arg-type]
    files = _files(b"".join(sink.chunks))
    assert len(files["nodes_Event.csv"]) == sum(
        1 for _, d in graph.nodes(data=True) if d["kind"] == "Event"
    )


@given(st.lists(st.text(min_size=1), min_size=1, max_size=5))
def test_any_string_array_survives_the_csv_round_trip(items: list[str]) -> None:
    buffer = io.StringIO()
    csv_writer(buffer).writerow(["x", cell(items, "string[]")])
    (row,) = csv.reader(io.StringIO(buffer.getvalue(), newline=""))
    expected = [item.replace(ARRAY_DELIMITER, " ") for item in items]
    assert row[1].split(ARRAY_DELIMITER) == expected


@given(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False)))
def test_scalar_cells_are_never_the_string_none(value: object) -> None:
    text = cell(value, "")
    assert text != "None"
    assert (text == "") == (value is None)
