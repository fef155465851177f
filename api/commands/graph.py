"""`dekg ingest` (articles → events → Neo4j), `dekg export` (a filtered graph to a file) and
`dekg stats` (what the graph holds)."""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, BinaryIO

import typer

from api.commands import ModelOpt, PathsArg, PublishedOpt, WorkersOpt, usage
from api.usecases.exports import ExportName

if TYPE_CHECKING:
    from api.settings import Settings
    from graph.session import Graph
    from graph.writer import WriteReport
    from ontology.model import ExtractionResult

EXIT_ITEMS_FAILED = 1
EXIT_USAGE = 2
EXIT_NEO4J_UNAVAILABLE = 3

NEO4J_HINT = (
    "start the managed server with `dekg neo4j start`, or point DEKG_NEO4J_URI "
    "(with DEKG_NEO4J_USER / DEKG_NEO4J_PASSWORD) at a running Neo4j"
)


class StatsFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


def _fail(message: str, code: int) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _lost(e: Exception) -> typer.Exit:
    """Neo4j went away during a load (exit 3): what was committed stays; run it again."""
    return _fail(
        f"{e}\nwhat was committed stays; run the same command again when Neo4j is "
        f"back.\nhint: {NEO4J_HINT}",
        EXIT_NEO4J_UNAVAILABLE,
    )


@contextlib.contextmanager
def _graph(settings: Settings) -> Iterator[Graph]:
    """The one driver of this process, connected or a clear error (exit 3), closed at exit."""
    from api import ApiError
    from api.runtime import open_driver
    from graph import GraphError
    from graph.session import Graph

    try:
        driver = open_driver(settings, verify=True)
    except (GraphError, ApiError) as e:  # their messages say how to start or point at Neo4j
        raise _fail(str(e), EXIT_NEO4J_UNAVAILABLE) from e
    try:
        yield Graph(driver, settings.neo4j_database)
    finally:
        driver.close()


# --- ingest -----------------------------------------------------------------------------------


def _summary(report: WriteReport) -> str:
    return (
        f"articles: {report.written} written, {report.unchanged} unchanged, "
        f"{report.failed} failed; "
        f"events written: {report.events}; actors written: {report.actors}"
    )


def ingest(
    paths: PathsArg,
    workers: WorkersOpt = 1,
    published: PublishedOpt = None,
    batch_size: Annotated[
        int, typer.Option(min=1, max=100_000, help="Events per Neo4j transaction.")
    ] = 1000,
    model: ModelOpt = None,
) -> None:
    """Extract events from articles and load them into Neo4j (idempotent and resumable).

    Articles already in the graph with the same content are skipped ("unchanged"), so running
    the same command again after an interruption finishes the job. Exit status: 0 when every
    item was loaded, 1 when some items failed, 2 on usage errors, 3 when Neo4j is unreachable.
    """
    from tqdm import tqdm

    from api.settings import get_settings
    from api.usecases.filters import parse_day
    from api.usecases.ingestion import ingest_stream
    from graph import GraphUnavailable
    from ingest import ModelNotInstalled
    from ingest.extract import Extractor
    from ingest.nlp import load_pipeline
    from ingest.readers import iter_items

    day = usage(lambda: parse_day(published, "--published"))
    settings = get_settings()
    shown: set[str] = set()

    def seen(progress: tqdm[None]) -> Callable[[ExtractionResult], None]:
        def on_result(result: ExtractionResult) -> None:
            progress.update(1)
            if not result.ok:
                shown.add(result.item)
                tqdm.write(f"error: {result.item}: {result.error_kind}: {result.error}", sys.stderr)

        return on_result

    with _graph(settings) as graph:
        try:
            nlp = load_pipeline(
                model or settings.spacy_model, settings.actor_dictionaries, settings.triggers
            )
        except ModelNotInstalled as e:
            raise _fail(str(e), EXIT_USAGE) from e
        try:
            with tqdm(desc="articles", unit=" art", file=sys.stderr, disable=None) as progress:
                report = ingest_stream(
                    graph,
                    Extractor(nlp),
                    iter_items(paths, published=day),
                    batch_size=batch_size,
                    n_process=workers,
                    on_result=seen(progress),
                )
        except GraphUnavailable as e:
            raise _lost(e) from e
    for error in report.errors:
        if error.item not in shown:
            typer.echo(f"error: {error.item}: {error.error_kind}: {error.error}", err=True)
    typer.echo(_summary(report), err=True)
    if report.written + report.unchanged + report.failed == 0:
        raise _fail("no input items found", EXIT_ITEMS_FAILED)
    if report.failed:
        raise typer.Exit(EXIT_ITEMS_FAILED)


# --- export -----------------------------------------------------------------------------------


@contextlib.contextmanager
def _output(path: Path) -> Iterator[BinaryIO]:
    """Stdout for ``-``; else a temporary file renamed into place only when writing succeeds."""
    if str(path) == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fp:
            yield fp
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def export(
    output_format: Annotated[
        ExportName, typer.Option("--format", "-f", help="Export format.", show_default=False)
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write ('-' for stdout).")],
    *,
    types: Annotated[
        list[str] | None, typer.Option("--type", help="PLOVER event type (repeatable).")
    ] = None,
    actors: Annotated[
        list[str] | None,
        typer.Option(
            "--actor",
            help="Actor id such as state:RUS or person:sergei-lavrov, an ISO3 code (the "
            "state) or an exact name or alias; a state includes its affiliated persons "
            "(repeatable).",
        ),
    ] = None,
    countries: Annotated[
        list[str] | None,
        typer.Option("--country", help="ISO 3166 alpha-3 code of a source/target actor."),
    ] = None,
    date_from: Annotated[
        str | None, typer.Option("--from", help="Events on or after this date (YYYY-MM-DD).")
    ] = None,
    date_to: Annotated[
        str | None, typer.Option("--to", help="Events on or before this date (YYYY-MM-DD).")
    ] = None,
    place: Annotated[str | None, typer.Option(help="Place name (case-insensitive).")] = None,
    near: Annotated[
        str | None, typer.Option(help="LAT,LON,KM: events within KM of the point.")
    ] = None,
    modality: Annotated[
        str | None, typer.Option(help="asserted, future, hypothetical, negated or historical.")
    ] = None,
    min_confidence: Annotated[
        float | None, typer.Option(help="Only events with at least this confidence (0-1).")
    ] = None,
) -> None:
    """Export the events matching the filters (with their actors, places and articles)."""
    from api.settings import get_settings
    from api.usecases.exports import read_export, write_export
    from api.usecases.filters import parse_filter
    from graph import GraphError, GraphUnavailable

    parse = functools.partial(
        parse_filter,
        types=types or (),
        countries=countries or (),
        date_from=date_from,
        date_to=date_to,
        place=place,
        near=near,
        modality=modality,
        min_confidence=min_confidence,
    )
    usage(lambda: parse(None))  # usage errors before connecting
    settings = get_settings()
    with _graph(settings) as graph:
        try:
            flt = usage(lambda: parse(graph, actors=actors or ()))
            projection = read_export(graph, flt)
        except GraphUnavailable as e:
            raise _fail(f"{e}\nhint: {NEO4J_HINT}", EXIT_NEO4J_UNAVAILABLE) from e
    try:
        with _output(output) as fp:
            done = write_export(projection, str(output_format.value), fp)
    except (GraphError, OSError) as e:
        raise _fail(f"export failed: {e}", EXIT_ITEMS_FAILED) from e
    typer.echo(
        f"{output_format.value}: {done.events} events, {done.nodes} nodes, "
        f"{done.edges} edges → {output}",
        err=True,
    )


# --- stats ------------------------------------------------------------------------------------


def stats(
    output_format: Annotated[
        StatsFormat, typer.Option("--format", "-f", help="table or json.")
    ] = StatsFormat.TABLE,
) -> None:
    """Count what the graph holds: nodes by label, relationships by type, events by type."""
    from api.settings import get_settings
    from graph import GraphUnavailable
    from graph.stats import graph_counts

    settings = get_settings()
    with _graph(settings) as graph:
        try:
            counts = graph_counts(graph)
        except GraphUnavailable as e:
            raise _fail(f"{e}\nhint: {NEO4J_HINT}", EXIT_NEO4J_UNAVAILABLE) from e
    if output_format is StatsFormat.JSON:
        typer.echo(json.dumps(counts, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for section, values in counts.items():
        table = Table(title=section.replace("_", " "))
        table.add_column("name")
        table.add_column("count", justify="right")
        for name, count in values.items():
            table.add_row(name, str(count))
        console.print(table)


def register(app: typer.Typer) -> None:
    """Add `ingest`, `export` and `stats` to the dekg app."""
    app.command()(ingest)
    app.command()(export)
    app.command()(stats)
