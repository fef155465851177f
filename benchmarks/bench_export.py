"""Export memory benchmark: does an export's memory grow with the graph, or stay flat?

For each size and format a fresh subprocess builds a synthetic projection (``events_to_graph``
over synthetic events), imports the writer (an export of an empty graph), then measures the
export of the full graph into a byte-counting sink: peak RSS above the RSS just before the
export (sampled every 2 ms with psutil), the growth of ``ru_maxrss``, and the time.

Target: for every format, the peak RSS delta at the largest size is at most 3x the delta at the
smallest (100k events vs 10k: 10x the graph). Exit status 1 when a format misses it.

Usage:
    python benchmarks/bench_export.py                       # 10k and 100k events, all formats
    python benchmarks/bench_export.py --sizes 1000 10000 --formats turtle csv
    python benchmarks/bench_export.py --json results.json
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import resource
import subprocess
import sys
import threading
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the generated graphs the tests use too

from synthetic_samples import synthetic_events  # noqa: E402

from graph.export import FORMATS  # noqa: E402

TARGET_RATIO = 3.0
#: networkx's own node-link export, which builds the whole document before writing it: a
#: control that shows the harness does see an export whose memory grows with the graph.
CONTROL = "control-nx-node-link"


class CountingSink(io.RawIOBase):
    """Discards what it is given, counting bytes (an HTTP response stream stand-in)."""

    def __init__(self) -> None:
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.size += len(data)
        return len(data)


def _rss() -> int:
    return int(psutil.Process().memory_info().rss)


class PeakSampler(threading.Thread):
    """Samples the process RSS every ``interval`` seconds until stopped; keeps the peak."""

    def __init__(self, interval: float = 0.002) -> None:
        super().__init__(daemon=True)
        self.interval = interval
        self.peak = _rss()
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.peak = max(self.peak, _rss())
            time.sleep(self.interval)

    def stop(self) -> int:
        self._stop_event.set()
        self.join()
        self.peak = max(self.peak, _rss())
        return self.peak


def _control_writer(graph: Any, fp: Any) -> None:
    import networkx as nx

    fp.write(json.dumps(nx.node_link_data(graph, edges="links"), default=str).encode("utf-8"))


def _writer(fmt: str) -> Callable[[Any, Any], None]:
    return _control_writer if fmt == CONTROL else FORMATS[fmt].write


def _traced_peak(write: Callable[[Any, Any], None], graph: Any) -> int:
    """Peak of Python allocations during a second export (tracemalloc: exact, but slow)."""
    gc.collect()
    tracemalloc.start()
    write(graph, CountingSink())
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def measure(size: int, fmt: str, traced: bool = False) -> dict[str, Any]:
    """Build the synthetic graph of ``size`` events, then measure one export of it."""
    import networkx as nx

    from graph.project import events_to_graph

    write = _writer(fmt)
    built = time.perf_counter()
    events, articles = synthetic_events(size)
    graph = events_to_graph(events, articles)
    del events, articles
    build_s = time.perf_counter() - built
    write(nx.MultiDiGraph(), CountingSink())  # import the writer's modules
    gc.collect()
    baseline = _rss()
    maxrss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    sampler = PeakSampler()
    sampler.start()
    sink = CountingSink()
    started = time.perf_counter()
    write(graph, sink)
    seconds = time.perf_counter() - started
    peak = sampler.stop()
    maxrss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    traced_peak = _traced_peak(write, graph) if traced else None
    return {
        "events": size,
        "format": fmt,
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "build_s": round(build_s, 2),
        "baseline_rss_mb": round(baseline / 2**20, 1),
        "peak_delta_mb": round((peak - baseline) / 2**20, 2),
        "maxrss_delta_mb": round(max(0, maxrss_after - maxrss_before) / 2**20, 2),
        "traced_peak_mb": None if traced_peak is None else round(traced_peak / 2**20, 2),
        "seconds": round(seconds, 3),
        "output_mb": round(sink.size / 2**20, 2),
    }


def _child(size: int, fmt: str, traced: bool) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", str(size), fmt]
    result = subprocess.run(
        [*command, "--traced"] if traced else command,
        capture_output=True,
        text=True,
        check=True,
    )
    measured: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return measured


def _ratio(small: dict[str, Any], large: dict[str, Any]) -> float:
    # A delta under 1 MiB is within the allocator's noise: count it as 1 MiB.
    return max(large["peak_delta_mb"], 1.0) / max(small["peak_delta_mb"], 1.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--formats", nargs="+", default=list(FORMATS), choices=[*FORMATS, CONTROL])
    parser.add_argument(
        "--control", action="store_true", help=f"also measure {CONTROL} (not streaming)"
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--traced", action="store_true", help="also measure the tracemalloc peak (slower)"
    )
    parser.add_argument("--child", nargs=2, metavar=("SIZE", "FORMAT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(int(args.child[0]), args.child[1], args.traced)))
        return 0
    sizes = sorted(args.sizes)
    formats = [*args.formats, CONTROL] if args.control else args.formats
    results = []
    for fmt in formats:
        for size in sizes:
            results.append(_child(size, fmt, args.traced))
            print(f"measured {fmt} at {size} events", file=sys.stderr, flush=True)
    header = f"{'format':<22}{'events':>8}{'nodes':>9}{'edges':>9}{'out MB':>9}"
    header += f"{'peak ΔRSS MB':>14}{'Δmaxrss MB':>12}{'traced MB':>11}{'time s':>9}"
    print(header)
    for r in results:
        print(
            f"{r['format']:<22}{r['events']:>8}{r['nodes']:>9}{r['edges']:>9}{r['output_mb']:>9}"
            f"{r['peak_delta_mb']:>14}{r['maxrss_delta_mb']:>12}{r['traced_peak_mb'] or '-':>11}"
            f"{r['seconds']:>9}"
        )
    failed = []
    print(f"\npeak ΔRSS ratio {sizes[-1]} / {sizes[0]} events (target ≤ {TARGET_RATIO}):")
    for fmt in formats:
        small = next(r for r in results if r["format"] == fmt and r["events"] == sizes[0])
        large = next(r for r in results if r["format"] == fmt and r["events"] == sizes[-1])
        ratio = _ratio(small, large)
        verdict = "ok" if ratio <= TARGET_RATIO else "MISSED"
        traced = ""
        if large["traced_peak_mb"] is not None:
            traced = f"  traced {large['traced_peak_mb'] / max(small['traced_peak_mb'], 0.01):6.2f}"
        print(f"  {fmt:<21} RSS {ratio:6.2f}{traced}  {verdict}")
        if ratio > TARGET_RATIO and fmt != CONTROL:
            failed.append(fmt)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
