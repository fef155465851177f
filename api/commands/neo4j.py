"""`dekg neo4j provision | start | stop | status | logs`: the managed local Neo4j server.

When ``DEKG_NEO4J_URI`` is set dekg uses that server: ``start`` and ``stop`` say so and do
nothing, ``status`` checks that server.
"""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from api.settings import Settings
    from managed_neo4j.server import ManagedNeo4j, ServerStatus

EXIT_ERROR = 1
EXIT_NOT_RUNNING = 1

neo4j_app = typer.Typer(
    name="neo4j",
    help="Manage the local Neo4j Community 5.26 server that dekg provisions from Maven Central "
    "(loopback only, generated password). Set DEKG_NEO4J_URI to use another server instead.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    """Add the ``neo4j`` command group to the dekg app."""
    app.add_typer(neo4j_app)


def _settings() -> Settings:
    from api.settings import get_settings

    return get_settings()


def _server(settings: Settings) -> ManagedNeo4j:
    from api.runtime import managed_server

    return managed_server(settings)


def _fail(message: str, code: int = EXIT_ERROR) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _external(settings: Settings, action: str) -> bool:
    """True (after saying so) when DEKG_NEO4J_URI points dekg at another server."""
    if not settings.neo4j_uri:
        return False
    typer.echo(
        f"DEKG_NEO4J_URI is set ({settings.neo4j_uri}): dekg uses that server and manages no "
        f"local Neo4j; nothing to {action}."
    )
    return True


def _describe(status: ServerStatus) -> str:
    lines = [
        f"Neo4j {status.version} (managed) running, pid {status.pid}",
        f"  Bolt:     {status.bolt_uri}",
        f"  Browser:  {status.browser_url}  (Neo4j Browser, loopback only)",
        f"  User:     neo4j, password in {status.password_file} (mode 0600)",
        f"  Data:     {status.data_dir}",
    ]
    return "\n".join(lines)


@neo4j_app.command()
def provision(
    force: Annotated[
        bool, typer.Option("--force", help="Delete the cached jars and resolve them again.")
    ] = False,
) -> None:
    """Download and verify the Neo4j server jars into the cache (no server is started).

    Resolves Neo4j Community, the Neo4j Browser and APOC core from Maven Central with `mvn`
    (strict checksums), records their SHA-256 in a manifest, and trains a class-data-sharing
    archive that makes later starts faster. A cached, verified copy is reused as is.
    """
    from managed_neo4j.server import ServerError

    server = _server(_settings())
    began = time.monotonic()
    had_archive = server.distribution.cds_archive.exists() and not force
    try:
        downloaded = server.provision(force=force)
    except ServerError as e:
        raise _fail(str(e)) from e
    verb = "resolved with Maven" if downloaded else "already cached and verified"
    trained = "" if had_archive else ", class-data-sharing archive trained"
    typer.echo(
        f"Neo4j {server.distribution.version} jars {verb} in {server.distribution.root}"
        f"{trained} ({time.monotonic() - began:.1f} s)"
    )


@neo4j_app.command()
def start(
    timeout: Annotated[
        float, typer.Option(help="Seconds to wait for Bolt to answer.", min=1)
    ] = 120.0,
) -> None:
    """Start the managed Neo4j (provisioning it on first use) and wait until Bolt answers.

    Binds 127.0.0.1 only, on 7687/7474 when free (else free ports, kept for later starts).
    The first start generates the password of user `neo4j` into the data directory.
    """
    from managed_neo4j.server import ServerError

    settings = _settings()
    if _external(settings, "start"):
        return
    server = _server(settings)
    try:
        if server.provision():
            typer.echo(f"provisioned Neo4j jars into {server.distribution.root}")
        status = server.start(timeout=timeout)
    except ServerError as e:
        raise _fail(str(e)) from e
    typer.echo(_describe(status))


@neo4j_app.command()
def stop(
    timeout: Annotated[
        float, typer.Option(help="Seconds to wait for a clean shutdown before killing.", min=1)
    ] = 60.0,
) -> None:
    """Stop the managed Neo4j cleanly; the database is kept for the next start."""
    from managed_neo4j.server import ServerError

    settings = _settings()
    if _external(settings, "stop"):
        return
    try:
        stopped = _server(settings).stop(timeout=timeout)
    except ServerError as e:
        raise _fail(str(e)) from e
    typer.echo("Neo4j stopped." if stopped else "Neo4j was not running.")


@neo4j_app.command()
def status(
    as_json: Annotated[bool, typer.Option("--json", help="Print the status as JSON.")] = False,
) -> None:
    """Print version, Bolt address and Neo4j Browser address; exit code 1 when not running."""
    settings = _settings()
    if settings.neo4j_uri:
        _external_status(settings, as_json)
        return
    current = _server(settings).status()
    if as_json:
        typer.echo(json.dumps(_status_dict(current), indent=2))
    elif current.running:
        typer.echo(_describe(current))
    else:
        typer.echo(
            f"Neo4j {current.version} (managed) is not running; start it with `dekg neo4j start`."
        )
    if not current.running:
        raise typer.Exit(EXIT_NOT_RUNNING)


@neo4j_app.command()
def logs(
    lines: Annotated[int, typer.Option("--lines", "-n", help="How many lines.", min=1)] = 40,
) -> None:
    """Print the end of the managed server's neo4j.log (debug.log sits next to it)."""
    from managed_neo4j.files import tail

    server = _server(_settings())
    text = tail(server.log_file, lines)
    if not text:
        raise _fail(f"no log at {server.log_file} (never started?)")
    typer.echo(text)
    typer.echo(f"-- {server.log_file}", err=True)


def _status_dict(current: ServerStatus) -> dict[str, object]:
    return {
        "managed": True,
        "running": current.running,
        "version": current.version,
        "pid": current.pid,
        "bolt_uri": current.bolt_uri,
        "http_uri": current.http_uri,
        "browser_url": current.browser_url,
        "password_file": str(current.password_file),
        "data_dir": str(current.data_dir),
    }


def _external_status(settings: Settings, as_json: bool) -> None:
    from api.runtime import connect, connection_from_settings
    from graph import GraphUnavailable

    connection = connection_from_settings(settings)
    try:
        driver = connect(connection, verify=True)
    except GraphUnavailable as e:
        if as_json:
            typer.echo(json.dumps({"managed": False, "running": False, "uri": connection.uri}))
        raise _fail(str(e), EXIT_NOT_RUNNING) from e
    with driver:
        agent = driver.get_server_info().agent
    if as_json:
        typer.echo(
            json.dumps(
                {"managed": False, "running": True, "uri": connection.uri, "version": agent},
                indent=2,
            )
        )
    else:
        typer.echo(f"{agent} (external, DEKG_NEO4J_URI) answering at {connection.uri}")
