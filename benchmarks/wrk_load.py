"""Run wrk (the C load generator) over a list of request paths; the result as a dict.

Each wrk thread reads the paths file and takes every n-th line from its own offset, so the
threads never send the same request twice; answers with ``X-Cache: hit`` are counted.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path
from typing import Any

_WRK_SCRIPT = """
local threads = {}
local counter = 0
setup = function(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end
init = function(args)
  paths = {}
  for line in io.lines("%(paths)s") do paths[#paths + 1] = line end
  i = id
  hits = 0
end
request = function()
  local path = paths[(i %% #paths) + 1]
  i = i + %(threads)d
  return wrk.format("GET", path)
end
response = function(status, headers, body)
  if headers["x-cache"] == "hit" then hits = hits + 1 end
end
done = function(summary, latency, requests)
  local total_hits = 0
  for _, t in ipairs(threads) do total_hits = total_hits + t:get("hits") end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %%d, "duration_us": %%d, "socket_errors": %%d, "non2xx": %%d, ' ..
    '"p50_us": %%d, "p90_us": %%d, "p99_us": %%d, "mean_us": %%f, "hits": %%d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean,
    total_hits))
end
"""
WRK_THREADS = 2
#: Upper bound of requests per wrk run (paths are generated for this many).
WRK_MAX_RATE = 4000


def wrk(url: str, paths: list[str], seconds: int, concurrency: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="dekg-wrk-") as tmp:
        listing = Path(tmp, "paths.txt")
        listing.write_text("\n".join(paths) + "\n")
        script = Path(tmp, "load.lua")
        script.write_text(_WRK_SCRIPT % {"paths": listing, "threads": WRK_THREADS})
        command = ["wrk", f"-t{WRK_THREADS}", f"-c{concurrency}", "--timeout", "30s"]
        out = subprocess.run(
            [*command, "-s", str(script), f"-d{seconds}s", url],
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 120,
        )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))
