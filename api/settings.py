"""The one settings class of dekg. Every name is read from the environment with ``DEKG_``."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from ingest.proposals import TriggerSource


def _split(value: object) -> object:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DEKG_", env_file=".env", extra="ignore")

    # Neo4j: when ``neo4j_uri`` is set, dekg uses that server and manages nothing.
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr | None = None
    neo4j_database: str = "neo4j"
    neo4j_heap: str = "1g"

    data_dir: Path = Field(default_factory=lambda: Path.home() / ".local" / "share" / "dekg")

    spacy_model: str = "en_core_web_sm"
    # Trigger proposers of the extraction pipeline (ingest.proposals.TriggerSource): rules,
    # model, both, or rules+lexicon (the CAMEO verb lexicon, opt-in: decision 0019).
    # "both" (rules first and their type wins in their predicate, the learned model adds
    # triggers where no rule fired) scores best on the VOA dev articles and keeps the seed
    # article (decision 0011).
    triggers: TriggerSource = TriggerSource.BOTH
    actor_dictionaries: Annotated[list[Path], NoDecode] = Field(default_factory=list)

    api_keys: Annotated[list[SecretStr], NoDecode] = Field(default_factory=list)
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    max_request_bytes: int = 10 * 1024 * 1024
    cypher_timeout_s: float = 10.0
    cypher_row_limit: int = 5000
    # The Cypher console (api.console): read keys (any write key works too), or open to all.
    read_keys: Annotated[list[SecretStr], NoDecode] = Field(default_factory=list)
    cypher_open: bool = False
    cypher_byte_limit: int = Field(default=8 * 1024 * 1024, ge=1024)
    # Console queries running at once per worker process; beyond it 429 with Retry-After.
    # One by default: a CPU-bound console query takes a core from Neo4j (2-core hosts).
    cypher_concurrency: int = Field(default=1, ge=1, le=64)
    # Host header names answered (DNS rebinding); "*" answers any.
    allowed_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["127.0.0.1", "localhost", "::1", "[::1]"]
    )
    # Threads per worker process for blocking work (Neo4j reads, extraction).
    api_threads: int = Field(default=6, ge=1, le=256)
    # Read cache (api.cache): MB of stored answers per worker process (0 turns it off), and
    # how old the graph-version check behind a stored answer may be (0: read after arrival).
    read_cache_mb: int = Field(default=64, ge=0)
    read_cache_staleness_s: float = Field(default=0.0, ge=0.0)

    # Feed watching (api.watch): feed URLs (or a file of "URL [seconds]" lines), the default
    # seconds between polls of one feed, politeness per host, and the durable queue's bound.
    watch_feeds: Annotated[list[str], NoDecode] = Field(default_factory=list)
    watch_feeds_file: Path | None = None
    watch_interval_s: float = Field(default=900.0, gt=0.0)
    watch_host_concurrency: int = Field(default=2, ge=1, le=64)
    watch_host_rate: float = Field(default=1.0, gt=0.0)
    queue_max_items: int = Field(default=10_000, ge=1)
    watch_in_service: bool = False  # set by `dekg serve --watch`

    log_level: str = "INFO"

    @field_validator(
        "actor_dictionaries",
        "api_keys",
        "cors_origins",
        "read_keys",
        "allowed_hosts",
        "watch_feeds",
        mode="before",
    )
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        return _split(value)


@cache
def get_settings() -> Settings:
    """The process-wide settings; tests call ``get_settings.cache_clear()`` after changing env."""
    return Settings()
