"""dekg's entry points: the ``dekg`` CLI and the FastAPI query service."""

from __future__ import annotations


class ApiError(Exception):
    """Base class of the errors raised by the api package."""
