"""Placeholder for the `dekg` commands of this group; replaced by its owner."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this group's commands to the dekg app."""
