"""The Python load generator (asyncio + httpx), used only when asked (``--client httpx``).

It runs in the same machine's cores as the service it measures, so its figures include its
own CPU time; wrk (``wrk_load``) is the default.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from typing import Any


async def run_load(url: str, paths: list[str], concurrency: int) -> dict[str, Any]:
    import httpx

    latencies: list[float] = []
    errors: dict[str, int] = {}
    hits = 0
    queue = list(reversed(paths))
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30.0) as client:

        async def worker() -> None:
            while queue:
                path = queue.pop()
                began = time.perf_counter()
                nonlocal hits
                try:
                    response = await client.get(path)
                    status = str(response.status_code)
                    hits += response.headers.get("x-cache") == "hit"
                except httpx.HTTPError as e:
                    status = type(e).__name__
                latencies.append(time.perf_counter() - began)
                if status != "200":
                    errors[status] = errors.get(status, 0) + 1

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        seconds = time.perf_counter() - began
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return round(1000 * ordered[min(len(ordered) - 1, int(p * len(ordered)))], 1)

    return {
        "requests": len(latencies),
        "seconds": round(seconds, 2),
        "req_per_s": round(len(latencies) / seconds, 1),
        "p50_ms": pct(0.50),
        "p90_ms": pct(0.90),
        "p99_ms": pct(0.99),
        "mean_ms": round(1000 * statistics.fmean(latencies), 1),
        "hit_ratio": round(hits / len(latencies), 3),
        "errors": errors,
    }
