"""`dekg backfill`: extraction on a Dask cluster, loading through one batched writer."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from api.commands import PublishedOpt, usage
from api.commands.graph import (
    EXIT_ITEMS_FAILED,
    EXIT_USAGE,
    _fail,
    _graph,
    _lost,
    _summary,
)


def backfill(  # noqa: PLR0917 - one parameter per command-line option
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Article files (.txt, .html, .jsonl, .json, RSS/Atom) or directories.",
            show_default=False,
        ),
    ],
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address (tcp://host:8786); default: a local cluster."),
    ] = None,
    workers: Annotated[
        int, typer.Option(min=1, max=256, help="Worker processes of the local cluster.")
    ] = 2,
    files_per_partition: Annotated[
        int, typer.Option(min=1, max=100_000, help="Input files per Dask task.")
    ] = 8,
    published: PublishedOpt = None,
    batch_size: Annotated[
        int, typer.Option(min=1, max=100_000, help="Events per Neo4j transaction.")
    ] = 1000,
    model: Annotated[
        str | None,
        typer.Option(help="spaCy model name (default: DEKG_SPACY_MODEL, else en_core_web_sm)."),
    ] = None,
) -> None:
    """Backfill an archive: extraction on Dask workers, one batched writer into Neo4j.

    Builds the same graph as `dekg ingest` on the same input, and is resumable the same way
    (unchanged articles are skipped). Needs the backfill extra (pip install 'dekg[backfill]').
    Exit status as `dekg ingest`.
    """
    from api.backfill import BackfillOptions, BackfillUnavailable, PartitionDone, dask_client
    from api.backfill import backfill as run_backfill
    from api.settings import get_settings
    from api.usecases.filters import parse_day
    from graph import GraphUnavailable
    from graph.schema import ensure_schema

    day = usage(lambda: parse_day(published, "--published"))
    settings = get_settings()
    options = BackfillOptions(
        model=model or settings.spacy_model,
        actor_dictionaries=tuple(str(p) for p in settings.actor_dictionaries),
        triggers=str(settings.triggers),
        published=day,
        files_per_partition=files_per_partition,
    )

    def progress(done: PartitionDone) -> None:
        typer.echo(f"partition {done.index}/{done.partitions}: {done.articles} articles", err=True)

    with _graph(settings) as graph:
        try:
            ensure_schema(graph)
            with dask_client(scheduler, workers=workers) as client:
                report = run_backfill(
                    client, graph, paths, options, progress, batch_size=batch_size
                )
        except BackfillUnavailable as e:
            raise _fail(str(e), EXIT_USAGE) from e
        except GraphUnavailable as e:
            raise _lost(e) from e
    for error in report.errors:
        typer.echo(f"error: {error.item}: {error.error_kind}: {error.error}", err=True)
    typer.echo(_summary(report), err=True)
    sys.stderr.flush()
    if report.written + report.unchanged + report.failed == 0:
        raise _fail("no input items found", EXIT_ITEMS_FAILED)
    if report.failed:
        raise typer.Exit(EXIT_ITEMS_FAILED)


def register(app: typer.Typer) -> None:
    app.command()(backfill)
