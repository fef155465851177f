"""The physical limit of loading: ``neo4j-admin database import full`` of the project's CSV export.

The graph a benchmark loaded online is projected back out of Neo4j (``graph.project``),
written with the project's own CSV export (``graph.export.csv_import``, which ships the
``import.sh`` holding the command), and imported offline into a fresh, stopped Neo4j home with
the ``neo4j-admin`` of the managed server's cached jars. The import is timed from the
command's start to its exit (JVM start included: that is what an operator pays).

The CSV contract carries the events, actors, places, articles and their relationships; the
derived ``INTERACTS_WITH`` totals are not part of it, so the offline import does strictly less
work than the online loader (which also keeps those totals and resolves identity).
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import neo4j

from graph.export.csv_import import write_csv_dir
from graph.project import project
from graph.session import Graph
from managed_neo4j.distribution import Distribution
from managed_neo4j.process import ADMIN_TOOL, find_java

_SUMMARY = re.compile(r"(\d+) nodes\s+(\d+) relationships\s+(\d+) properties")


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


def _shim(bin_dir: Path, heap: str) -> None:
    """``neo4j-admin`` on PATH, standing for the AdminTool of the cached jars."""
    bin_dir.mkdir(parents=True, exist_ok=True)
    admin = bin_dir / "neo4j-admin"
    admin.write_text(f'#!/bin/sh\nexec "{find_java()}" -Xmx{heap} {ADMIN_TOOL} "$@"\n')
    admin.chmod(0o755)


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

    home = workdir / "offline-home"
    (home / "conf").mkdir(parents=True, exist_ok=True)
    (home / "conf" / "neo4j.conf").write_text("server.memory.pagecache.size=512m\n")
    _shim(workdir / "bin", "1g")
    env = dict(
        os.environ,
        PATH=f"{workdir / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
        CLASSPATH=distribution.classpath(),
        NEO4J_HOME=str(home),
        NEO4J_CONF=str(home / "conf"),
    )
    began = time.perf_counter()
    done = subprocess.run(
        ["sh", str(export / "import.sh"), "neo4j"],
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=1800,
    )
    seconds = time.perf_counter() - began
    output = done.stdout + done.stderr
    summary = _SUMMARY.search(output)
    if done.returncode != 0 or summary is None:
        raise RuntimeError(f"neo4j-admin import failed:\n{output[-3000:]}")
    nodes, relationships, properties = (int(g) for g in summary.groups())
    return OfflineImport(events, nodes, relationships, properties, seconds, export_seconds)
