"""What the managed server reports: its status, its credentials, its state file's record."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from managed_neo4j.config import LOOPBACK


@dataclass(frozen=True)
class Credentials:
    """User and password of the managed server."""

    user: str
    password: str

    def __repr__(self) -> str:
        return f"Credentials(user={self.user!r}, password='***')"


@dataclass(frozen=True)
class ServerStatus:
    """What ``dekg neo4j status`` reports."""

    running: bool
    version: str
    home: Path
    password_file: Path
    pid: int | None = None
    bolt_port: int | None = None
    http_port: int | None = None

    @property
    def bolt_uri(self) -> str | None:
        return f"bolt://{LOOPBACK}:{self.bolt_port}" if self.running and self.bolt_port else None

    @property
    def http_uri(self) -> str | None:
        return f"http://{LOOPBACK}:{self.http_port}" if self.running and self.http_port else None

    @property
    def browser_url(self) -> str | None:
        return f"{self.http_uri}/browser/" if self.http_uri else None

    @property
    def data_dir(self) -> Path:
        return self.home / "data"


@dataclass(frozen=True)
class State:
    pid: int
    bolt_port: int
    http_port: int
    version: str
