"""The ``dekg`` command line: one typer app; each command group lives in ``api/commands``."""

from __future__ import annotations

import typer

from api.commands import backfill, extract, graph, neo4j, plot, serve, train, watch

app = typer.Typer(
    name="dekg",
    help="Diplomatic event knowledge graph: extract PLOVER events from news, load them into "
    "Neo4j, query and export them.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)


@app.callback()
def main() -> None:
    """Diplomatic event knowledge graph."""


for module in (neo4j, extract, graph, backfill, watch, plot, serve, train):
    module.register(app)


@app.command()
def version() -> None:
    """Print the dekg version."""
    from importlib.metadata import version as dist_version

    typer.echo(dist_version("dekg"))


if __name__ == "__main__":  # pragma: no cover
    app()
