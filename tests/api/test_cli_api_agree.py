"""The CLI and the API call the same use cases: the same filter gives the same answer."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient
from httpx2 import Response  # what the TestClient answers with (starlette uses httpx2)
from typer.testing import CliRunner, Result

from api.cli import app
from api.settings import Settings, get_settings

pytestmark = pytest.mark.neo4j

#: CLI option of each query parameter of the shared filter.
OPTIONS = {
    "type": "--type",
    "actor": "--actor",
    "country": "--country",
    "date_from": "--from",
    "date_to": "--to",
    "place": "--place",
    "near": "--near",
    "modality": "--modality",
    "min_confidence": "--min-confidence",
}

FILTERS: list[dict[str, Any]] = [
    {},
    {"actor": ["Lavrov"]},  # a name: the CLI once took ISO3 codes only
    {"actor": ["USA"], "type": ["CONSULT"]},
    {"actor": ["state:RUS"], "date_from": "2021-12-02"},
    {"country": ["UKR"]},
    {"near": "59.33,18.07,50"},
    {"place": "stockholm", "modality": "asserted"},
    {"min_confidence": 0.5, "date_to": "2021-12-01"},
]


def _cli_args(flt: dict[str, Any]) -> list[str]:
    args: list[str] = []
    for key, value in flt.items():
        for one in value if isinstance(value, list) else [value]:
            args += [OPTIONS[key], str(one)]
    return args


@pytest.fixture
def cli(
    seed_graph: neo4j.Driver, api_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> Iterator[CliRunner]:
    """The CLI pointed at the API tests' Neo4j (the seed graph)."""
    monkeypatch.setenv("DEKG_NEO4J_URI", api_settings.neo4j_uri or "")
    monkeypatch.setenv("DEKG_NEO4J_USER", api_settings.neo4j_user)
    password = api_settings.neo4j_password
    monkeypatch.setenv("DEKG_NEO4J_PASSWORD", password.get_secret_value() if password else "")
    monkeypatch.setenv("DEKG_NEO4J_DATABASE", api_settings.neo4j_database)
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()


def _export_both(
    cli: CliRunner, client: TestClient, tmp_path: Path, flt: dict[str, Any]
) -> tuple[Result, Path, Response]:
    """``dekg export -f d3 -o <file>`` and ``GET /export?format=d3`` with the same filter:
    the CLI's result, the file it was told to write, the API's response."""
    out = tmp_path / "cli.json"
    result = cli.invoke(app, ["export", "-f", "d3", "-o", str(out), *_cli_args(flt)])
    return result, out, client.get("/export", params={"format": "d3", **flt})


def _event_ids(d3: dict[str, Any]) -> set[str]:
    return {n["id"] for n in d3["nodes"] if n.get("kind") == "Event"}


@pytest.mark.parametrize("flt", FILTERS, ids=lambda f: "&".join(f) or "none")
def test_cli_and_api_export_the_same_graph(
    cli: CliRunner, client: TestClient, tmp_path: Path, flt: dict[str, Any]
) -> None:
    result, out, response = _export_both(cli, client, tmp_path, flt)
    assert result.exit_code == 0, result.output
    assert response.status_code == 200, response.text
    from_cli, from_api = json.loads(out.read_text()), response.json()
    assert _event_ids(from_cli) == _event_ids(from_api)
    assert from_cli == from_api


def test_the_filters_are_not_vacuous(client: TestClient) -> None:
    counts = {
        json.dumps(flt): len(
            _event_ids(client.get("/export", params={"format": "d3", **flt}).json())
        )
        for flt in FILTERS
    }
    assert counts[json.dumps({})] == 4
    assert len(set(counts.values())) >= 3
    assert 0 < counts[json.dumps({"actor": ["Lavrov"]})] < 4


@pytest.mark.parametrize(
    "flt",
    [
        {"actor": ["Nobody At All"]},
        {"near": "1,2"},
        {"date_from": "2022-01-02", "date_to": "2022-01-01"},
        {"type": ["MEET"]},
    ],
    ids=["unknown-actor", "near", "range", "type"],
)
def test_both_refuse_the_same_bad_filter(
    cli: CliRunner, client: TestClient, tmp_path: Path, flt: dict[str, Any]
) -> None:
    result, out, response = _export_both(cli, client, tmp_path, flt)
    assert result.exit_code == 2, result.output
    assert not out.exists()
    assert response.status_code == 422
