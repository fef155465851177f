"""Side by side: the read endpoints of this tree and of another revision, in one run.

On a machine whose cores are shared, latency and req/s say more about the neighbours than
about the code; what a change does shows in the CPU each answer costs. Both services (the
tree's and ``--rev``'s, from ``git archive``, cache off, ``--workers`` uvicorn workers each)
run against the same Neo4j and graph; wrk (50 clients) loads one at a time for ``--seconds``,
alternating which goes first, ``--rounds`` times per endpoint:

* ``relationships``: ``GET /actors/{id}/relationships`` of random actors;
* ``events``: ``GET /events`` with a type, country and 90-day window, a new filter every
  request (never asked before in the run).

The table gives req/s, p50/p99 and the CPU time of the service's processes and of the Neo4j
server (its pid: a throwaway server's, or ``--neo4j-pid``) per answer, and answers per
CPU-second of both together; the ratios compare the two trees.

Usage:
    python benchmarks/api_compare.py --rev main --events 10000
    python benchmarks/api_compare.py --rev main --uri bolt://127.0.0.1:7687 --reuse --neo4j-pid 123
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from api_service import prepare_graph, start_service  # noqa: E402
from bench_api import endpoint_paths  # noqa: E402
from bench_load import process_cpu  # noqa: E402
from neo4j_target import neo4j_server  # noqa: E402
from wrk_load import WRK_MAX_RATE, wrk  # noqa: E402

ENDPOINTS = ("relationships", "events")


@contextlib.contextmanager
def revision_tree(rev: str) -> Iterator[Path]:
    """The files of ``rev`` (``git archive``) in a temporary directory."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", rev],
        capture_output=True,
        check=True,
    ).stdout
    with tempfile.TemporaryDirectory(prefix="dekg-rev-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        yield Path(tmp)


def tree_cpu(pid: int) -> float:
    """CPU seconds of ``pid`` and its descendants (uvicorn's supervisor and workers)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError):
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                parents[int(entry.name)] = int(stat[1])
    family, frontier = {pid}, [pid]
    while frontier:
        children = [p for p, parent in parents.items() if parent in frontier]
        family.update(children)
        frontier = children
    return sum(process_cpu(p) or 0.0 for p in family)


def measure(
    url: str, pid: int, neo4j_pid: int | None, paths: list[str], seconds: int
) -> dict[str, Any]:
    api0, db0 = tree_cpu(pid), process_cpu(neo4j_pid)
    raw = wrk(url, paths, seconds, 50)
    api1, db1 = tree_cpu(pid), process_cpu(neo4j_pid)
    n = max(1, raw["requests"])
    db = (db1 - db0) if db0 is not None and db1 is not None else None
    return {
        "requests": raw["requests"],
        "req_per_s": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
        "p50_ms": round(raw["p50_us"] / 1000, 1),
        "p99_ms": round(raw["p99_us"] / 1000, 1),
        "api_cpu_ms": round(1000 * (api1 - api0) / n, 2),
        "neo4j_cpu_ms": round(1000 * db / n, 2) if db is not None else None,
        "per_cpu_s": round(n / ((api1 - api0) + (db or 0.0)), 1),
        "errors": raw["socket_errors"] + raw["non2xx"],
        "load": round(os.getloadavg()[0], 1),
    }


Results = dict[str, dict[str, list[dict[str, Any]]]]


def compare(
    args: argparse.Namespace, uri: str, auth: tuple[str, str] | None, pid: int | None
) -> Results:
    user, password = auth if auth else ("neo4j", None)
    results: Results = {}
    with revision_tree(args.rev) as other:
        services = {}
        try:
            for name, root in (("tree", ROOT), (args.rev, other)):
                services[name] = start_service(
                    uri, user, password, "neo4j", workers=args.workers, cache=False, root=root
                )
            names = list(services)
            for endpoint in ENDPOINTS:
                runs = 2 * args.rounds + 1  # one warm-up run each, then the rounds
                _, pool = endpoint_paths(endpoint, args.seed, 0, runs * 2 * paths_per_run(args))
                chunks = iter(pool[i :: runs * 2] for i in range(runs * 2))
                for name in names:  # warm-up (the JIT, the plan cache, the pools)
                    process, url = services[name]
                    measure(url, process.pid, pid, next(chunks), 3)
                for r in range(args.rounds):
                    for name in names if r % 2 == 0 else names[::-1]:
                        process, url = services[name]
                        row = measure(url, process.pid, pid, next(chunks), args.seconds)
                        results.setdefault(endpoint, {}).setdefault(name, []).append(row)
                        print(f"[compare] {endpoint} {name}: {json.dumps(row)}", file=sys.stderr)
        finally:
            for process, _ in services.values():
                process.terminate()
                process.wait(timeout=30)
    return results


def paths_per_run(args: argparse.Namespace) -> int:
    return args.seconds * WRK_MAX_RATE // 2


def report(results: Results, rev: str) -> None:
    keys = ("req_per_s", "p50_ms", "p99_ms", "api_cpu_ms", "neo4j_cpu_ms", "per_cpu_s")
    print(f"{'endpoint':<15}{'tree':<10}" + "".join(f"{k:>14}" for k in keys) + f"{'load':>7}")
    for endpoint, by_tree in results.items():
        means = {}
        for name, rows in by_tree.items():
            means[name] = {k: _mean([r[k] for r in rows]) for k in keys}
            load = _mean([r["load"] for r in rows])
            cells = "".join(f"{means[name][k] or '-':>14}" for k in keys)
            print(f"{endpoint:<15}{name:<10}{cells}{load:>7}")
        tree, base = means["tree"], means[rev]
        print(
            f"{endpoint}: tree / {rev} = {tree['per_cpu_s'] / base['per_cpu_s']:.2f}x answers per "
            f"CPU-second, {tree['req_per_s'] / base['req_per_s']:.2f}x req/s"
        )


def _mean(values: list[Any]) -> Any:
    known = [v for v in values if v is not None]
    return round(sum(known) / len(known), 2) if known else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rev", default="main", help="the revision to compare with")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=10, help="seconds of load per run")
    parser.add_argument("--rounds", type=int, default=2, help="runs per tree and endpoint")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--uri", help="Neo4j bolt URI (default: DEKG_NEO4J_URI or throwaway)")
    parser.add_argument("--neo4j-pid", type=int, help="the pid of the --uri server (its CPU)")
    parser.add_argument("--reuse", action="store_true", help="use the events already loaded")
    parser.add_argument("--wipe", action="store_true", help="allow emptying a non-empty db")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    with neo4j_server(args.uri) as server:
        if not prepare_graph(
            server.driver, server.database, args.events, reuse=args.reuse, wipe=args.wipe
        ):
            return 2
        results = compare(args, server.uri, server.auth, server.pid or args.neo4j_pid)
    report(results, args.rev)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    failed = any(
        r["errors"] for by_tree in results.values() for rows in by_tree.values() for r in rows
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
