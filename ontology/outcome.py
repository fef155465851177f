"""What became of one input item: its status and, when it failed, its error.

Shared by the loader (``graph.writer``), the use cases (``api.usecases.ingestion``), the CLI
and the API's batch jobs, so a per-item error has one shape everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ItemStatus(StrEnum):
    """What loading did with one item."""

    WRITTEN = "written"
    UNCHANGED = "unchanged"  # the same content was loaded before
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class ItemError:
    """Why one input item failed: its label, the message and the error's class name."""

    item: str
    error: str
    error_kind: str | None = None


@dataclass(slots=True, kw_only=True)
class ItemCounts:
    """How many items a write (``graph.writer.WriteReport``) or a batch job
    (``api.jobstore.Job``) wrote, found unchanged and failed, and the events written."""

    written: int = 0
    unchanged: int = 0
    failed: int = 0
    events: int = 0
