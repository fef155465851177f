"""The physical limit of loading: ``neo4j-admin database import full`` of the project's CSV export.

The graph a benchmark loaded online is projected back out of Neo4j (``graph.project``),
written with the project's own CSV export (``graph.export.csv_import``, which ships the
``import.sh`` holding the command), and imported offline into a fresh, stopped Neo4j home with
the ``neo4j-admin`` of the managed server's cached jars (``tests/neo4j_admin_import.py``, shared
with the import test; ``bench_load`` puts ``tests/`` on the path). The import is timed from the
command's start to its exit (JVM start included: that is what an operator pays).

The CSV contract carries the events, actors, places, articles and their relationships; the
derived ``INTERACTS_WITH`` totals are not part of it, so the offline import does strictly less
work than the online loader (which also keeps those totals and resolves identity).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import neo4j
from neo4j_admin_import import run_import  # tests/neo4j_admin_import.py (tests/ on the path)

from graph.export.csv_import import write_csv_dir
from graph.project import project
from graph.session import Graph
from managed_neo4j.distribution import Distribution


@dataclass(frozen=True, slots=True)
class OfflineImport:
    events: int
    nodes: int
    relationships: int
    properties: int
    seconds: float
    export_seconds: float

    @property
    def events_per_s(self) -> float:
        return self.events / self.seconds


def offline_import(
    driver: neo4j.Driver, database: str, distribution: Distribution, workdir: Path
) -> OfflineImport:
    """Export the loaded graph to CSV and time its offline import into a fresh home.

    Raises:
        RuntimeError: neo4j-admin failed or its summary could not be read.
    """
    began = time.perf_counter()
    graph = project(Graph(driver, database))
    export = workdir / "csv"
    write_csv_dir(graph, export)
    export_seconds = time.perf_counter() - began
    events = sum(1 for _, data in graph.nodes(data=True) if data.get("kind") == "Event")

    done = run_import(
        export, workdir, distribution, jvm_options="-Xmx1g", pagecache="512m", timeout=1800
    )
    if done.returncode != 0 or done.counts is None:
        raise RuntimeError(f"neo4j-admin import failed:\n{done.output[-3000:]}")
    nodes, relationships, properties = done.counts
    seconds = done.seconds
    return OfflineImport(events, nodes, relationships, properties, seconds, export_seconds)
