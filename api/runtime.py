"""The one place that turns settings into a Neo4j connection and a driver.

Two cases:

* ``DEKG_NEO4J_URI`` is set: dekg uses that server (``DEKG_NEO4J_USER`` /
  ``DEKG_NEO4J_PASSWORD``; no password means no authentication) and manages nothing.
* otherwise: the managed local server of ``dekg neo4j start`` in ``DEKG_DATA_DIR/neo4j``
  (its Bolt port from the state file, its generated password from the password file).

The CLI and the API lifespan call ``open_driver``; library code receives the driver.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import neo4j
from pydantic import SecretStr

from api import ApiError
from api.settings import Settings
from graph import CredentialsRefused, GraphUnavailable
from graph.session import cause_message, verify_connectivity
from managed_neo4j import ServerError
from managed_neo4j.server import Distribution, ManagedNeo4j

START_HINT = "run `dekg neo4j start` or set DEKG_NEO4J_URI"


class NotConfigured(ApiError):
    """Neither an external Neo4j (DEKG_NEO4J_URI) nor a started managed server."""


@dataclass(frozen=True)
class Connection:
    """Where and how to reach Neo4j."""

    uri: str
    user: str
    password: SecretStr | None
    database: str
    managed: bool

    @property
    def auth(self) -> tuple[str, str] | None:
        if self.password is None:
            return None
        return (self.user, self.password.get_secret_value())


def managed_server(settings: Settings) -> ManagedNeo4j:
    """The managed local server of these settings (jars cached in the same data dir)."""
    return ManagedNeo4j(
        managed_home(settings),
        Distribution.in_data_dir(settings.data_dir),
        heap=settings.neo4j_heap,
    )


def managed_home(settings: Settings) -> Path:
    """The instance directory of the managed server: ``DEKG_DATA_DIR/neo4j``."""
    return settings.data_dir / "neo4j"


def connection_from_settings(settings: Settings) -> Connection:
    """The external server when ``neo4j_uri`` is set, else the managed one.

    A stopped managed server still yields its last Bolt address (a restart reuses the port),
    so a long-running caller reconnects once it is back.

    Raises:
        NotConfigured: no URI and the managed server was never started (or its state or
            password file cannot be read).
    """
    if settings.neo4j_uri:
        return Connection(
            settings.neo4j_uri,
            settings.neo4j_user,
            settings.neo4j_password,
            settings.neo4j_database,
            managed=False,
        )
    server = managed_server(settings)
    try:
        status = server.status()
        ports = (
            (status.bolt_port, status.http_port) if status.running else server.configured_ports()
        )
        if ports is None or ports[0] is None or not server.password_file.exists():
            raise NotConfigured(f"no Neo4j server: {START_HINT}")
        credentials = server.credentials()
    except ServerError as e:
        raise NotConfigured(f"the managed Neo4j cannot be used: {e}") from e
    return Connection(
        f"bolt://127.0.0.1:{ports[0]}",
        credentials.user,
        SecretStr(credentials.password),
        settings.neo4j_database,
        managed=True,
    )


def connect(connection: Connection, *, verify: bool = False) -> neo4j.Driver:
    """A driver for ``connection`` with dekg's pool and timeout settings.

    Args:
        verify: check connectivity and credentials now.

    Raises:
        GraphUnavailable: ``verify`` and the server cannot be reached or refuses the login.
    """
    driver = neo4j.GraphDatabase.driver(
        connection.uri,
        auth=connection.auth,
        user_agent=f"dekg/{_version()}",
        max_connection_pool_size=50,
        connection_timeout=10.0,
        connection_acquisition_timeout=30.0,
        max_transaction_retry_time=15.0,
        liveness_check_timeout=60.0,
    )
    if verify:
        try:
            verify_connectivity(driver, f"connecting to {connection.uri}")
        except CredentialsRefused as e:
            driver.close()
            raise CredentialsRefused(
                f"Neo4j at {connection.uri} refused user {connection.user!r}: {cause_message(e)}"
            ) from e.__cause__
        except GraphUnavailable as e:
            driver.close()
            raise GraphUnavailable(
                f"Neo4j at {connection.uri} is not reachable ({cause_message(e)}); {START_HINT}"
            ) from e.__cause__
    return driver


def open_driver(settings: Settings, *, verify: bool = False) -> neo4j.Driver:
    """The driver of this process for ``settings`` (see ``connect``); the caller closes it.

    Raises:
        NotConfigured: no server configured or started.
        GraphUnavailable: ``verify`` and the server cannot be reached.
    """
    return connect(connection_from_settings(settings), verify=verify)


def _version() -> str:
    try:
        return version("dekg")
    except PackageNotFoundError:
        return "0.0.0"
