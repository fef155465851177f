"""The CSV export imports with the real ``neo4j-admin database import full`` (marker neo4j).

Runs the ``import.sh`` shipped in the export, with ``neo4j-admin`` standing for the AdminTool
of the cached Neo4j jars, into a throwaway home; the import summary must count every node,
relationship and property of the export.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest
from export_samples import sample_graph

from api.settings import Settings
from graph.export import export_graph
from managed_neo4j.process import ADMIN_TOOL, find_java
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


def _shim(bin_dir: Path, distribution: Distribution) -> None:
    bin_dir.mkdir()
    admin = bin_dir / "neo4j-admin"
    admin.write_text(
        f'#!/bin/sh\nexec "{find_java()}" -XX:TieredStopAtLevel=1 -Xmx512m {ADMIN_TOOL} "$@"\n',
        encoding="utf-8",
    )
    admin.chmod(0o755)


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
    home = tmp_path / "home"
    (home / "conf").mkdir(parents=True)
    (home / "conf" / "neo4j.conf").write_text("server.memory.pagecache.size=32m\n")
    _shim(tmp_path / "bin", distribution)
    env = dict(
        os.environ,
        PATH=f"{tmp_path / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
        CLASSPATH=distribution.classpath(),
        NEO4J_HOME=str(home),
        NEO4J_CONF=str(home / "conf"),
    )
    done = subprocess.run(
        ["sh", str(export / "import.sh"), "neo4j"],
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-3000:]
    summary = re.search(r"(\d+) nodes\s+(\d+) relationships\s+(\d+) properties", output)
    assert summary, output[-3000:]
    nodes, relationships, properties = (int(g) for g in summary.groups())
    assert nodes == graph.number_of_nodes()
    assert relationships == graph.number_of_edges()
    assert properties == _expected_properties(export)
