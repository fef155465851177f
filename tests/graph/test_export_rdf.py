"""Turtle and JSON-LD exports: parse back, agree with each other, pass the SHACL shapes."""

from __future__ import annotations

import io
from functools import cache
from importlib import resources

import networkx as nx
import pytest
from export_samples import TRICKY_TEXT, sample_graph
from hypothesis import given, settings
from hypothesis import strategies as st
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from graph.export import FORMATS
from graph.export.rdf import to_rdf, turtle_term
from ontology import namespace as ns
from ontology.namespace import DEKG, OWL, PLOVER, PREFIXES, RDF, SEM, WGS84
from ontology.rdf import actor_iri, event_iri


@cache
def _ontology() -> Graph:
    text = resources.files("ontology").joinpath("dekg.ttl").read_text()
    return Graph().parse(data=text, format="turtle")


@cache
def _shapes() -> Graph:
    text = resources.files("ontology").joinpath("shapes.ttl").read_text()
    return Graph().parse(data=text, format="turtle")


def _conforms(data: Graph) -> tuple[bool, str]:
    conforms, _, report = validate(data, shacl_graph=_shapes(), ont_graph=_ontology())
    return bool(conforms), str(report)


def _parsed(fmt: str, graph: nx.MultiDiGraph) -> Graph:
    buffer = io.BytesIO()
    FORMATS[fmt].write(graph, buffer)
    syntax = "json-ld" if fmt == "jsonld" else "turtle"
    return Graph().parse(data=buffer.getvalue().decode("utf-8"), format=syntax)


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return sample_graph()


@pytest.fixture(scope="module")
def turtle(graph: nx.MultiDiGraph) -> Graph:
    return _parsed("turtle", graph)


def test_turtle_and_jsonld_parse_to_the_same_graph(graph: nx.MultiDiGraph, turtle: Graph) -> None:
    jsonld = _parsed("jsonld", graph)
    assert len(turtle) > 0
    assert isomorphic(turtle, jsonld)
    assert isomorphic(turtle, to_rdf(graph))


def test_exports_conform_to_the_shapes(graph: nx.MultiDiGraph, turtle: Graph) -> None:
    for data in (turtle, _parsed("jsonld", graph)):
        conforms, report = _conforms(data)
        assert conforms, report


def test_every_node_and_evidence_span_is_a_resource(graph: nx.MultiDiGraph, turtle: Graph) -> None:
    kinds = {"Event": DEKG.Event, "Actor": DEKG.Actor, "Place": DEKG.Place, "Article": DEKG.Article}
    for kind, cls in kinds.items():
        expected = sum(1 for _, d in graph.nodes(data=True) if d["kind"] == kind)
        assert len(set(turtle.subjects(RDF.type, cls))) == expected
    spans = sum(
        len(d.get("evidence", []))
        for _, _, d in graph.edges(data=True)
        if d["rel"] == "REPORTED_IN"
    )
    assert len(set(turtle.subjects(RDF.type, DEKG.Evidence))) == spans


def test_the_seed_meeting_is_mapped_to_the_ontology(graph: nx.MultiDiGraph, turtle: Graph) -> None:
    event_id, _ = next(
        (n, d) for n, d in graph.nodes(data=True) if d["kind"] == "Event" and d["type"] == "CONSULT"
    )
    event = event_iri(event_id)
    assert turtle.value(event, DEKG.eventType) == PLOVER.CONSULT
    assert turtle.value(event, DEKG.hasSource) == actor_iri("person:antony-blinken")
    assert turtle.value(event, DEKG.hasTarget) == actor_iri("person:sergei-lavrov")
    assert turtle.value(event, DEKG.date) == Literal("2021-12-02", datatype=ns.XSD.date)
    assert len(set(turtle.objects(event, DEKG.reportedIn))) == 3
    place = turtle.value(event, SEM.hasPlace)
    assert turtle.value(place, WGS84.lat) == Literal("59.33258", datatype=ns.XSD.double)
    assert (place, None, URIRef("https://sws.geonames.org/2673730/")) in turtle
    lavrov = actor_iri("person:sergei-lavrov")
    assert turtle.value(lavrov, OWL.sameAs) == URIRef("http://www.wikidata.org/entity/Q58217")
    assert turtle.value(lavrov, DEKG.wikidataId) == Literal("Q58217")
    blinken = actor_iri("person:antony-blinken")
    assert turtle.value(blinken, OWL.sameAs) is None
    assert (blinken, RDF.type, DEKG.Person) in turtle
    assert turtle.value(blinken, DEKG.affiliatedWith) == actor_iri("state:USA")


def test_tricky_text_survives_both_syntaxes(graph: nx.MultiDiGraph, turtle: Graph) -> None:
    assert (None, DEKG.text, Literal(TRICKY_TEXT)) in turtle
    assert (None, DEKG.text, Literal(TRICKY_TEXT)) in _parsed("jsonld", graph)
    assert (actor_iri("org:U.N."), DEKG.name, Literal("United Nations")) in turtle


@pytest.mark.parametrize(
    ("predicate", "bad"),
    [
        (DEKG.goldstein, Literal("11.0", datatype=ns.XSD.double)),
        (DEKG.quadClass, Literal("5", datatype=ns.XSD.integer)),
        (DEKG.cameoCode, Literal("4x")),
        (DEKG.confidence, Literal("1.5", datatype=ns.XSD.double)),
        (DEKG.modality, Literal("rumoured")),
        (DEKG.eventType, DEKG.Event),
        (DEKG.date, Literal("2021-12", datatype=ns.XSD.gYearMonth)),
    ],
)
def test_shapes_reject_a_bad_event_value(turtle: Graph, predicate: URIRef, bad: Literal) -> None:
    data = Graph()
    for triple in turtle:
        data.add(triple)
    event = next(iter(data.subjects(RDF.type, DEKG.Event)))
    data.remove((event, predicate, None))
    data.add((event, predicate, bad))
    conforms, _ = _conforms(data)
    assert not conforms


def test_shapes_reject_an_event_without_evidence_or_article(turtle: Graph) -> None:
    for predicate in (DEKG.evidence, DEKG.reportedIn):
        data = Graph()
        for triple in turtle:
            data.add(triple)
        for event in data.subjects(RDF.type, DEKG.Event):
            data.remove((event, predicate, None))
        assert not _conforms(data)[0]


def test_shapes_reject_a_bad_actor(turtle: Graph) -> None:
    data = Graph()
    for triple in turtle:
        data.add(triple)
    russia = actor_iri("state:RUS")
    data.set((russia, DEKG.country, Literal("Russia")))
    assert not _conforms(data)[0]
    data.set((russia, DEKG.country, Literal("RUS")))
    data.add((russia, RDF.type, DEKG.Person))  # two kinds at once
    assert not _conforms(data)[0]


_HEADER = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items())


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_string_literal_round_trips_through_turtle(text: str) -> None:
    subject = URIRef("https://w3id.org/dekg/id/actor/x")
    document = (
        _HEADER
        + f"{turtle_term(subject)} {turtle_term(DEKG.name)} {turtle_term(Literal(text))} .\n"
    )
    parsed = Graph().parse(data=document, format="turtle")
    assert parsed.value(subject, DEKG.name) == Literal(text)


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"\A(state|org|person|group|armed_group):[A-Za-z0-9._-]+\Z"))
def test_any_actor_id_gives_an_iri_turtle_accepts(actor_id: str) -> None:
    iri = actor_iri(actor_id)
    document = _HEADER + (
        f"{turtle_term(iri)} {turtle_term(DEKG.identifier)} {turtle_term(Literal(actor_id))} .\n"
    )
    parsed = Graph().parse(data=document, format="turtle")
    assert parsed.value(iri, DEKG.identifier) == Literal(actor_id)


def test_every_predicate_and_class_of_the_export_is_in_the_ontology(turtle: Graph) -> None:
    text = resources.files("ontology").joinpath("dekg.ttl").read_text()
    ontology = Graph().parse(data=text, format="turtle")
    used = set(turtle.predicates()) | set(turtle.objects(None, RDF.type))
    used |= set(turtle.objects(None, DEKG.eventType))
    for term in used:
        assert isinstance(term, URIRef)
        if str(term).startswith(str(DEKG)) or str(term).startswith(str(PLOVER)):
            assert (term, RDF.type, None) in ontology, term
        else:
            assert str(term).startswith(ns.EXTERNAL_NAMESPACES), term
