"""``neo4j-admin database import full`` of a CSV export into a fresh, stopped Neo4j home.

Runs the ``import.sh`` the CSV export ships (``graph.export.csv_import``), with
``neo4j-admin`` standing for the AdminTool of the managed server's cached jars. Shared by the
import test (``tests/graph/test_export_neo4j_import.py``) and the load benchmark
(``benchmarks/offline_import.py``, which puts ``tests/`` on its path).
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from managed_neo4j.distribution import Distribution
from managed_neo4j.process import ADMIN_TOOL, find_java

_SUMMARY = re.compile(r"(\d+) nodes\s+(\d+) relationships\s+(\d+) properties")


@dataclass(frozen=True, slots=True)
class ImportRun:
    returncode: int
    #: What the command printed (stdout, then stderr).
    output: str
    #: (nodes, relationships, properties) of the import's summary; ``None`` when absent.
    counts: tuple[int, int, int] | None
    #: From the command's start to its exit (JVM start included).
    seconds: float


def _shim(bin_dir: Path, jvm_options: str) -> None:
    """``neo4j-admin`` on PATH, standing for the AdminTool of the cached jars."""
    bin_dir.mkdir(parents=True, exist_ok=True)
    admin = bin_dir / "neo4j-admin"
    admin.write_text(
        f'#!/bin/sh\nexec "{find_java()}" {jvm_options} {ADMIN_TOOL} "$@"\n', encoding="utf-8"
    )
    admin.chmod(0o755)


def run_import(
    export: Path,
    workdir: Path,
    distribution: Distribution,
    *,
    jvm_options: str,
    pagecache: str,
    timeout: float,
) -> ImportRun:
    """Import the CSV export ``export`` into a fresh home under ``workdir``."""
    home = workdir / "offline-home"
    (home / "conf").mkdir(parents=True, exist_ok=True)
    (home / "conf" / "neo4j.conf").write_text(f"server.memory.pagecache.size={pagecache}\n")
    _shim(workdir / "bin", jvm_options)
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
        timeout=timeout,
    )
    seconds = time.perf_counter() - began
    output = done.stdout + done.stderr
    summary = _SUMMARY.search(output)
    counts = None
    if summary:
        nodes, relationships, properties = (int(g) for g in summary.groups())
        counts = (nodes, relationships, properties)
    return ImportRun(done.returncode, output, counts, seconds)
