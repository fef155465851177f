"""`dekg ingest`, `dekg export` and `dekg stats` against the test Neo4j."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import graph_samples as s
import neo4j
import networkx as nx
import pytest
from typer.testing import CliRunner

from api.cli import app
from api.settings import get_settings
from graph.schema import ensure_schema
from graph.session import Graph
from graph.writer import GraphWriter

SEED = Path(__file__).resolve().parents[2] / "examples" / "cyprus-mail-blinken-lavrov.txt"


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def count(driver: neo4j.Driver, query: str) -> int:
    return int(driver.execute_query(query).records[0][0])


def graph_counts(driver: neo4j.Driver) -> tuple[int, ...]:
    return tuple(
        count(driver, q)
        for q in (
            "MATCH (n:Article) RETURN count(n)",
            "MATCH (n:Event) RETURN count(n)",
            "MATCH (n:Actor) RETURN count(n)",
            "MATCH ()-[r]->() RETURN count(r)",
        )
    )


@pytest.mark.neo4j
@pytest.mark.model
def test_ingest_seed_twice(cli_env: neo4j.Driver, tmp_path: Path) -> None:
    first = run("ingest", str(SEED))
    assert first.exit_code == 0, first.output
    assert "1 written, 0 unchanged, 0 failed" in first.output
    after_first = graph_counts(cli_env)
    assert after_first[0] == 1 and after_first[1] > 0
    consult = cli_env.execute_query(
        "MATCH (:Person {id: 'person:antony-blinken'})<-[:SOURCE|TARGET]-(e:Event {type: "
        "'CONSULT'})-[:SOURCE|TARGET]->(:Person {id: 'person:sergei-lavrov'}) RETURN count(e)"
    ).records[0][0]
    assert consult >= 1
    again = run("ingest", str(SEED))
    assert again.exit_code == 0 and "0 written, 1 unchanged" in again.output
    assert graph_counts(cli_env) == after_first
    # A bad item among good ones: reported, the rest loaded, exit status 1.
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    mixed = run("ingest", str(empty), str(SEED))
    assert mixed.exit_code == 1
    assert "empty.txt" in mixed.output and "1 unchanged, 1 failed" in mixed.output


def test_ingest_without_neo4j_says_how_to_start_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEKG_NEO4J_URI", "bolt://127.0.0.1:9")  # nothing listens on discard
    monkeypatch.setenv("DEKG_NEO4J_PASSWORD", "x")
    get_settings.cache_clear()
    try:
        result = run("ingest", str(SEED))
        exported = run("export", "-f", "d3", "-o", "-")
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 3 and exported.exit_code == 3
    assert "dekg neo4j start" in result.output and "not reachable" in result.output


@pytest.fixture()
def loaded(cli_env: neo4j.Driver) -> neo4j.Driver:
    ensure_schema(Graph(cli_env, "neo4j"))
    results = [s.seed_result(), s.meeting_result("other-1", "Reuters")]
    GraphWriter(Graph(cli_env, "neo4j")).write_results(results)
    return cli_env


def _events(graph: nx.Graph) -> int:
    return sum(1 for _, kind in graph.nodes(data="kind") if kind == "Event")


@pytest.mark.neo4j
def test_export_graphml_with_filters(loaded: neo4j.Driver, tmp_path: Path) -> None:
    out = tmp_path / "out" / "usa.graphml"
    result = run("export", "--format", "graphml", "--actor", "USA", "-o", str(out))
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(out)
    # state:USA includes Blinken's events: the meeting, his warning, and the US threat.
    assert _events(graph) == 3
    result = run(
        "export", "-f", "graphml", "--type", "THREATEN", "--from", "2021-12-02", "-o", str(out)
    )
    assert result.exit_code == 0 and _events(nx.read_graphml(out)) == 1


@pytest.mark.neo4j
def test_export_every_format_writes_a_file(loaded: neo4j.Driver, tmp_path: Path) -> None:
    for name in ("gexf", "cytoscape", "d3", "jsonld", "turtle", "csv"):
        out = tmp_path / f"graph.{name}"
        result = run("export", "-f", name, "-o", str(out))
        assert result.exit_code == 0, (name, result.output)
        assert out.stat().st_size > 0
    assert any(n.endswith(".csv") for n in zipfile.ZipFile(tmp_path / "graph.csv").namelist())
    d3 = json.loads((tmp_path / "graph.d3").read_text())
    assert d3


@pytest.mark.neo4j
def test_export_refuses_bad_filters(loaded: neo4j.Driver, tmp_path: Path) -> None:
    out = tmp_path / "x.ttl"
    bad_range = run(
        "export", "-f", "turtle", "--from", "2022-01-02", "--to", "2022-01-01", "-o", str(out)
    )
    assert bad_range.exit_code == 2 and "date_from" in bad_range.output
    assert run("export", "-f", "turtle", "--type", "MEET", "-o", str(out)).exit_code == 2
    assert run("export", "-f", "pdf", "-o", str(out)).exit_code == 2
    assert run("export", "-f", "turtle", "--near", "1,2", "-o", str(out)).exit_code == 2
    assert not out.exists()


@pytest.mark.neo4j
def test_stats_json(loaded: neo4j.Driver) -> None:
    result = run("stats", "--format", "json")
    assert result.exit_code == 0, result.output
    counts = json.loads(result.stdout)
    assert counts["nodes"]["Article"] == 2 and counts["nodes"]["Event"] == 4
    assert counts["event_types"]["CONSULT"] == 1
    assert "CONSULT" not in counts["nodes"]  # type labels are counted as event types only
    assert counts["relationships"]["REPORTED_IN"] == 5


@pytest.mark.neo4j
def test_plot_writes_png_and_svg(loaded: neo4j.Driver, tmp_path: Path) -> None:
    png, svg = tmp_path / "usa-rus.png", tmp_path / "usa-rus.svg"
    assert run("plot", "--a", "USA", "--b", "RUS", "-o", str(png)).exit_code == 0
    assert png.read_bytes().startswith(b"\x89PNG")
    result = run("plot", "--a", "USA", "--b", "RUS", "-o", str(svg))
    assert result.exit_code == 0 and b"<svg" in svg.read_bytes()[:2000]
    unknown = run("plot", "--a", "state:XXX", "--b", "RUS", "-o", str(tmp_path / "x.png"))
    assert unknown.exit_code == 1 and not (tmp_path / "x.png").exists()
