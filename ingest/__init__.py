"""Articles in, PLOVER events out. No database here."""

from __future__ import annotations


class IngestError(Exception):
    """Base class of the errors raised by the ingest package."""


class InputError(IngestError):
    """One input item cannot be read: empty, binary, too large, malformed, wrong encoding."""


class UnsupportedLanguage(InputError):
    """The article is not in a language the pipeline handles."""


class ModelNotInstalled(IngestError):
    """The configured spaCy pipeline is not installed."""
