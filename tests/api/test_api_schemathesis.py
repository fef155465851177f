"""Property-based run of the OpenAPI schema with schemathesis against a real uvicorn: no 5xx.

Runs the schemathesis CLI (its pytest plugin does not support pytest 9 yet) with a bounded
number of examples per operation. Its hooks (``tests/api/schemathesis_hooks.py``) add hostile
values to half the queries and JSON bodies: lone surrogates, NUL, deep nesting, huge numbers.
No API key is sent, so writes stay refused (401) after the body checks that come first.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.neo4j

MAX_EXAMPLES = 40
ROOT = Path(__file__).resolve().parents[2]


def test_openapi_fuzzing_finds_no_server_error(live_server: object, tmp_path: Path) -> None:
    schemathesis = Path(sys.executable).with_name("schemathesis")
    result = subprocess.run(
        [
            str(schemathesis),
            "run",
            f"{live_server.url}/openapi.json",  # type: ignore[attr-defined]
            "--checks",
            "not_a_server_error",
            "--max-examples",
            str(MAX_EXAMPLES),
            # One worker: CPython 3.11.7's AST constructor is not thread-safe (gh-106905,
            # "recursion depth mismatch"), and schemathesis' coverage phase compiles in threads.
            "--workers",
            "1",
            "--request-timeout",
            "30",
            "--generation-database",
            ":memory:",
            "--no-color",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
        check=False,
        env={
            **os.environ,
            "SCHEMATHESIS_HOOKS": "tests.api.schemathesis_hooks",
            "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
        },
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    counts = re.search(r"(\d+) generated, (\d+) passed", result.stdout)
    assert counts, result.stdout[-3000:]
    assert int(counts[1]) == int(counts[2]) > 0
