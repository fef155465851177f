"""The networkx projection as RDF (dekg ontology), in Turtle and JSON-LD, streamed.

Each node becomes one resource (events also yield one ``dekg:Evidence`` resource per evidence
span of each ``REPORTED_IN`` edge); :func:`iter_resources` yields them one at a time, and the
writers serialise each as soon as it is built, so memory does not grow with the graph.
:func:`to_rdf` collects the same triples in an ``rdflib.Graph`` (tests, small graphs).

Strings are plain literals (``xsd:string`` in RDF 1.1), every other literal carries its XSD
datatype with the same lexical form in both syntaxes, so Turtle and JSON-LD parse to
isomorphic graphs.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterator
from typing import IO, Any, BinaryIO

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from graph.export.values import actor_kind, dumps, node_kind, plain, text_stream
from ontology.namespace import DEKG, PREFIXES, RDF, XSD, plover_concept
from ontology.rdf import (
    ACTOR_CLASSES,
    ATTRIBUTES,
    EDGE_PROPERTIES,
    GEONAMES_SAME_AS,
    NODE_CLASSES,
    WIKIDATA_SAME_AS,
    actor_iri,
    article_iri,
    event_iri,
    evidence_iri,
    geonames_iri,
    place_iri,
    wikidata_iri,
)

Resource = tuple[URIRef, list[tuple[URIRef, Node]]]

_IRI_OF = {"Actor": actor_iri, "Event": event_iri, "Place": place_iri, "Article": article_iri}


class RdfExportError(ValueError):
    """A node of the projection cannot be expressed in the ontology."""


def node_iri(kind: str, data: dict[str, Any]) -> URIRef:
    """The instance IRI of a projection node from its kind and ``id``."""
    if kind not in _IRI_OF:
        raise RdfExportError(f"node kind {kind!r} has no RDF class")
    return _IRI_OF[kind](str(data["id"]))


def _lexical(value: Any, datatype: URIRef) -> str | None:
    value = plain(value)
    if datatype == XSD.double:
        number = float(value)
        return None if math.isnan(number) or math.isinf(number) else repr(number)
    if datatype == XSD.integer:
        return str(int(value))
    if datatype == XSD.boolean:
        return "true" if value is True or str(value).lower() == "true" else "false"
    if datatype == XSD.date:
        return str(value)[:10]
    if datatype == XSD.dateTime:
        return _datetime(str(value))
    return str(value)


def _datetime(text: str) -> str:
    # Neo4j writes nanoseconds; xsd:dateTime parsers accept microseconds at most.
    text = text.replace(" ", "T", 1)
    return re.sub(r"(\.\d{6})\d+", r"\1", text)


def literal(value: Any, datatype: URIRef) -> Literal | None:
    """The literal of one value; strings stay plain, others get ``datatype``."""
    lexical = _lexical(value, datatype)
    if lexical is None:
        return None
    return Literal(lexical) if datatype == XSD.string else Literal(lexical, datatype=datatype)


def _literals(kind: str, data: dict[str, Any]) -> Iterator[tuple[URIRef, Node]]:
    for name, attr in ATTRIBUTES[kind].items():
        value = data.get(name)
        if value is None:
            continue
        values = value if isinstance(value, list | tuple) else (value,)
        for item in values:
            term = literal(item, attr.datatype)
            if term is not None:
                yield attr.predicate, term


def _links(
    graph: nx.MultiDiGraph, node: Any
) -> Iterator[tuple[str, URIRef, URIRef, dict[str, Any]]]:
    """``(rel, property, object IRI, edge data)`` of the node's outgoing edges."""
    for _, target, key, data in graph.out_edges(node, keys=True, data=True):
        rel = str(data.get("rel", key))
        if rel not in EDGE_PROPERTIES:
            raise RdfExportError(f"relationship type {rel!r} has no RDF property")
        target_data = graph.nodes[target]
        yield rel, EDGE_PROPERTIES[rel], node_iri(node_kind(target_data), target_data), data


def _evidence(event_id: str, article: URIRef, report: dict[str, Any]) -> Iterator[Resource]:
    texts = report.get("evidence") or []
    starts = report.get("start") or []
    ends = report.get("end") or []
    report_id = report.get("article_event_id")
    if report_id is None:
        report_id = "r" + hashlib.sha1(f"{event_id}|{article}".encode()).hexdigest()[:16]
    for text, start, end in zip(texts, starts, ends, strict=False):
        props: list[tuple[URIRef, Node]] = [
            (RDF.type, DEKG.Evidence),
            (DEKG.text, Literal(str(text))),
            (DEKG.start, Literal(str(int(start)), datatype=XSD.integer)),
            (DEKG.end, Literal(str(int(end)), datatype=XSD.integer)),
            (DEKG.inArticle, article),
            (DEKG.articleEventId, Literal(str(report_id))),
        ]
        yield evidence_iri(str(report_id), int(start), int(end)), props


def _event(graph: nx.MultiDiGraph, node: Any, data: dict[str, Any]) -> Iterator[Resource]:
    subject = node_iri("Event", data)
    props: list[tuple[URIRef, Node]] = [(RDF.type, DEKG.Event)]
    props.append((DEKG.eventType, plover_concept(str(data["type"]))))
    props.extend(_literals("Event", data))
    evidence: list[Resource] = []
    for rel, predicate, obj, edge in _links(graph, node):
        props.append((predicate, obj))
        if rel == "REPORTED_IN":
            for resource in _evidence(str(data["id"]), obj, edge):
                props.append((DEKG.evidence, resource[0]))
                evidence.append(resource)
    yield subject, props
    yield from evidence


def _actor(graph: nx.MultiDiGraph, node: Any, data: dict[str, Any]) -> Iterator[Resource]:
    props: list[tuple[URIRef, Node]] = [
        (RDF.type, DEKG.Actor),
        (RDF.type, ACTOR_CLASSES[actor_kind(data)]),
    ]
    props.extend(_literals("Actor", data))
    if data.get("wikidata"):
        props.append((WIKIDATA_SAME_AS, wikidata_iri(str(data["wikidata"]))))
    props.extend((predicate, obj) for _, predicate, obj, _ in _links(graph, node))
    yield node_iri("Actor", data), props


def _place(graph: nx.MultiDiGraph, node: Any, data: dict[str, Any]) -> Iterator[Resource]:
    props: list[tuple[URIRef, Node]] = [(RDF.type, DEKG.Place)]
    props.extend(_literals("Place", data))
    if data.get("geonames_id") is not None:
        props.append((GEONAMES_SAME_AS, geonames_iri(int(data["geonames_id"]))))
    yield node_iri("Place", data), props


def _article(graph: nx.MultiDiGraph, node: Any, data: dict[str, Any]) -> Iterator[Resource]:
    props: list[tuple[URIRef, Node]] = [(RDF.type, NODE_CLASSES["Article"])]
    props.extend(_literals("Article", data))
    yield node_iri("Article", data), props


_BUILDERS = {"Event": _event, "Actor": _actor, "Place": _place, "Article": _article}


def iter_resources(graph: nx.MultiDiGraph) -> Iterator[Resource]:
    """Every resource of the projection with its ``(predicate, object)`` pairs, one at a time.

    Raises:
        RdfExportError: a node has an unknown kind.
    """
    for node, data in graph.nodes(data=True):
        kind = node_kind(data)
        if kind not in _BUILDERS:
            raise RdfExportError(f"node {node!r} has kind {kind!r}, not one of {sorted(_BUILDERS)}")
        yield from _BUILDERS[kind](graph, node, data)


def to_rdf(graph: nx.MultiDiGraph) -> Graph:
    """The projection as an in-memory ``rdflib.Graph`` with the dekg prefixes bound."""
    rdf = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        rdf.bind(prefix, namespace)
    for subject, props in iter_resources(graph):
        for predicate, obj in props:
            rdf.add((subject, predicate, obj))
    return rdf


# --- Turtle -----------------------------------------------------------------------------------

_PN_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def _prefixed(iri: str) -> tuple[str, str] | None:
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace):
            return prefix, iri[len(namespace) :]
    return None


def turtle_term(term: Node) -> str:
    """A term in Turtle syntax: prefixed names where safe, else ``<…>``; typed literals."""
    if isinstance(term, Literal):
        quoted = Literal(str(term)).n3()
        return quoted if term.datatype is None else f"{quoted}^^{turtle_term(term.datatype)}"
    iri = str(term)
    split = _prefixed(iri)
    if split is not None and _PN_LOCAL.match(split[1]):
        return f"{split[0]}:{split[1]}"
    return f"<{iri}>"


def _turtle_block(subject: URIRef, props: list[tuple[URIRef, Node]]) -> str:
    grouped: dict[URIRef, list[str]] = {}
    for predicate, obj in props:
        grouped.setdefault(predicate, []).append(turtle_term(obj))
    lines = [
        f"    {'a' if predicate == RDF.type else turtle_term(predicate)} {' , '.join(objects)}"
        for predicate, objects in grouped.items()
    ]
    return turtle_term(subject) + "\n" + " ;\n".join(lines) + " .\n\n"


def write_turtle(graph: nx.MultiDiGraph, fp: BinaryIO) -> None:
    """Write the projection as Turtle to the binary file object ``fp``, resource by resource."""
    with text_stream(fp) as out:
        _write_prefixes(out)
        for subject, props in iter_resources(graph):
            out.write(_turtle_block(subject, props))


def _write_prefixes(out: IO[str]) -> None:
    for prefix, namespace in PREFIXES.items():
        out.write(f"@prefix {prefix}: <{namespace}> .\n")
    out.write("\n")


# --- JSON-LD ----------------------------------------------------------------------------------


def _compact(iri: str) -> str:
    split = _prefixed(iri)
    return f"{split[0]}:{split[1]}" if split is not None else iri


def _jsonld_value(term: Node) -> Any:
    if isinstance(term, Literal):
        if term.datatype is None:
            return str(term)
        return {"@value": str(term), "@type": _compact(str(term.datatype))}
    return {"@id": _compact(str(term))}


def jsonld_node(subject: URIRef, props: list[tuple[URIRef, Node]]) -> dict[str, Any]:
    """One node object of the JSON-LD ``@graph`` (compact IRIs, typed value objects)."""
    node: dict[str, Any] = {"@id": _compact(str(subject))}
    for predicate, obj in props:
        if predicate == RDF.type:
            node.setdefault("@type", []).append(_compact(str(obj)))
        else:
            node.setdefault(_compact(str(predicate)), []).append(_jsonld_value(obj))
    return node


def write_jsonld(graph: nx.MultiDiGraph, fp: BinaryIO) -> None:
    """Write the projection as JSON-LD (``@context`` + ``@graph``) to ``fp``, node by node."""
    with text_stream(fp) as out:
        out.write('{"@context":' + dumps(PREFIXES) + ',\n"@graph":[')
        for number, (subject, props) in enumerate(iter_resources(graph)):
            out.write(("," if number else "") + "\n" + dumps(jsonld_node(subject, props)))
        out.write("\n]}\n")
