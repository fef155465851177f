"""Exports of a projection read from the real Neo4j (marker neo4j): values as Neo4j returns them
(datetimes with nanoseconds, lists, dates) still give conformant RDF and readable files."""

from __future__ import annotations

import io
from importlib import resources

import neo4j
import networkx as nx
import pytest
from export_samples import tricky_events
from graph_samples import meeting_result, seed_result
from pyshacl import validate
from rdflib import Graph
from rdflib.compare import isomorphic

from graph.export import FORMATS
from graph.project import project
from graph.schema import ensure_schema
from graph.session import Graph as Neo4jGraph
from graph.writer import GraphWriter
from ontology.model import ExtractionResult

pytestmark = pytest.mark.neo4j


@pytest.fixture()
def projected(neo4j_clean: neo4j.Driver) -> nx.MultiDiGraph:
    ensure_schema(Neo4jGraph(neo4j_clean, "neo4j"))
    events, articles = tricky_events()
    tricky = ExtractionResult(item="tricky", article=articles[0], events=tuple(events))
    results = [seed_result(), meeting_result("reuters-1", "Reuters"), tricky]
    report = GraphWriter(Neo4jGraph(neo4j_clean, "neo4j")).write_results(results)
    assert not report.errors
    return project(Neo4jGraph(neo4j_clean, "neo4j"))


def _rdf(graph: nx.MultiDiGraph, fmt: str) -> Graph:
    buffer = io.BytesIO()
    FORMATS[fmt].write(graph, buffer)
    syntax = "json-ld" if fmt == "jsonld" else "turtle"
    return Graph().parse(data=buffer.getvalue().decode("utf-8"), format=syntax)


def test_rdf_of_the_stored_graph_conforms(projected: nx.MultiDiGraph) -> None:
    assert any("ingested_at" in d for _, d in projected.nodes(data=True))
    turtle, jsonld = _rdf(projected, "turtle"), _rdf(projected, "jsonld")
    assert isomorphic(turtle, jsonld)
    files = resources.files("ontology")
    shapes = Graph().parse(data=files.joinpath("shapes.ttl").read_text(), format="turtle")
    ontology = Graph().parse(data=files.joinpath("dekg.ttl").read_text(), format="turtle")
    conforms, _, text = validate(turtle, shacl_graph=shapes, ont_graph=ontology)
    assert conforms, text


def test_graphml_of_the_stored_graph_reads_back(projected: nx.MultiDiGraph) -> None:
    buffer = io.BytesIO()
    FORMATS["graphml"].write(projected, buffer)
    back = nx.read_graphml(io.BytesIO(buffer.getvalue()), force_multigraph=True)
    assert back.number_of_nodes() == projected.number_of_nodes()
    assert back.number_of_edges() == projected.number_of_edges()
