"""Where the online loader's time goes: per write statement, round trips, server CPU, db hits.

Loads the synthetic set of ``bench_load.py`` with ``GraphWriter`` into a throwaway managed
server (or ``--uri``) and, for every statement the writer runs, counts round trips and
measures wall time and the CPU time of the Neo4j process around it (each result is consumed
before the next statement, as the writer does). With ``--profile`` every statement runs as
``PROFILE`` and the database hits of its plan are added up instead (slower: a separate run).
The client's own CPU (Python: model dumps, ids, identity) is the process CPU outside the
statements. The summaries' rebuild at the end of the load (``summaries.rebuild_missing``, its
own transactions) is timed as one more row (its statements are not PROFILEd).

Usage:
    python benchmarks/profile_load.py --events 10000
    python benchmarks/profile_load.py --events 5000 --profile
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import neo4j

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_load import neo4j_target, process_cpu, synthetic_results, wipe  # noqa: E402

from graph import queries, summaries  # noqa: E402
from graph.queries.writes import KEEP_PLAN  # noqa: E402
from graph.schema import ensure_schema  # noqa: E402
from graph.session import Graph  # noqa: E402
from graph.writer import GraphWriter  # noqa: E402

_NAMES = {v.strip(): k for k, v in vars(queries).items() if isinstance(v, str) and k.isupper()}


def _name(query: str) -> str:
    return _NAMES.get(query.strip(), query.strip().splitlines()[0][:40])


def _tree(plan: Any, depth: int = 0) -> list[str]:
    if plan is None:
        return []
    args = plan.get("args", {})
    line = f"{'  ' * depth}{plan.get('operatorType')} hits={plan.get('dbHits', 0)} "
    line += f"rows={plan.get('rows', 0)} {str(args.get('Details', ''))[:110]}"
    return [line] + [x for c in plan.get("children", []) for x in _tree(c, depth + 1)]


def _hits(plan: Any) -> int:
    if plan is None:
        return 0
    return int(plan.get("dbHits", 0)) + sum(_hits(c) for c in plan.get("children", []))


class _Eager:
    """A consumed result: iterable, ``single()`` and ``consume()`` like the driver's."""

    def __init__(self, records: list[neo4j.Record]) -> None:
        self._records = records

    def __iter__(self) -> Iterator[neo4j.Record]:
        return iter(self._records)

    def single(self, strict: bool = False) -> neo4j.Record | None:
        return self._records[0] if self._records else None

    def consume(self) -> None:
        return None


class Stats:
    def __init__(self, pid: int | None, profile: bool) -> None:
        self.pid = pid
        self.profile = profile
        self.rows: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0, 0, 0])
        self.inside = 0.0
        self.plans: dict[str, list[str]] = {}

    def wrap(self, tx: Any) -> Any:
        stats = self

        class Proxy:
            def run(self, query: str, parameters: Any = None, **kwargs: Any) -> _Eager:
                name = _name(query)
                # PROFILE plans anew anyway: a plan-keeping option is left out
                bare = query.removeprefix(KEEP_PLAN)
                text = "PROFILE " + bare if stats.profile else query
                cpu = process_cpu(stats.pid) or 0.0
                began = time.perf_counter()
                result = tx.run(text, parameters, **kwargs)
                records = list(result)
                summary = result.consume()
                wall = time.perf_counter() - began
                row = stats.rows[name]
                row[0] += 1
                row[1] += wall
                row[2] += (process_cpu(stats.pid) or 0.0) - cpu
                row[3] += _hits(summary.profile) if stats.profile else 0
                if stats.profile:
                    stats.plans[name] = _tree(summary.profile)
                row[4] += len(kwargs.get("rows") or kwargs.get("ids") or [])
                stats.inside += wall
                return _Eager(records)

        return Proxy()

    def timed(self, rebuild: Callable[[Graph], int]) -> Callable[[Graph], int]:
        """``summaries.rebuild_missing`` as one row (after the batches, own transactions)."""

        def run(graph: Graph) -> int:
            began, cpu = time.perf_counter(), process_cpu(self.pid) or 0.0
            done = rebuild(graph)
            wall = time.perf_counter() - began
            row = self.rows["(summaries.rebuild_missing)"]
            row[0] += 1
            row[1] += wall
            row[2] += (process_cpu(self.pid) or 0.0) - cpu
            row[4] += done
            self.inside += wall
            return done

        return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--profile", action="store_true", help="PROFILE: db hits per statement")
    parser.add_argument("--warm", type=int, default=0, help="events loaded first, untimed")
    parser.add_argument("--plans", action="store_true", help="with --profile: print plans")
    parser.add_argument("--uri")
    parser.add_argument("--pid", type=int, help="with --uri: the server's pid (for its CPU)")
    args = parser.parse_args(argv)

    import graph.writer as writer_module

    everything = synthetic_results(args.warm + args.events)
    warm, results = everything[: args.warm], everything[args.warm :]
    with neo4j_target(args.uri) as (driver, database, where, pid):
        wipe(driver, database)
        ensure_schema(Graph(driver, database))
        if warm:
            GraphWriter(Graph(driver, database), args.batch_size).write_results(warm)
        server_pid = pid or args.pid
        stats = Stats(server_pid, args.profile)
        original = writer_module._write_batch

        def traced(tx: neo4j.ManagedTransaction, batch: Any) -> Any:
            return original(stats.wrap(tx), batch)

        writer_module._write_batch = traced  # type: ignore[assignment]
        rebuild = summaries.rebuild_missing
        summaries.rebuild_missing = stats.timed(rebuild)  # type: ignore[assignment]
        cpu0, server0 = time.process_time(), process_cpu(server_pid) or 0.0
        began = time.perf_counter()
        GraphWriter(Graph(driver, database), args.batch_size).write_results(results)
        wall = time.perf_counter() - began
        client_cpu = time.process_time() - cpu0
        server_cpu = (process_cpu(server_pid) or 0.0) - server0
        writer_module._write_batch = original  # type: ignore[assignment]
        summaries.rebuild_missing = rebuild  # type: ignore[assignment]
    n = args.events
    print(f"{where}: {n} events, {wall:.1f} s wall = {n / wall:.0f} events/s")
    print(f"server CPU {server_cpu:.1f} s ({n / max(server_cpu, 1e-9):.0f} events/cpu-s); ", end="")
    print(f"client CPU {client_cpu:.1f} s; wall outside statements {wall - stats.inside:.1f} s")
    head = f"{'statement':<26}{'calls':>6}{'wall s':>8}{'srv cpu':>8}{'rows':>8}"
    print(head + ("  hits/event" if args.profile else ""))
    for name, (calls, w, c, hits, rows) in sorted(stats.rows.items(), key=lambda r: -r[1][1]):
        line = f"{name:<26}{calls:>6}{w:>8.2f}{c:>8.2f}{rows:>8}"
        print(line + (f"{hits / n:>12.1f}" if args.profile else ""))
    if args.plans:
        for name, tree in stats.plans.items():
            print(f"\n== {name} (last call)")
            print("\n".join(tree))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
