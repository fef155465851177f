"""``dekg serve`` as a real child process on a loopback port, for tests that need a process
of its own (starvation, kill -9)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from api.settings import Settings


@dataclass
class ServerProcess:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def kill(self) -> None:
        """kill -9: no shutdown, no cleanup."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


def settings_env(settings: Settings, **extra: str) -> dict[str, str]:
    """The environment that gives a ``dekg serve`` child these settings."""
    env = dict(os.environ)
    password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else ""
    env.update(
        {
            "DEKG_NEO4J_URI": settings.neo4j_uri or "",
            "DEKG_NEO4J_USER": settings.neo4j_user,
            "DEKG_NEO4J_PASSWORD": password,
            "DEKG_NEO4J_DATABASE": settings.neo4j_database,
            "DEKG_DATA_DIR": str(settings.data_dir),
            "DEKG_API_KEYS": ",".join(k.get_secret_value() for k in settings.api_keys),
            "DEKG_LOG_LEVEL": "WARNING",
        }
    )
    env.update(extra)
    return env


def start_server(
    env: dict[str, str], port: int, log: Path, timeout_s: float = 60, args: tuple[str, ...] = ()
) -> ServerProcess:
    """Start ``dekg serve`` (with ``args``, e.g. ``--watch``) and wait until ``/health``
    answers."""
    dekg = Path(sys.executable).with_name("dekg")
    handle = log.open("ab")
    process = subprocess.Popen(
        [str(dekg), "serve", "--host", "127.0.0.1", "--port", str(port), *args],
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
    )
    handle.close()
    server = ServerProcess(f"http://127.0.0.1:{port}", process, log)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"dekg serve exited ({process.returncode}): {server.output()}")
        try:
            if httpx.get(server.url + "/health", timeout=2).status_code < 500:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    server.kill()
    raise RuntimeError(f"dekg serve did not answer within {timeout_s} s: {server.output()}")


def timed_get(url: str, **kwargs: Any) -> tuple[int, float]:
    start = time.monotonic()
    response = httpx.get(url, timeout=30, **kwargs)
    return response.status_code, time.monotonic() - start
