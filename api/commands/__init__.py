"""Command groups of the dekg CLI; each module exposes ``register(app)``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import typer

T = TypeVar("T")


def usage(call: Callable[[], T]) -> T:
    """``call()``, its ``InvalidParameter`` (a value a use case refuses) a usage error."""
    from api.errors import InvalidParameter

    try:
        return call()
    except InvalidParameter as e:
        raise typer.BadParameter(str(e)) from e
