"""``dekg plot``: the report figure of a relation (the same use case as GET /relations/plot)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from api.commands.graph import EXIT_ITEMS_FAILED, EXIT_NEO4J_UNAVAILABLE, _fail, _graph, _output
from graph.plot import PlotFormat


def plot(
    a: Annotated[str, typer.Option("--a", help="Actor id, ISO3 code or exact name.")],
    b: Annotated[str, typer.Option("--b", help="The other actor.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write ('-' for stdout).")],
    output_format: Annotated[
        PlotFormat | None,
        typer.Option("--format", "-f", help="png or svg (default: the output's extension)."),
    ] = None,
) -> None:
    """Draw the events between two actors per month, by quad class, with the Goldstein sum."""
    from api.settings import get_settings
    from api.usecases.relations import relation_figure
    from graph import GraphError, GraphUnavailable, NotFound
    from graph.filters import GraphFilter

    fmt = output_format or _format_of(output)
    settings = get_settings()
    with _graph(settings) as graph:
        try:
            figure = relation_figure(graph, a, b, GraphFilter(), fmt)
        except NotFound as e:
            raise _fail(str(e), EXIT_ITEMS_FAILED) from e
        except GraphUnavailable as e:
            raise _fail(str(e), EXIT_NEO4J_UNAVAILABLE) from e
        except GraphError as e:
            raise _fail(f"plot failed: {e}", EXIT_ITEMS_FAILED) from e
    with _output(output) as fp:
        fp.write(figure)
    typer.echo(f"{fmt}: the relation of {a} and {b} → {output}", err=True)


def _format_of(path: Path) -> PlotFormat:
    suffix = path.suffix.lower().lstrip(".")
    try:
        return PlotFormat(suffix)
    except ValueError as e:
        raise typer.BadParameter(f"say --format png or svg for {path}") from e


def register(app: typer.Typer) -> None:
    """Add `plot` to the dekg app."""
    app.command()(plot)
