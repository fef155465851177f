"""The managed local Neo4j Community server: provision, start, stop, status.

The server is assembled from Maven Central (see ``managed_neo4j.distribution``) and run
as ``java ... org.neo4j.server.CommunityEntryPoint`` with a generated ``neo4j.conf``. One
instance lives in a *home* directory::

    home/conf/neo4j.conf    generated on every start (ports, directories, loopback only)
    home/data/              the database; kept across stop/start
    home/logs/              neo4j.log, debug.log, console.log
    home/password           generated password of user ``neo4j`` (mode 0600)
    home/state.json         pid and ports of the running server

The jars are shared by every home (``Distribution``); databases are not.

Example:
    >>> server = ManagedNeo4j(home, Distribution.in_data_dir(data_dir))  # doctest: +SKIP
    >>> server.provision(); status = server.start()  # doctest: +SKIP
    >>> status.bolt_uri  # doctest: +SKIP
    'bolt://127.0.0.1:7687'
"""

from __future__ import annotations

import json
import secrets
import subprocess
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from managed_neo4j import ServerError
from managed_neo4j.config import ServerConfig, check_memory, free_port
from managed_neo4j.distribution import NEO4J_VERSION, Distribution
from managed_neo4j.files import file_lock, tail, write_atomic, write_private
from managed_neo4j.process import (
    JVM_OPTIONS,
    JavaCommand,
    bolt_answers,
    find_java,
    is_server_of,
    run_admin,
    spawn,
    terminate,
)
from managed_neo4j.status import Credentials, ServerStatus, State

__all__ = [
    "Credentials",
    "Distribution",
    "ManagedNeo4j",
    "ServerError",
    "ServerStatus",
]

USER = "neo4j"
DEFAULT_PORTS = (7687, 7474)
_PORT_ATTEMPTS = 3


def new_password() -> str:
    """A random password that neo4j-admin reads as a value: one starting with ``-`` (1 in
    64 of ``token_urlsafe``) would be taken for an option and the first start would fail."""
    while (password := secrets.token_urlsafe(24)).startswith("-"):
        continue
    return password


class ManagedNeo4j:
    """One local Neo4j server instance living in ``home``.

    Args:
        home: the instance directory (database, logs, password, state).
        distribution: the cached jars to run.
        heap: maximum JVM heap (``-Xmx``), e.g. ``1g``.
        pagecache: Neo4j page cache size.
        ports: preferred (bolt, http) ports, used when free; ``None`` picks free ports.
        fast_start: JIT with C1 only: starts in about half the time, runs queries slower.
            Meant for throwaway test servers.
        tied: the server dies with this Python process (Linux); for throwaway servers.
    """

    def __init__(
        self,
        home: Path,
        distribution: Distribution,
        *,
        heap: str = "1g",
        pagecache: str = "512m",
        ports: tuple[int, int] | None = DEFAULT_PORTS,
        fast_start: bool = False,
        tied: bool = False,
    ) -> None:
        self.home = home.absolute()  # the JVM runs in ``home``: relative paths would move
        self.distribution = distribution
        self.heap = check_memory(heap, "the Neo4j heap")
        self.pagecache = check_memory(pagecache, "the Neo4j page cache")
        self.ports = ports
        self.fast_start = fast_start
        self.tied = tied
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def password_file(self) -> Path:
        return self.home / "password"

    @property
    def state_file(self) -> Path:
        return self.home / "state.json"

    @property
    def log_file(self) -> Path:
        return self.home / "logs" / "neo4j.log"

    @property
    def console_file(self) -> Path:
        return self.home / "logs" / "console.log"

    def provision(self, *, force: bool = False, timeout: float = 300.0) -> bool:
        """Resolve the jars unless cached, then train the class-data-sharing archive if absent.

        Returns:
            True when Maven ran, False when the verified cache was reused.
        """
        downloaded = self.distribution.provision(force=force)
        if not self.distribution.cds_archive.exists():
            self._train_cds(timeout)
        return downloaded

    def start(self, timeout: float = 120.0) -> ServerStatus:
        """Start the server (no-op when it already runs) and wait until Bolt answers.

        Raises:
            ServerError: java missing, jars not provisioned, ports taken, or the server did not
                answer within ``timeout`` seconds (the message carries the log's tail).
        """
        return self._start(timeout)

    def stop(self, timeout: float = 60.0) -> bool:
        """Stop the server cleanly (SIGTERM; SIGKILL after ``timeout`` s).

        Returns:
            True when a running server was stopped, False when none was running.
        """
        if not self.home.exists():
            return False
        with file_lock(self.home / ".lock"):
            state = self._live_state()
            if state is not None:
                terminate(state.pid, timeout)
            self._reap()
            self.state_file.unlink(missing_ok=True)
        return state is not None

    def status(self) -> ServerStatus:
        """The server's state, from its state file and a liveness check of the pid."""
        state = self._live_state()
        if state is None:
            return ServerStatus(False, NEO4J_VERSION, self.home, self.password_file)
        return ServerStatus(
            True,
            state.version,
            self.home,
            self.password_file,
            pid=state.pid,
            bolt_port=state.bolt_port,
            http_port=state.http_port,
        )

    def credentials(self) -> Credentials:
        """The user and generated password.

        Raises:
            ServerError: the password file does not exist (never started).
        """
        try:
            password = self.password_file.read_text(encoding="utf-8").strip()
        except FileNotFoundError as e:
            raise ServerError(
                f"no password file {self.password_file}: run `dekg neo4j start` first"
            ) from e
        return Credentials(USER, password)

    def configured_ports(self) -> tuple[int, int] | None:
        """(bolt, http) of the last generated ``neo4j.conf``: a restart reuses them if free."""
        conf = self.home / "conf" / "neo4j.conf"
        if not conf.exists():
            return None
        values = dict(
            line.split("=", 1)
            for line in conf.read_text(encoding="utf-8").splitlines()
            if "=" in line
        )
        try:
            return (
                int(values["server.bolt.listen_address"].rsplit(":", 1)[1]),
                int(values["server.http.listen_address"].rsplit(":", 1)[1]),
            )
        except (KeyError, ValueError):
            return None

    # -- internals ---------------------------------------------------------------------------

    def _java(self, dump_cds_to: Path | None = None) -> JavaCommand:
        options = [f"-Xmx{self.heap}", *JVM_OPTIONS]
        if self.fast_start:
            options.append("-XX:TieredStopAtLevel=1")
        if dump_cds_to is not None:
            options.append(f"-XX:ArchiveClassesAtExit={dump_cds_to}")
        elif self.distribution.cds_archive.exists():
            options.append(f"-XX:SharedArchiveFile={self.distribution.cds_archive}")
        return JavaCommand(find_java(), self.distribution.classpath(), tuple(options))

    def _live_state(self) -> State | None:
        try:
            text = self.state_file.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        try:
            raw = json.loads(text)
            state = State(
                int(raw["pid"]), int(raw["bolt_port"]), int(raw["http_port"]), str(raw["version"])
            )
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as e:
            raise ServerError(
                f"unreadable state file {self.state_file} ({e}): stop the server if it runs "
                "and delete the file"
            ) from e
        return state if is_server_of(state.pid, self.home) else None

    def _ensure_password(self, command: JavaCommand) -> None:
        """Before a database exists, set the password of ``neo4j`` (generated on first use)."""
        database_exists = (self.home / "data" / "databases" / "system").exists()
        if database_exists:
            if not self.password_file.exists():
                raise ServerError(
                    f"the database in {self.home / 'data'} exists but its password file "
                    f"{self.password_file} is gone: restore it, or remove {self.home / 'data'} "
                    "to start from an empty database"
                )
            return
        generated = not self.password_file.exists()
        if generated:
            write_private(self.password_file, new_password() + "\n")
        try:
            # picocli reads the argument from the file: the password never shows in `ps`.
            run_admin(
                command.admin("dbms", "set-initial-password", f"@{self.password_file}"),
                command.env(self.home),
                self.home,
            )
        except ServerError:
            if generated:
                self.password_file.unlink()
            raise

    def _launch(self, command: JavaCommand, timeout: float) -> None:
        taken: set[int] = set()
        for attempt in range(_PORT_ATTEMPTS):
            bolt, http = self._pick_ports(frozenset(taken), fresh=attempt > 0)
            config = ServerConfig(self.home, self.distribution.plugins, bolt, http, self.pagecache)
            write_atomic(self.home / "conf" / "neo4j.conf", config.render())
            log_mark = _size(self.console_file), _size(self.log_file)
            self._process = spawn(
                command.server(self.home),
                command.env(self.home),
                self.console_file,
                self.home,
                tied=self.tied,
            )
            state = State(self._process.pid, bolt, http, self.distribution.version)
            write_atomic(self.state_file, json.dumps(state.__dict__ | {"started": _now()}))
            failure = self._await_bolt(bolt, timeout)
            if failure is None:
                return
            self._abort()
            logs = self._log_tail(*log_mark)
            if "Address already in use" in logs and attempt + 1 < _PORT_ATTEMPTS:
                taken |= {bolt, http}
                continue
            raise ServerError(f"Neo4j {failure}; see {self.home / 'logs'}:\n{logs}")
        raise ServerError("Neo4j could not bind free ports")  # pragma: no cover

    def _pick_ports(self, taken: frozenset[int], *, fresh: bool) -> tuple[int, int]:
        preferred = (self.configured_ports() if self.ports else None) or self.ports
        if fresh or preferred is None:
            preferred = None
        bolt = free_port(preferred[0] if preferred else None, taken)
        http = free_port(preferred[1] if preferred else None, taken | {bolt})
        return bolt, http

    def _await_bolt(self, port: int, timeout: float) -> str | None:
        """None once Bolt answers, else why not."""
        assert self._process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                return f"exited with code {self._process.returncode} during start"
            if bolt_answers(port):
                return None
            time.sleep(0.1)
        return f"did not answer on Bolt port {port} within {timeout:.0f} s"

    def _abort(self) -> None:
        if self._process is not None and self._process.poll() is None:
            terminate(self._process.pid, 10.0)
        self._reap()
        self.state_file.unlink(missing_ok=True)

    def _reap(self) -> None:
        if self._process is not None:
            if self._process.poll() is None:
                self._process.wait(timeout=10.0)
            self._process = None

    def _log_tail(self, console_from: int, log_from: int) -> str:
        parts = []
        for path, start in ((self.console_file, console_from), (self.log_file, log_from)):
            text = _read_from(path, start)
            if text.strip():
                parts.append(f"--- {path.name}\n" + "\n".join(text.splitlines()[-20:]))
        return "\n".join(parts) or tail(self.home / "logs" / "debug.log")

    def _start(self, timeout: float, dump_cds_to: Path | None = None) -> ServerStatus:
        self.home.mkdir(mode=0o700, parents=True, exist_ok=True)
        with file_lock(self.home / ".lock"):
            if self._live_state() is not None:
                return self.status()
            self.distribution.verify()
            command = self._java(dump_cds_to)
            for sub in ("conf", "data", "logs", "run", "import"):
                (self.home / sub).mkdir(exist_ok=True)
            self._ensure_password(command)
            self._launch(command, timeout)
        return self.status()

    def _train_cds(self, timeout: float) -> None:
        """Run a throwaway server that writes the class-data-sharing archive when it exits."""
        archive = self.distribution.cds_archive
        archive.parent.mkdir(exist_ok=True)
        with file_lock(archive.parent / ".lock"):
            if archive.exists():
                return
            partial = archive.with_name(archive.name + ".partial")
            partial.unlink(missing_ok=True)
            with tempfile.TemporaryDirectory(prefix="dekg-neo4j-cds-") as tmp:
                trainer = ManagedNeo4j(
                    Path(tmp), self.distribution, heap=self.heap, ports=None, tied=True
                )
                trainer._start(timeout, dump_cds_to=partial)
                trainer.stop(timeout)
                if not partial.exists():
                    raise ServerError(
                        "the class-data-sharing training run wrote no archive:\n"
                        + tail(trainer.console_file)
                    )
            partial.replace(archive)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _read_from(path: Path, offset: int) -> str:
    try:
        with path.open("rb") as fh:
            fh.seek(offset)
            return fh.read().decode("utf-8", errors="replace")
    except FileNotFoundError:
        return ""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
