"""Node and relationship CSV files for ``neo4j-admin database import full``.

One node file per kind (``nodes_Event.csv`` …, ids in their own id space, ``id:ID(Event)``)
and one relationship file per type (``rels_SOURCE.csv`` …, ``:START_ID(Event)``,
``:END_ID(Actor)``, ``:TYPE``), with typed columns (``date:date``, ``lat:double``,
``aliases:string[]``, ``location:point{crs:WGS-84}``) and an ``import.sh`` holding the
command. Arrays and multiple labels are joined with :data:`ARRAY_DELIMITER` (ASCII unit
separator: evidence sentences contain ``;``), passed as ``--array-delimiter``; fields may hold
newlines, hence ``--multiline-fields=true``. Written into a directory, or streamed as a zip.
"""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, BinaryIO

import networkx as nx

from graph.export.values import (
    actor_kind,
    attributes,
    edges,
    node_kind,
    plain,
    scalar,
    text_stream,
    type_name,
)
from ontology.model import ActorKind

ARRAY_DELIMITER = "\x1f"
#: How neo4j-admin spells :data:`ARRAY_DELIMITER` (decimal character code).
ARRAY_DELIMITER_OPTION = "\\31"

#: Column name → neo4j-admin type of the properties the contract defines, per label.
NODE_COLUMNS: dict[str, dict[str, str]] = {
    "Article": {
        "title": "",
        "url": "",
        "publisher": "",
        "agency": "",
        "published": "date",
        "published_inferred": "boolean",
        "language": "",
        "content_hash": "",
        "event_count": "long",
        "ingested_at": "datetime",
    },
    "Event": {
        "type": "",
        "mode": "",
        "cameo": "",
        "quad_class": "int",
        "goldstein": "double",
        "date": "date",
        "date_precision": "",
        "modality": "",
        "confidence": "double",
        "num_articles": "int",
        "num_sources": "int",
        "fingerprint": "",
    },
    "Actor": {
        "name": "",
        "kind": "",
        "country": "",
        "sector": "",
        "role": "",
        "aliases": "string[]",
        "wikidata": "",
    },
    "Place": {
        "name": "",
        "country": "",
        "lat": "double",
        "lon": "double",
        "location": "point{crs:WGS-84}",
        "geonames_id": "long",
        "admin1": "",
        "feature": "",
    },
}
REL_COLUMNS: dict[str, dict[str, str]] = {
    "REPORTED_IN": {
        "evidence": "string[]",
        "start": "int[]",
        "end": "int[]",
        "article_event_id": "",
        "confidence": "double",
    },
    "AFFILIATED_WITH": {"role": "", "sector": "", "from": "date", "to": "date"},
}
REL_ENDPOINTS: dict[str, tuple[str, str]] = {
    "SOURCE": ("Event", "Actor"),
    "TARGET": ("Event", "Actor"),
    "ATTRIBUTED_TO": ("Event", "Actor"),
    "AT": ("Event", "Place"),
    "REPORTED_IN": ("Event", "Article"),
    "AFFILIATED_WITH": ("Actor", "Actor"),
}
ACTOR_LABELS: dict[ActorKind, str] = {
    ActorKind.PERSON: "Person",
    ActorKind.STATE: "State",
    ActorKind.ORGANIZATION: "Organization",
    ActorKind.ARMED_GROUP: "ArmedGroup",
    ActorKind.GROUP: "Group",
}
# Projection attributes that are not Neo4j properties (or are rebuilt from others).
_NODE_SKIP = frozenset({"kind", "label", "id", "actor_kind", "location"})
_EDGE_SKIP = frozenset({"rel", "key"})


class CsvExportError(ValueError):
    """An edge of the projection has no relationship file (unknown type or endpoint)."""


@dataclass(frozen=True, slots=True)
class Table:
    """One CSV file: its name, header row and a generator of its data rows."""

    name: str
    header: list[str]
    rows: Callable[[], Iterator[list[str]]]


def _infer_type(value: Any) -> str:
    value = plain(value)
    if isinstance(value, list):
        return "string[]"
    return type_name(value) or ""


def _header(name: str, kind: str) -> str:
    return f"{name}:{kind}" if kind else name


def cell(value: Any, kind: str) -> str:
    """One CSV field in neo4j-admin syntax; ``None`` → empty (no property)."""
    if value is None:
        return ""
    value = plain(value)
    if kind.endswith("[]"):
        items = value if isinstance(value, list) else [value]
        # an item holding the delimiter itself would split: it becomes a space
        return ARRAY_DELIMITER.join(
            str(scalar(item)).replace(ARRAY_DELIMITER, " ") for item in items
        )
    if kind == "boolean":
        return "true" if value is True or str(value).lower() == "true" else "false"
    return str(scalar(value))


def _location(data: dict[str, Any]) -> str | None:
    lat, lon = data.get("lat"), data.get("lon")
    if lat is None or lon is None:
        return None
    return f"{{latitude:{float(lat)!r}, longitude:{float(lon)!r}}}"


def _node_values(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    values = dict(attributes(data, _NODE_SKIP))
    if kind == "Actor":
        values["kind"] = actor_kind(data).value
    if kind == "Place":
        values["location"] = _location(data)
    return values


def _labels(kind: str, data: dict[str, Any]) -> str:
    if kind == "Actor":
        return ARRAY_DELIMITER.join(("Actor", ACTOR_LABELS[actor_kind(data)]))
    if kind == "Event" and data.get("type"):
        return ARRAY_DELIMITER.join(("Event", str(data["type"])))
    return kind


def _node_columns(graph: nx.MultiDiGraph) -> dict[str, dict[str, str]]:
    columns = {kind: dict(known) for kind, known in NODE_COLUMNS.items()}
    for _, data in graph.nodes(data=True):
        kind = node_kind(data)
        if kind not in columns:
            continue
        for name, value in attributes(data, _NODE_SKIP):
            columns[kind].setdefault(name, _infer_type(value))
    return columns


def _rel_columns(graph: nx.MultiDiGraph) -> dict[str, dict[str, str]]:
    columns = {rel: dict(REL_COLUMNS.get(rel, {})) for rel in REL_ENDPOINTS}
    for _, _, rel, data in edges(graph):
        if rel not in columns:
            raise CsvExportError(f"relationship type {rel!r} has no CSV file")
        for name, value in attributes(data, _EDGE_SKIP):
            columns[rel].setdefault(name, _infer_type(value))
    return columns


def _node_table(graph: nx.MultiDiGraph, kind: str, columns: dict[str, str]) -> Table:
    header = [f"id:ID({kind})", *(_header(n, t) for n, t in columns.items()), ":LABEL"]

    def rows() -> Iterator[list[str]]:
        for key, data in graph.nodes(data=True):
            if node_kind(data) != kind:
                continue
            values = _node_values(kind, data)
            row = [str(data.get("id", key))]
            row.extend(cell(values.get(name), t) for name, t in columns.items())
            row.append(_labels(kind, data))
            yield row

    return Table(f"nodes_{kind}.csv", header, rows)


def _rel_table(graph: nx.MultiDiGraph, rel: str, columns: dict[str, str]) -> Table:
    start, end = REL_ENDPOINTS[rel]
    header = [f":START_ID({start})", f":END_ID({end})", ":TYPE"]
    header.extend(_header(n, t) for n, t in columns.items())

    def rows() -> Iterator[list[str]]:
        for u, v, edge_rel, data in edges(graph):
            if edge_rel != rel:
                continue
            row = [str(graph.nodes[u].get("id", u)), str(graph.nodes[v].get("id", v)), rel]
            row.extend(cell(data.get(name), t) for name, t in columns.items())
            yield row

    return Table(f"rels_{rel}.csv", header, rows)


def tables(graph: nx.MultiDiGraph) -> list[Table]:
    """The node and relationship tables of the projection (rows generated lazily).

    Raises:
        CsvExportError: an edge has a relationship type outside the contract.
    """
    node_columns = _node_columns(graph)
    rel_columns = _rel_columns(graph)
    found = [_node_table(graph, kind, node_columns[kind]) for kind in NODE_COLUMNS]
    found.extend(_rel_table(graph, rel, rel_columns[rel]) for rel in REL_ENDPOINTS)
    return found


def import_options(files: list[str], directory: str = "$DIR") -> list[str]:
    """The ``neo4j-admin database import full`` options for ``files`` in ``directory``."""
    options = [
        f"--array-delimiter={ARRAY_DELIMITER_OPTION}",
        "--multiline-fields=true",
        "--overwrite-destination=true",
    ]
    for name in files:
        option = "--nodes" if name.startswith("nodes_") else "--relationships"
        options.append(f"{option}={directory}/{name}")
    return options


def import_command(files: list[str], database: str = "neo4j") -> str:
    """The shell command importing ``files`` (names as :func:`tables` gives them) from ``$DIR``."""
    # the database goes first: --nodes/--relationships take every following word as a file
    parts = [f'neo4j-admin database import full "${{1:-{database}}}"']
    for option in import_options(files):
        name, value = option.split("=", 1)
        parts.append(f"{name}='{value}'" if "\\" in value else f'{name}="{value}"')
    return " \\\n  ".join(parts)


def _script(files: list[str]) -> str:
    return (
        "#!/bin/sh\n"
        "# Import these files into an empty, stopped database: ./import.sh [database]\n"
        'DIR="$(cd "$(dirname "$0")" && pwd)"\n' + import_command(files) + "\n"
    )


def csv_writer(out: IO[str]) -> Any:
    """The CSV dialect of the export: minimal quoting, CRLF rows (so a field holding a lone
    carriage return is quoted too), empty field = no property."""
    return csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)


def _write_table(table: Table, out: IO[str]) -> None:
    writer = csv_writer(out)
    writer.writerow(table.header)
    writer.writerows(table.rows())


def write_csv_zip(graph: nx.MultiDiGraph, fp: BinaryIO) -> None:
    """Stream the CSV files and ``import.sh`` as a zip archive into ``fp``."""
    found = tables(graph)
    with zipfile.ZipFile(fp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in found:
            member = archive.open(table.name, "w", force_zip64=True)
            with member, text_stream(member) as out:  # type: ignore[arg-type]
                _write_table(table, out)
        archive.writestr("import.sh", _script([t.name for t in found]))


def write_csv_dir(graph: nx.MultiDiGraph, directory: Path) -> list[Path]:
    """Write the CSV files and ``import.sh`` into ``directory``; returns the CSV paths."""
    directory.mkdir(parents=True, exist_ok=True)
    found = tables(graph)
    paths = []
    for table in found:
        path = directory / table.name
        with path.open("w", encoding="utf-8", newline="") as out:
            _write_table(table, out)
        paths.append(path)
    script = directory / "import.sh"
    script.write_text(_script([t.name for t in found]), encoding="utf-8")
    script.chmod(0o755)
    return paths
