"""``dekg serve``: run the query service with uvicorn."""

from __future__ import annotations

import os
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
    watch: Annotated[
        bool, typer.Option(help="also watch the feeds of DEKG_WATCH_FEEDS(_FILE) in the service")
    ] = False,
) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs) and the graph viewer (at /).

    Neo4j comes from DEKG_NEO4J_URI or the managed server (`dekg neo4j start`); writes need
    a key from DEKG_API_KEYS.
    """
    import uvicorn

    from api.runtime import NotConfigured, connection_from_settings
    from api.settings import get_settings

    if watch:
        if workers > 1:
            typer.echo("dekg serve: --watch runs in one worker process only", err=True)
            raise typer.Exit(2)
        os.environ["DEKG_WATCH_IN_SERVICE"] = "true"  # read by the app factory's settings
        get_settings.cache_clear()
    settings = get_settings()
    if watch:
        from api.watch.service import FeedListError, feeds_of

        try:
            feeds_of(settings)
        except FeedListError as e:
            typer.echo(f"dekg serve: {e}", err=True)
            raise typer.Exit(2) from e
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
