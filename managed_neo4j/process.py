"""The server JVM: command line, launch, liveness, Bolt probe, termination."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from managed_neo4j import ServerError

_PR_SET_PDEATHSIG = 1
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
_BOLT_MAGIC = b"\x60\x60\xb0\x17"
# Offer Bolt 5.0-5.8 and 4.4: any non-zero answer means the server speaks Bolt.
_BOLT_VERSIONS = struct.pack(">IIII", 0x00080805, 0x00000404, 0, 0)

JVM_OPTIONS: tuple[str, ...] = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+ExitOnOutOfMemoryError",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
)


@dataclass(frozen=True)
class JavaCommand:
    """How to run one JVM of the server: options, classpath (passed as ``CLASSPATH``)."""

    java: str
    classpath: str
    options: tuple[str, ...]

    def server(self, home: Path) -> list[str]:
        return [
            self.java,
            *self.options,
            ENTRY_POINT,
            f"--home-dir={home}",
            f"--config-dir={home / 'conf'}",
        ]

    def admin(self, *args: str) -> list[str]:
        return [self.java, "-XX:TieredStopAtLevel=1", ADMIN_TOOL, *args]

    def env(self, home: Path) -> dict[str, str]:
        env = dict(os.environ, CLASSPATH=self.classpath, NEO4J_HOME=str(home))
        env["NEO4J_CONF"] = str(home / "conf")
        return env


def find_java() -> str:
    """``$JAVA_HOME/bin/java`` or ``java`` on PATH.

    Raises:
        ServerError: no Java runtime found.
    """
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").is_file():
        return str(Path(java_home) / "bin" / "java")
    java = shutil.which("java")
    if java is None:
        raise ServerError(
            "java not found: install a Java 17 or 21 runtime (Debian: apt-get install "
            "openjdk-17-jre-headless) or set JAVA_HOME"
        )
    return java


def spawn(
    command: list[str], env: dict[str, str], console: Path, cwd: Path, *, tied: bool = False
) -> subprocess.Popen[bytes]:
    """Start the server in its own session, output appended to ``console``.

    Args:
        tied: on Linux, the kernel sends the server SIGTERM when this process dies, however it
            dies (a killed test run leaves no server behind).
    """
    preexec = _terminate_with_parent() if tied else None
    with console.open("ab") as out:
        return subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=preexec,  # noqa: PLW1509 - one prctl call, libc loaded before the fork
        )


def _terminate_with_parent() -> Callable[[], None] | None:
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)

    def set_death_signal() -> None:
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)

    return set_death_signal


def run_admin(command: list[str], env: dict[str, str], cwd: Path) -> None:
    """Run a neo4j-admin command to completion.

    Raises:
        ServerError: it failed (with its output).
    """
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise ServerError(
            f"neo4j-admin {' '.join(command[3:5])} failed: {done.stdout}{done.stderr}"
        )


def is_alive(pid: int) -> bool:
    """True while ``pid`` runs (reaps it first when it is our exited child)."""
    try:
        reaped, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        reaped = 0
    if reaped == pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def is_server_of(pid: int, home: Path) -> bool:
    """True when ``pid`` is a live Neo4j server whose home is ``home``."""
    if not is_alive(pid):
        return False
    cmdline = Path(f"/proc/{pid}/cmdline")
    if not cmdline.parent.parent.exists():  # no procfs: trust the pid
        return True
    try:
        args = cmdline.read_bytes().split(b"\0")
    except (FileNotFoundError, ProcessLookupError):
        return False
    return ENTRY_POINT.encode() in args and f"--home-dir={home}".encode() in args


def terminate(pid: int, timeout: float) -> bool:
    """SIGTERM (a clean Neo4j shutdown), then SIGKILL after ``timeout`` seconds.

    Returns:
        True when it stopped cleanly, False when it had to be killed.
    """
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return True
    if _wait_gone(pid, timeout):
        return True
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        return True
    _wait_gone(pid, 10.0)
    return False


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not is_alive(pid):
            return True
        time.sleep(0.05)
    return not is_alive(pid)


def bolt_answers(port: int, timeout: float = 1.0) -> bool:
    """True when a Bolt server on 127.0.0.1:``port`` completes the version handshake."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            sock.sendall(_BOLT_MAGIC + _BOLT_VERSIONS)
            answer = _recv_exactly(sock, 4)
    except OSError:
        return False
    # The server answers with the version it chose: 00 00 <minor> <major>.
    return answer is not None and answer[:2] == b"\0\0" and answer[3] in (4, 5)


def _recv_exactly(sock: socket.socket, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data
