"""Command groups of the dekg CLI; each module exposes ``register(app)``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

T = TypeVar("T")

# Options `dekg extract` and `dekg ingest` share.
PathsArg = Annotated[
    list[Path],
    typer.Argument(
        help="Article files (.txt, .html, .jsonl, .json, RSS/Atom) or directories.",
        show_default=False,
    ),
]
PublishedOpt = Annotated[
    str | None,
    typer.Option(help="Publication date (YYYY-MM-DD) for articles that carry none."),
]
WorkersOpt = Annotated[int, typer.Option(min=1, max=64, help="Processes for the spaCy pipeline.")]
ModelOpt = Annotated[
    str | None,
    typer.Option(help="spaCy model name (default: DEKG_SPACY_MODEL, else en_core_web_sm)."),
]


def usage(call: Callable[[], T]) -> T:
    """``call()``, its ``InvalidParameter`` (a value a use case refuses) a usage error."""
    from api.errors import InvalidParameter

    try:
        return call()
    except InvalidParameter as e:
        raise typer.BadParameter(str(e)) from e
