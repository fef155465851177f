"""`dekg watch`: poll feeds into the durable queue and load what they bring."""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from typing import Annotated, Any

import typer

from api.commands.graph import EXIT_NEO4J_UNAVAILABLE, EXIT_USAGE, NEO4J_HINT, _fail, _graph


def _print_polls(results: list[Any]) -> None:
    for r in results:
        detail = f" ({r.error})" if r.error else ""
        typer.echo(
            f"{r.url}: {r.status}, {r.new} new, {r.duplicates} seen before, "
            f"{r.item_errors} item errors{detail}",
            err=True,
        )


def watch(
    feeds: Annotated[
        Path | None,
        typer.Option(help="File of feeds, one 'URL [seconds]' per line (else DEKG_WATCH_FEEDS)."),
    ] = None,
    once: Annotated[
        bool, typer.Option(help="Poll every feed once, load what is queued, and exit.")
    ] = False,
    interval: Annotated[
        float | None,
        typer.Option(min=1.0, help="Seconds between polls of a feed without its own cadence."),
    ] = None,
) -> None:
    """Watch RSS/Atom feeds: conditional GETs, new items' pages fetched politely,
    de-duplicated by canonical URL and content hash, queued durably and loaded into Neo4j.

    The queue and the feed states live in DEKG_DATA_DIR/queue.sqlite: a restart resumes where
    the last run stopped, without losing or repeating anything.
    """
    from api.settings import get_settings
    from api.watch.service import FeedListError, WatchService, feeds_of
    from graph import GraphUnavailable
    from graph.schema import ensure_schema
    from ingest import ModelNotInstalled

    settings = get_settings()
    try:
        specs = feeds_of(settings, feeds, interval)
    except FeedListError as e:
        raise _fail(str(e), EXIT_USAGE) from e
    with _graph(settings) as graph:
        try:
            ensure_schema(graph)
            service = WatchService.build(settings, graph, specs)
        except ModelNotInstalled as e:
            raise _fail(str(e), EXIT_USAGE) from e
        try:
            if once:
                _print_polls(service.once())
            else:
                stopped = threading.Event()
                for sig in (signal.SIGINT, signal.SIGTERM):
                    signal.signal(sig, lambda *_: stopped.set())
                service.start()
                typer.echo(f"dekg watch: {len(specs)} feeds; Ctrl-C stops", err=True)
                stopped.wait()
        except GraphUnavailable as e:
            raise _fail(
                f"{e}\nthe queue keeps what was accepted; run again when Neo4j is back.\n"
                f"hint: {NEO4J_HINT}",
                EXIT_NEO4J_UNAVAILABLE,
            ) from e
        finally:
            report = service.consumer.report
            counts = service.queue.counts()
            service.stop()
    typer.echo(
        f"articles: {report.written} written, {report.unchanged} unchanged, "
        f"{report.failed} failed; events written: {report.events}; queue: {counts.queued} "
        f"waiting, {counts.done} done, {counts.failed} failed",
        err=True,
    )


def register(app: typer.Typer) -> None:
    app.command()(watch)
