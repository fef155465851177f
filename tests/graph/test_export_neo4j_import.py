"""The CSV export imports with the real ``neo4j-admin database import full`` (marker neo4j).

Runs the ``import.sh`` shipped in the export, with ``neo4j-admin`` standing for the AdminTool
of the cached Neo4j jars, into a throwaway home; the import summary must count every node,
relationship and property of the export.
"""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import networkx as nx
import pytest
from export_samples import sample_graph
from neo4j_admin_import import run_import

from api.settings import Settings
from graph.export import export_graph
from managed_neo4j.server import Distribution

pytestmark = pytest.mark.neo4j


def _distribution() -> Distribution:
    distribution = Distribution.in_data_dir(Settings().data_dir)
    ci = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
    if not distribution.is_provisioned():
        if shutil.which("mvn") is None and not ci:
            pytest.skip("no cached Neo4j jars and no mvn to fetch them")
        distribution.provision()
    return distribution


def _expected_properties(directory: Path) -> int:
    count = 0
    for path in directory.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as fp:
            reader = csv.reader(fp)
            header = next(reader)
            columns = [i for i, h in enumerate(header) if h not in (":LABEL", ":TYPE")]
            columns = [i for i in columns if not header[i].startswith((":START_ID", ":END_ID"))]
            count += sum(1 for row in reader for i in columns if row[i] != "")
    return count


def test_neo4j_admin_imports_the_csv_export(tmp_path: Path) -> None:
    distribution = _distribution()
    graph: nx.MultiDiGraph = sample_graph()
    export = export_graph(graph, "csv", tmp_path / "export")
    done = run_import(
        export,
        tmp_path,
        distribution,
        jvm_options="-XX:TieredStopAtLevel=1 -Xmx512m",
        pagecache="32m",
        timeout=300,
    )
    assert done.returncode == 0, done.output[-3000:]
    assert done.counts, done.output[-3000:]
    nodes, relationships, properties = done.counts
    assert nodes == graph.number_of_nodes()
    assert relationships == graph.number_of_edges()
    assert properties == _expected_properties(export)
