"""The Turtle ontology, the SHACL shapes, the typed namespace and the models agree."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from pydantic import BaseModel
from pyshacl import validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from ontology import model
from ontology import namespace as ns
from ontology.plover import CATEGORIES, EventType, goldstein
from ontology.rdf import (
    ACTOR_CLASSES,
    ATTRIBUTES,
    EDGE_PROPERTIES,
    NODE_CLASSES,
    RELATIONS,
    actor_iri,
    article_iri,
    event_iri,
    evidence_iri,
    place_iri,
)

DEKG, SEM, SKOS, RDF, RDFS, OWL = ns.DEKG, ns.SEM, ns.SKOS, ns.RDF, ns.RDFS, ns.OWL
MODELS: dict[str, type[BaseModel]] = {
    "Article": model.Article,
    "Actor": model.Actor,
    "Place": model.Place,
    "Event": model.Event,
    "Evidence": model.Evidence,
}


@cache
def ontology() -> Graph:
    text = resources.files("ontology").joinpath("dekg.ttl").read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


@cache
def shapes() -> Graph:
    text = resources.files("ontology").joinpath("shapes.ttl").read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


def declared(term: URIRef) -> bool:
    return (term, RDF.type, None) in ontology()


def known(term: URIRef) -> bool:
    return declared(term) or str(term).startswith(ns.EXTERNAL_NAMESPACES)


def used_by_the_mapping() -> set[URIRef]:
    terms = {a.predicate for attrs in ATTRIBUTES.values() for a in attrs.values()}
    terms |= {a.datatype for attrs in ATTRIBUTES.values() for a in attrs.values()}
    terms |= {p for rels in RELATIONS.values() for p in rels.values()}
    terms |= set(EDGE_PROPERTIES.values()) | set(NODE_CLASSES.values())
    terms |= set(ACTOR_CLASSES.values())
    return terms


def test_the_ontology_is_an_owl_ontology() -> None:
    assert (URIRef("https://w3id.org/dekg/ontology"), RDF.type, OWL.Ontology) in ontology()


def test_every_namespace_term_is_declared_in_the_turtle() -> None:
    missing = [name for name in DEKG.__annotations__ if not declared(DEKG[name])]
    assert missing == []


def test_every_dekg_term_in_the_turtle_is_in_the_namespace() -> None:
    names = set(DEKG.__annotations__)
    base = str(DEKG)
    in_file = {
        str(s)[len(base) :] for s in ontology().subjects() if str(s).startswith(base) and s != DEKG
    }
    assert in_file <= names


def test_every_term_the_mapping_uses_is_declared_or_external() -> None:
    unknown = sorted(str(t) for t in used_by_the_mapping() if not known(t))
    assert unknown == []
    for term in used_by_the_mapping():
        if str(term).startswith(str(DEKG)):
            assert declared(term), term


def test_every_model_field_has_a_property() -> None:
    for kind, cls in MODELS.items():
        mapped = set(ATTRIBUTES[kind]) | set(RELATIONS[kind])
        unmapped = set(cls.model_fields) - mapped
        assert unmapped == set(), f"{kind}: {sorted(unmapped)}"


def test_datatype_properties_have_the_range_the_mapping_writes() -> None:
    for attrs in ATTRIBUTES.values():
        for attr in attrs.values():
            if not str(attr.predicate).startswith(str(DEKG)):
                continue
            assert (attr.predicate, RDF.type, OWL.DatatypeProperty) in ontology()
            assert ontology().value(attr.predicate, RDFS.range) == attr.datatype, attr.predicate


def test_object_properties_are_object_properties() -> None:
    for term in {*EDGE_PROPERTIES.values(), *(p for r in RELATIONS.values() for p in r.values())}:
        if str(term).startswith(str(DEKG)):
            assert (term, RDF.type, OWL.ObjectProperty) in ontology(), term


def test_classes_align_with_the_simple_event_model() -> None:
    g = ontology()
    assert (DEKG.Event, RDFS.subClassOf, SEM.Event) in g
    assert (DEKG.Actor, RDFS.subClassOf, SEM.Actor) in g
    assert (DEKG.Place, RDFS.subClassOf, SEM.Place) in g
    assert (DEKG.hasSource, RDFS.subPropertyOf, SEM.hasActor) in g
    assert (DEKG.hasTarget, RDFS.subPropertyOf, SEM.hasActor) in g
    assert (DEKG.date, RDFS.subPropertyOf, SEM.hasTimeStamp) in g
    assert (DEKG.eventType, RDFS.subPropertyOf, SEM.eventType) in g
    for cls in ACTOR_CLASSES.values():
        assert (cls, RDFS.subClassOf, DEKG.Actor) in g


def test_plover_scheme_agrees_with_the_code_tables() -> None:
    g = ontology()
    concepts = set(g.subjects(SKOS.inScheme, DEKG.PloverScheme))
    assert concepts == {ns.plover_concept(t) for t in EventType}
    for event_type, category in CATEGORIES.items():
        concept = ns.plover_concept(event_type)
        assert (concept, RDF.type, SKOS.Concept) in g
        assert g.value(concept, SKOS.notation) == Literal(event_type.value)
        assert g.value(concept, SKOS.prefLabel) is not None
        assert str(g.value(concept, SKOS.definition)).rstrip(".") == category.description
        assert str(g.value(concept, DEKG.defaultCameoCode)) == category.default_cameo
        quad = g.value(concept, DEKG.defaultQuadClass)
        assert isinstance(quad, Literal) and quad.toPython() == category.quad_class
        value = g.value(concept, DEKG.defaultGoldstein)
        assert isinstance(value, Literal)
        assert float(value) == goldstein(category.default_cameo)


def _shape_in(path: URIRef) -> list[object]:
    g = shapes()
    for prop in g.subjects(SH.path, path):
        lists = list(g.objects(prop, SH["in"]))
        if lists:
            node = lists[0]
            assert isinstance(node, BNode)
            return [t.toPython() if isinstance(t, Literal) else t for t in Collection(g, node)]
    raise AssertionError(f"no sh:in on {path}")


def test_shape_enumerations_match_the_model() -> None:
    assert set(_shape_in(DEKG.eventType)) == {ns.plover_concept(t) for t in EventType}
    assert set(_shape_in(DEKG.modality)) == {m.value for m in model.Modality}
    assert set(_shape_in(DEKG.datePrecision)) == {p.value for p in model.DatePrecision}
    assert set(_shape_in(DEKG.sector)) == {s.value for s in model.Sector}
    g = shapes()
    qualified = next(g.objects(None, SH.qualifiedValueShape))
    kinds = next(g.objects(qualified, SH["in"]))
    assert isinstance(kinds, BNode)
    assert set(Collection(g, kinds)) == set(ACTOR_CLASSES.values())


def test_shape_patterns_match_the_model() -> None:
    patterns = {str(p) for p in shapes().objects(None, SH.pattern)}
    actor_pattern = model.Actor.model_fields["id"].metadata[0].pattern
    assert actor_pattern in patterns
    assert "^[A-Z]{3}$" in patterns


def test_the_shapes_are_valid_shacl() -> None:
    conforms, _, report = validate(Graph(), shacl_graph=shapes(), meta_shacl=True)
    assert conforms, report


def test_a_misspelt_term_raises() -> None:
    with pytest.raises(AttributeError):
        _ = DEKG.Evnt
    with pytest.raises(AttributeError):
        _ = ns.SEM.hasActors
    with pytest.raises(ValueError, match="UNKNOWN"):
        ns.plover_concept("UNKNOWN")


_IRI_SAFE = re.compile(r"^https://w3id\.org/dekg/id/[a-z]+/[A-Za-z0-9._~%-]+$")


@given(st.text(min_size=1, max_size=80))
@example("place:")
@example("a/b?c#d e%")
def test_instance_iris_are_safe_for_any_id(text: str) -> None:
    for iri in (event_iri(text), article_iri(text), place_iri(text), evidence_iri(text, 1, 2)):
        assert _IRI_SAFE.match(str(iri)), iri


@given(st.from_regex(r"\A(state|org|person|group|armed_group):[A-Za-z0-9._-]+\Z"))
def test_distinct_actor_ids_give_distinct_iris(actor_id: str) -> None:
    other = actor_id + "x"
    assert actor_iri(actor_id) != actor_iri(other)
    assert _IRI_SAFE.match(str(actor_iri(actor_id)))
