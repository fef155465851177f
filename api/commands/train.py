"""`dekg train`: the learned trigger + type model from the labelled corpus (data/training/)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, TypedDict

import typer

from ingest.training.settings import DEFAULT_THRESHOLD, HIDDEN, RULE_FEATURES, VECTORS

EXIT_FAILED = 1


class _Shared(TypedDict):
    """The options training and cross-validation take alike."""

    exclude_gold: Sequence[Path]
    rule_features: bool
    vectors: str | None


def train(  # noqa: PLR0917 (typer maps parameters to options)
    corpus: Annotated[
        Path,
        typer.Argument(help="The corpus root (pool/ and labels/ inside).", show_default=False),
    ] = Path("data/training"),
    output: Annotated[
        Path | None,
        typer.Option(help="Where to write the model (default: the shipped model's place)."),
    ] = None,
    seed: Annotated[int, typer.Option(help="Random seed (the result is reproducible).")] = 0,
    threshold: Annotated[
        float, typer.Option(min=0.05, max=0.95, help="Probability a trigger must reach.")
    ] = DEFAULT_THRESHOLD,
    folds: Annotated[
        int,
        typer.Option(min=0, help="k > 1: k-fold cross-validation figures instead of training."),
    ] = 0,
    rule_features: Annotated[
        bool,
        typer.Option(help="Give the model what the lexicon rules say of each token as features."),
    ] = RULE_FEATURES,
    vectors: Annotated[
        str,
        typer.Option(
            help="Static word vectors for the dense head: wordllama, a table directory, or none."
        ),
    ] = VECTORS or "none",
    hidden: Annotated[
        int, typer.Option(min=0, help="Hidden units of the dense head (0: linear).")
    ] = HIDDEN,
    exclude_gold: Annotated[
        list[Path] | None,
        typer.Option(
            help="Evaluation gold (files or directories) whose documents and "
            "sentences must not be trained on."
        ),
    ] = None,
) -> None:
    """Train the trigger model (or cross-validate it) and print what it was trained on."""
    from ingest.components.model_triggers import SHIPPED
    from ingest.training import TrainingError
    from ingest.training.linear_train import FitOptions
    from ingest.training.run import cross_validate
    from ingest.training.run import train as train_model

    try:
        options = FitOptions(seed=seed, hidden=hidden)
        shared: _Shared = {
            "exclude_gold": exclude_gold or (),
            "rule_features": rule_features,
            "vectors": None if vectors == "none" else vectors,
        }
        if folds > 1:
            report = cross_validate(corpus, options, k=folds, **shared)
        else:
            report = train_model(corpus, output or SHIPPED, options, threshold=threshold, **shared)
    except (TrainingError, OSError) as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(EXIT_FAILED) from e
    typer.echo(json.dumps(asdict(report), indent=1))


def register(app: typer.Typer) -> None:
    """Add `train` to the dekg app."""
    app.command("train")(train)
