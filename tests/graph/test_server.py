"""The managed Neo4j: jar cache and checksums, configuration, lifecycle, CLI, runtime."""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import neo4j
import psutil
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import SecretStr
from typer.testing import CliRunner

from api.cli import app
from api.runtime import NotConfigured, connection_from_settings, open_driver
from api.settings import Settings, get_settings
from graph import GraphUnavailable
from managed_neo4j.config import ServerConfig, check_memory, free_port, port_is_free
from managed_neo4j.distribution import Artifact, render_pom, write_manifest
from managed_neo4j.process import bolt_answers
from managed_neo4j.server import Distribution, ManagedNeo4j, ServerError

LOOPBACK_IPS = {"127.0.0.1", "::ffff:127.0.0.1"}


# The jar cache the session fixture uses (``DEKG_DATA_DIR`` or the default data dir), read
# before any test points DEKG_DATA_DIR elsewhere.
SHARED = Distribution.in_data_dir(Settings().data_dir)


def listening_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    return sock


def non_loopback_ipv4() -> str | None:
    for addresses in psutil.net_if_addrs().values():
        for address in addresses:
            if address.family == socket.AF_INET and not address.address.startswith("127."):
                return str(address.address)
    return None


# --- the jar cache ------------------------------------------------------------------------------


def tiny_distribution(root: Path) -> Distribution:
    """A hand-made cache of two small files, with a manifest written by the real code."""
    artifacts = (Artifact("org.example", "tool", "1.0"),)
    (root / "lib").mkdir(parents=True)
    (root / "plugins").mkdir()
    (root / "lib" / "tool-1.0.jar").write_bytes(b"PK\x03\x04 jar bytes")
    (root / "plugins" / "tool-1.0.jar").write_bytes(b"PK\x03\x04 jar bytes")
    write_manifest(root, "1.0", artifacts)
    return Distribution(root, version="1.0", artifacts=artifacts)


def test_verify_accepts_an_intact_cache(tmp_path: Path) -> None:
    distribution = tiny_distribution(tmp_path / "dist")
    assert distribution.is_provisioned()
    distribution.verify()


def test_verify_reports_a_changed_jar(tmp_path: Path) -> None:
    distribution = tiny_distribution(tmp_path / "dist")
    (distribution.lib / "tool-1.0.jar").write_bytes(b"PK\x03\x04 tampered")
    with pytest.raises(ServerError, match=r"checksum mismatch lib/tool-1.0.jar.*--force"):
        distribution.verify()


def test_verify_reports_missing_and_unexpected_files(tmp_path: Path) -> None:
    distribution = tiny_distribution(tmp_path / "dist")
    (distribution.plugins / "tool-1.0.jar").unlink()
    (distribution.lib / "extra.jar").write_bytes(b"surprise")
    with pytest.raises(ServerError) as info:
        distribution.verify()
    assert "missing plugins/tool-1.0.jar" in str(info.value)
    assert "unexpected lib/extra.jar" in str(info.value)


def test_a_cache_for_other_artifacts_is_not_provisioned(tmp_path: Path) -> None:
    distribution = tiny_distribution(tmp_path / "dist")
    other = Distribution(distribution.root, "1.0", (Artifact("org.example", "tool", "2.0"),))
    assert not other.is_provisioned()
    with pytest.raises(ServerError, match="dekg neo4j provision"):
        other.verify()


def test_provision_without_mvn_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    with pytest.raises(ServerError, match="mvn not found"):
        Distribution(tmp_path / "dist").provision()


artifact_names = st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True)


@given(st.lists(st.tuples(artifact_names, artifact_names), min_size=1, max_size=6, unique=True))
def test_the_pom_lists_every_artifact(pairs: list[tuple[str, str]]) -> None:
    artifacts = tuple(Artifact(f"org.{group}", name, "1.2.3") for group, name in pairs)
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    project = ET.fromstring(render_pom(artifacts))
    found = [
        (d.findtext("m:groupId", namespaces=ns), d.findtext("m:artifactId", namespaces=ns))
        for d in project.iterfind("m:dependencies/m:dependency", ns)
    ]
    assert found == [(a.group, a.name) for a in artifacts]
    assert project.findtext("m:packaging", namespaces=ns) == "pom"


# --- configuration ------------------------------------------------------------------------------


@given(st.integers(1024, 65535), st.integers(1024, 65535))
def test_the_config_binds_loopback_only(bolt: int, http: int) -> None:
    text = ServerConfig(Path("/srv/x"), Path("/srv/plugins"), bolt, http).render()
    settings = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
    addresses = {k: v for k, v in settings.items() if k.endswith(("_address", "listen_address"))}
    assert addresses, "no address settings rendered"
    assert all(value.startswith("127.0.0.1") for value in addresses.values())
    assert settings["server.bolt.listen_address"] == f"127.0.0.1:{bolt}"
    assert settings["server.http.listen_address"] == f"127.0.0.1:{http}"
    assert settings["dbms.security.auth_enabled"] == "true"
    assert settings["server.https.enabled"] == "false"


@given(st.from_regex(r"[1-9][0-9]{0,4}[kmgKMG]?", fullmatch=True))
def test_memory_sizes_are_accepted(size: str) -> None:
    assert check_memory(size, "heap") == size


@pytest.mark.parametrize("size", ["", "0", "1gb", "-1g", "1 g", "1.5g", "g"])
def test_bad_memory_sizes_are_refused(size: str) -> None:
    with pytest.raises(ServerError, match="heap"):
        check_memory(size, "the heap")


def test_a_taken_preferred_port_is_replaced() -> None:
    with listening_socket() as taken:
        port = taken.getsockname()[1]
        assert not port_is_free(port)
        replacement = free_port(port)
    assert replacement != port
    assert port_is_free(replacement)


def test_a_free_preferred_port_is_kept() -> None:
    port = free_port()
    assert free_port(port) == port


def test_bolt_probe_is_false_on_a_closed_port() -> None:
    assert not bolt_answers(free_port(), timeout=0.5)


# --- the session's server ------------------------------------------------------------------------


@pytest.mark.neo4j
def test_session_server_answers_bolt_only_on_its_bolt_port(neo4j_server: Any) -> None:
    from urllib.parse import urlparse

    bolt = urlparse(neo4j_server.uri).port
    http = urlparse(neo4j_server.http_uri).port
    assert bolt is not None and http is not None
    assert bolt_answers(bolt)
    assert not bolt_answers(http)  # the HTTP connector does not speak Bolt


@pytest.mark.neo4j
def test_session_server_listens_on_loopback_only(neo4j_server: Any) -> None:
    home: Path = neo4j_server.home
    pid = json.loads((home / "state.json").read_text())["pid"]
    listening = [
        c for c in psutil.Process(pid).net_connections(kind="inet") if c.status == "LISTEN"
    ]
    assert listening, "the server listens nowhere"
    assert {c.laddr.ip for c in listening} <= LOOPBACK_IPS
    address = non_loopback_ipv4()
    if address is not None:
        port = listening[0].laddr.port
        with pytest.raises(OSError), socket.create_connection((address, port), timeout=2):
            pass


@pytest.mark.neo4j
def test_session_server_password_file_is_private(neo4j_server: Any) -> None:
    password_file: Path = neo4j_server.home / "password"
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
    assert password_file.read_text().strip() == neo4j_server.password


@pytest.mark.neo4j
def test_wrong_password_is_refused(neo4j_server: Any) -> None:
    settings = Settings(
        _env_file=None,
        neo4j_uri=neo4j_server.uri,
        neo4j_password=SecretStr("not-the-password"),
    )
    with pytest.raises(GraphUnavailable, match="refused user 'neo4j'"):
        open_driver(settings, verify=True)


# --- lifecycle of a server of our own -----------------------------------------------------------


@pytest.fixture
def provisioned(neo4j_server: Any) -> Distribution:
    """The shared jar cache, provisioned by the session fixture (which fails or skips)."""
    assert SHARED.is_provisioned()
    return SHARED


@pytest.mark.neo4j
def test_start_stop_restart_keeps_data_and_ports(tmp_path: Path, provisioned: Distribution) -> None:
    with listening_socket() as taken:
        busy = taken.getsockname()[1]
        server = ManagedNeo4j(
            tmp_path / "home",
            provisioned,
            heap="512m",
            pagecache="64m",
            ports=(busy, free_port()),
            fast_start=True,
        )
        try:
            first = server.start(timeout=180)
            assert first.running and first.bolt_port != busy  # a taken port is not used
            assert server.start().pid == first.pid  # a second start finds it running
            credentials = server.credentials()
            with neo4j.GraphDatabase.driver(
                first.bolt_uri or "", auth=(credentials.user, credentials.password)
            ) as driver:
                driver.execute_query("CREATE (:Kept {id: 'survives-restart'})")

            assert server.stop() is True
            assert not psutil.pid_exists(first.pid)
            assert not server.status().running
            assert not server.state_file.exists()
            assert server.stop() is False  # stopping a stopped server is fine

            again = server.start(timeout=180)
            assert (again.bolt_port, again.http_port) == (first.bolt_port, first.http_port)
            with neo4j.GraphDatabase.driver(
                again.bolt_uri or "", auth=(credentials.user, credentials.password)
            ) as driver:
                records, _, _ = driver.execute_query("MATCH (k:Kept) RETURN k.id AS id")
            assert [r["id"] for r in records] == ["survives-restart"]

            server.stop()  # an emptied data directory starts again with the same password
            shutil.rmtree(server.home / "data")
            fresh = server.start(timeout=180)
            with neo4j.GraphDatabase.driver(
                fresh.bolt_uri or "", auth=(credentials.user, credentials.password)
            ) as driver:
                records, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS c")
            assert records[0]["c"] == 0
        finally:
            server.stop()


def gone(pid: int, timeout: float) -> bool:
    """True once ``pid`` has exited (a zombie counts as exited)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.2)
    return False


TIED_CHILD = """
import os, sys
from pathlib import Path
from managed_neo4j.server import Distribution, ManagedNeo4j
server = ManagedNeo4j(Path(sys.argv[1]), Distribution(Path(sys.argv[2])), heap="512m",
                      pagecache="64m", ports=None, fast_start=True, tied=True)
print(server.start(timeout=300).pid, flush=True)
os._exit(0)  # dies without stopping its server
"""


@pytest.mark.neo4j
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux")
def test_a_tied_server_dies_with_the_process_that_started_it(
    tmp_path: Path, provisioned: Distribution
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", TIED_CHILD, str(tmp_path / "home"), str(provisioned.root)],
        capture_output=True,
        text=True,
        timeout=400,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    pid = int(done.stdout.strip())
    assert gone(pid, timeout=120), f"server {pid} outlived the process that started it"


@pytest.mark.neo4j
def test_a_jvm_that_cannot_start_is_reported_with_its_log(
    tmp_path: Path, provisioned: Distribution
) -> None:
    server = ManagedNeo4j(tmp_path / "home", provisioned, heap="1k", ports=None)
    with pytest.raises(ServerError, match=r"(?s)exited with code [1-9].*heap"):
        server.start(timeout=60)
    assert not server.status().running
    assert not server.state_file.exists()


# --- the CLI and the runtime ---------------------------------------------------------------------


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh DEKG_DATA_DIR, sharing the jar cache through a symlink."""
    monkeypatch.delenv("DEKG_NEO4J_URI", raising=False)
    monkeypatch.delenv("DEKG_NEO4J_PASSWORD", raising=False)
    monkeypatch.setenv("DEKG_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_cli_status_when_never_started(data_dir: Path) -> None:
    result = CliRunner().invoke(app, ["neo4j", "status"])
    assert result.exit_code == 1
    assert "not running" in result.output
    assert "dekg neo4j start" in result.output


def test_runtime_without_any_server_says_what_to_do(data_dir: Path) -> None:
    with pytest.raises(NotConfigured, match=r"dekg neo4j start.*DEKG_NEO4J_URI"):
        connection_from_settings(get_settings())


def test_runtime_uses_the_external_server_when_configured(data_dir: Path) -> None:
    settings = Settings(
        _env_file=None,
        neo4j_uri="bolt://db.example:7687",
        neo4j_user="reader",
        neo4j_password=SecretStr("pw"),
        neo4j_database="events",
    )
    connection = connection_from_settings(settings)
    assert (connection.uri, connection.user, connection.database) == (
        "bolt://db.example:7687",
        "reader",
        "events",
    )
    assert connection.auth == ("reader", "pw")
    assert connection.managed is False


@pytest.mark.parametrize("command", ["start", "stop"])
def test_cli_manages_nothing_with_an_external_uri(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.setenv("DEKG_NEO4J_URI", "bolt://127.0.0.1:1")
    get_settings.cache_clear()
    result = CliRunner().invoke(app, ["neo4j", command])
    assert result.exit_code == 0
    assert "manages no local Neo4j" in result.output
    assert not (data_dir / "neo4j").exists()


@pytest.mark.neo4j
def test_cli_status_of_an_external_server(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, neo4j_server: Any
) -> None:
    monkeypatch.setenv("DEKG_NEO4J_URI", neo4j_server.uri)
    monkeypatch.setenv("DEKG_NEO4J_PASSWORD", neo4j_server.password)
    get_settings.cache_clear()
    result = CliRunner().invoke(app, ["neo4j", "status"])
    assert result.exit_code == 0, result.output
    assert "Neo4j/5.26" in result.output and "external" in result.output

    monkeypatch.setenv("DEKG_NEO4J_URI", f"bolt://127.0.0.1:{free_port()}")
    get_settings.cache_clear()
    down = CliRunner().invoke(app, ["neo4j", "status"])
    assert down.exit_code == 1
    assert "not reachable" in down.output


@pytest.mark.neo4j
def test_cli_start_status_stop_with_the_runtime(data_dir: Path, provisioned: Distribution) -> None:
    (data_dir / "neo4j" / "dist").mkdir(parents=True)
    (data_dir / "neo4j" / "dist" / provisioned.version).symlink_to(provisioned.root)
    runner = CliRunner()
    try:
        started = runner.invoke(app, ["neo4j", "start"])
        assert started.exit_code == 0, started.output
        assert "provisioned" not in started.output  # the cache was reused: no Maven run
        status = json.loads(runner.invoke(app, ["neo4j", "status", "--json"]).output)
        assert status["running"] is True
        assert status["browser_url"].startswith("http://127.0.0.1:")
        assert status["browser_url"].endswith("/browser/")
        assert status["bolt_uri"] in started.output

        connection = connection_from_settings(get_settings())
        assert connection.managed and connection.uri == status["bolt_uri"]
        with open_driver(get_settings(), verify=True) as driver:
            assert driver.execute_query("RETURN 1 AS one").records[0]["one"] == 1

        stopped = runner.invoke(app, ["neo4j", "stop"])
        assert stopped.exit_code == 0 and "stopped" in stopped.output
        assert not psutil.pid_exists(status["pid"])
        assert runner.invoke(app, ["neo4j", "status"]).exit_code == 1
        # stopped: the runtime still knows the address, and says the server is down
        assert connection_from_settings(get_settings()).uri == status["bolt_uri"]
        with pytest.raises(GraphUnavailable, match="not reachable"):
            open_driver(get_settings(), verify=True)
    finally:
        runner.invoke(app, ["neo4j", "stop"])


def test_provision_reuses_the_cache_without_maven(
    provisioned: Distribution, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second provision verifies the cache and never needs (or runs) mvn."""
    monkeypatch.setenv("PATH", str(tmp_path / "no-mvn-here") + os.pathsep + "/nonexistent")
    assert provisioned.provision() is False


@pytest.mark.parametrize("content", ["{not json", '{"pid": 1}', '["a list"]'])
def test_a_corrupt_state_file_is_reported(tmp_path: Path, content: str) -> None:
    server = ManagedNeo4j(tmp_path, Distribution(tmp_path / "dist"))
    server.state_file.write_text(content)
    with pytest.raises(ServerError, match="unreadable state file"):
        server.status()


def test_credentials_before_the_first_start_say_what_to_do(tmp_path: Path) -> None:
    server = ManagedNeo4j(tmp_path, Distribution(tmp_path / "dist"))
    with pytest.raises(ServerError, match="dekg neo4j start"):
        server.credentials()


def test_a_secret_is_not_in_the_repr() -> None:
    from managed_neo4j.server import Credentials

    assert "s3cret" not in repr(Credentials("neo4j", "s3cret"))


def test_a_generated_password_never_looks_like_an_option(monkeypatch: pytest.MonkeyPatch) -> None:
    from managed_neo4j import server

    tokens = iter(["-starts-with-a-dash", "_fine-one"])
    monkeypatch.setattr(server.secrets, "token_urlsafe", lambda n: next(tokens))
    assert server.new_password() == "_fine-one"
