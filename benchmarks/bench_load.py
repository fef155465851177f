"""Load benchmark: the online loader beside Neo4j's offline import, and batching vs one
transaction per event.

Offline vs online: the whole set (default 50k) is loaded by the online ``GraphWriter``; the
graph it built is then exported with the project's CSV export and imported offline with
``neo4j-admin database import full`` into a fresh home (``offline_import.py``), side by side
in the same run. Targets: online >= 25% of the offline rate and >= 5,000 events/s. Both
rates are also given per CPU-second of the database process (the server's own CPU time for
the online load; neo4j-admin's CPU time offline), which stays meaningful when the machine's
cores are shared with other work.

Batched vs per event: both modes run the same ``GraphWriter`` code on the same synthetic data
set (one event per article, so ``batch_size=1`` is exactly one transaction per event) into an
emptied database, side by side in one run. Because one transaction per event is slow, only
the first ``--per-event`` events (default 1k) are loaded both
ways from an empty graph, and the ratio compares those two (equal data, equal graph size;
target: batching at least 10x faster).

Neo4j: ``--uri`` or ``DEKG_NEO4J_URI`` (with ``DEKG_NEO4J_USER``/``DEKG_NEO4J_PASSWORD``), else
a throwaway managed server started for the run. A database that is not empty is only wiped
with ``--wipe``.

Usage:
    python benchmarks/bench_load.py                        # 50k online + offline, 1k per event
    python benchmarks/bench_load.py --events 10000 --per-event 500 --json out.json
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import neo4j

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the generated graphs the tests use too

from neo4j_target import neo4j_target  # noqa: E402
from offline_import import offline_import  # noqa: E402
from synthetic_samples import synthetic_results  # noqa: E402

from graph import queries  # noqa: E402
from graph.schema import ensure_schema  # noqa: E402
from graph.session import Graph  # noqa: E402
from graph.writer import GraphWriter  # noqa: E402
from ontology.model import ExtractionResult  # noqa: E402

TARGET_RATIO = 10.0
TARGET_OFFLINE_SHARE = 0.25
TARGET_EVENTS_PER_S = 5_000.0


def wipe(driver: neo4j.Driver, database: str) -> None:
    """Empty the database in chunks (one transaction cannot delete a large graph)."""
    with driver.session(database=database) as session:
        for statement in queries.DELETE_ALL:
            session.run(statement).consume()


def node_count(driver: neo4j.Driver, database: str) -> int:
    records = driver.execute_query(queries.COUNT_NODES, database_=database).records
    return int(records[0]["count"])


def process_cpu(pid: int | None) -> float | None:
    """User + system CPU seconds of a process so far (Linux procfs), None when unknown."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_load(
    driver: neo4j.Driver,
    database: str,
    results: list[ExtractionResult],
    batch_size: int,
    server_pid: int | None = None,
) -> dict[str, Any]:
    wipe(driver, database)
    ensure_schema(Graph(driver, database))
    cpu_before = process_cpu(server_pid)
    began = time.perf_counter()
    report = GraphWriter(Graph(driver, database), batch_size=batch_size).write_results(results)
    seconds = time.perf_counter() - began
    cpu_after = process_cpu(server_pid)
    if report.failed or report.events != len(results):
        raise SystemExit(f"load failed: {report}")
    row: dict[str, Any] = {
        "batch_size": batch_size,
        "events": report.events,
        "seconds": round(seconds, 3),
        "events_per_s": round(report.events / seconds, 1),
    }
    if cpu_before is not None and cpu_after is not None and cpu_after > cpu_before:
        row["server_cpu_s"] = round(cpu_after - cpu_before, 2)
        row["events_per_cpu_s"] = round(report.events / (cpu_after - cpu_before), 1)
    return row


def timed_offline(driver: neo4j.Driver, database: str, workdir: Path) -> dict[str, Any]:
    """The offline import of the graph in ``database`` (see ``offline_import.py``)."""
    from api.settings import get_settings
    from managed_neo4j.distribution import Distribution

    distribution = Distribution.in_data_dir(get_settings().data_dir)
    cpu_before = children_cpu()
    done = offline_import(driver, database, distribution, workdir)
    cpu = children_cpu() - cpu_before
    return {
        "events": done.events,
        "nodes": done.nodes,
        "relationships": done.relationships,
        "properties": done.properties,
        "seconds": round(done.seconds, 3),
        "events_per_s": round(done.events_per_s, 1),
        "neo4j_admin_cpu_s": round(cpu, 2),
        "events_per_cpu_s": round(done.events / cpu, 1) if cpu > 0 else None,
        "export_seconds": round(done.export_seconds, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=50_000, help="batched set size")
    parser.add_argument(
        "--per-event",
        type=int,
        default=1_000,
        help="prefix of the set loaded one transaction per event (0: skip)",
    )
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--uri", help="Neo4j bolt URI (default: DEKG_NEO4J_URI or throwaway)")
    parser.add_argument("--wipe", action="store_true", help="allow emptying a non-empty db")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)

    results = synthetic_results(args.events)
    load_before = os.getloadavg()[0]
    with neo4j_target(args.uri) as (driver, database, where, pid):
        if node_count(driver, database) and not args.wipe:
            print(
                f"refusing to wipe the non-empty database at {where}; pass --wipe", file=sys.stderr
            )
            return 2
        # Small runs first: emptying the database after the full set leaves Neo4j busy
        # (checkpointing, index cleanup) and would slow whatever runs next.
        prefix = results[: args.per_event]
        per_event = batched = None
        if prefix:
            per_event = timed_load(driver, database, prefix, 1, pid)
            batched = timed_load(driver, database, prefix, args.batch_size, pid)
        full = timed_load(driver, database, results, args.batch_size, pid)
        with tempfile.TemporaryDirectory(prefix="dekg-offline-") as workdir:
            offline = timed_offline(driver, database, Path(workdir))
        wipe(driver, database)
    summary = _summary(where, full, offline, batched, per_event)
    summary["load_average"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    _print(summary, args.batch_size)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(summary, indent=2))
    return 0 if summary["ok"] else 1


def _summary(
    where: str,
    full: dict[str, Any],
    offline: dict[str, Any],
    batched: dict[str, Any] | None,
    per_event: dict[str, Any] | None,
) -> dict[str, Any]:
    share = full["events_per_s"] / offline["events_per_s"]
    summary: dict[str, Any] = {
        "benchmark": "load",
        "neo4j": where,
        "online": full,
        "offline_import": offline,
        "online_share_of_offline": round(share, 3),
        "target_share": TARGET_OFFLINE_SHARE,
        "target_events_per_s": TARGET_EVENTS_PER_S,
        "ok_share": share >= TARGET_OFFLINE_SHARE,
        "ok_events_per_s": full["events_per_s"] >= TARGET_EVENTS_PER_S,
    }
    if full.get("events_per_cpu_s") and offline.get("events_per_cpu_s"):
        summary["online_share_of_offline_per_cpu_s"] = round(
            full["events_per_cpu_s"] / offline["events_per_cpu_s"], 3
        )
    ok = summary["ok_share"]
    if batched is not None and per_event is not None:
        ratio = batched["events_per_s"] / per_event["events_per_s"]
        summary.update(batched=batched, per_event=per_event, ratio=round(ratio, 1))
        summary.update(target_ratio=TARGET_RATIO, ok_ratio=ratio >= TARGET_RATIO)
        ok = ok and ratio >= TARGET_RATIO
    summary["ok"] = ok
    return summary


def _print(summary: dict[str, Any], batch_size: int) -> None:
    rows = [
        (f"online, batched ({batch_size}/tx)", summary["online"]),
        ("offline neo4j-admin import", summary["offline_import"]),
    ]
    if "batched" in summary:
        rows += [
            (f"online ({batch_size}/tx), prefix", summary["batched"]),
            ("online, one tx per event, prefix", summary["per_event"]),
        ]
    print(f"{'mode':<36}{'events':>8}{'seconds':>10}{'events/s':>11}{'events/cpu-s':>14}")
    for name, row in rows:
        per_cpu = row.get("events_per_cpu_s") or "-"
        print(
            f"{name:<36}{row['events']:>8}{row['seconds']:>10}{row['events_per_s']:>11}"
            f"{per_cpu:>14}"
        )
    share = summary["online_share_of_offline"]
    before, after = summary.get("load_average", ("?", "?"))
    print(f"load average (1 min) at start {before}, at end {after} (2 cores, shared)")
    print(
        f"online / offline: {share:.0%} (target >= {TARGET_OFFLINE_SHARE:.0%}); "
        f"online {summary['online']['events_per_s']:.0f} events/s "
        f"(target >= {TARGET_EVENTS_PER_S:.0f})"
    )
    if "online_share_of_offline_per_cpu_s" in summary:
        per_cpu_share = summary["online_share_of_offline_per_cpu_s"]
        print(f"online / offline per CPU-second: {per_cpu_share:.0%}")
    if "ratio" in summary:
        print(
            f"ratio batched/per-event on the same {summary['per_event']['events']} events from "
            f"an empty graph: {summary['ratio']:.1f}x (target >= {TARGET_RATIO:.0f}x)"
        )


if __name__ == "__main__":
    raise SystemExit(main())
