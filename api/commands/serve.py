"""``dekg serve``: run the query service with uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer


def serve(
    host: Annotated[
        str, typer.Option(help="address to bind; 127.0.0.1 keeps the service on this machine")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port")] = 8000,
    reload: Annotated[
        bool, typer.Option(help="restart when the code changes (development)")
    ] = False,
    workers: Annotated[int, typer.Option(min=1, help="worker processes (no --reload)")] = 1,
) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs) and the graph viewer (at /).

    Neo4j comes from DEKG_NEO4J_URI or the managed server (`dekg neo4j start`); writes need
    a key from DEKG_API_KEYS.
    """
    import uvicorn

    from api.runtime import NotConfigured, connection_from_settings
    from api.settings import get_settings

    settings = get_settings()
    try:
        connection = connection_from_settings(settings)
    except NotConfigured as e:
        typer.echo(f"dekg serve: {e}", err=True)
        raise typer.Exit(3) from e
    typer.echo(f"dekg: serving on http://{host}:{port}/ (Neo4j at {connection.uri})", err=True)
    if not settings.api_keys:
        typer.echo("dekg: no DEKG_API_KEYS set: write endpoints are refused", err=True)
    uvicorn.run(
        "api.app:create_app",
        factory=True,
        host=host,
        port=port,
        reload=reload,
        workers=None if reload else workers,
        log_level=settings.log_level.lower(),
        proxy_headers=False,
    )


def register(app: typer.Typer) -> None:
    """Add ``dekg serve`` to the dekg app."""
    app.command()(serve)
