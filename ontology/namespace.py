"""The typed RDF vocabulary of dekg: a misspelt term raises instead of minting a new IRI.

``DEKG`` is the dekg ontology (``ontology/dekg.ttl``), ``PLOVER`` the concept scheme of the
16 PLOVER categories, ``SEM`` the Simple Event Model terms dekg aligns with and ``WGS84`` the
W3C basic geo vocabulary (rdflib ships it under ``https://``; the published IRIs are ``http://``).
Instances live under :data:`ID`.

Example:
    >>> str(DEKG.Event)
    'https://w3id.org/dekg/ontology#Event'
    >>> str(plover_concept("CONSULT"))
    'https://w3id.org/dekg/plover/CONSULT'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

from ontology.plover import EventType

__all__ = [
    "DCTERMS",
    "DEKG",
    "EXTERNAL_NAMESPACES",
    "ID",
    "OWL",
    "PLOVER",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SEM",
    "SKOS",
    "WGS84",
    "XSD",
    "plover_concept",
]

#: Base of every instance IRI (``…/actor/state-RUS``, ``…/event/ev-…``).
ID = Namespace("https://w3id.org/dekg/id/")


class DEKG(DefinedNamespace):
    """The dekg ontology: classes and properties declared in ``ontology/dekg.ttl``."""

    _fail = True
    _NS = Namespace("https://w3id.org/dekg/ontology#")

    # classes
    Event: URIRef
    Actor: URIRef
    Person: URIRef
    State: URIRef
    Organisation: URIRef
    ArmedGroup: URIRef
    Group: URIRef
    Place: URIRef
    Article: URIRef
    Evidence: URIRef
    PloverCategory: URIRef
    # individuals
    PloverScheme: URIRef
    SourceRole: URIRef
    TargetRole: URIRef
    # object properties
    eventType: URIRef
    hasSource: URIRef
    hasTarget: URIRef
    attributedTo: URIRef
    reportedIn: URIRef
    evidence: URIRef
    inArticle: URIRef
    affiliatedWith: URIRef
    # datatype properties
    identifier: URIRef
    cameoCode: URIRef
    mode: URIRef
    quadClass: URIRef
    goldstein: URIRef
    date: URIRef
    datePrecision: URIRef
    modality: URIRef
    confidence: URIRef
    numArticles: URIRef
    numSources: URIRef
    fingerprint: URIRef
    text: URIRef
    start: URIRef
    end: URIRef
    trigger: URIRef
    articleEventId: URIRef
    name: URIRef
    alias: URIRef
    country: URIRef
    sector: URIRef
    role: URIRef
    wikidataId: URIRef
    geonamesId: URIRef
    admin1: URIRef
    featureClass: URIRef
    title: URIRef
    url: URIRef
    publisher: URIRef
    agency: URIRef
    published: URIRef
    publishedInferred: URIRef
    language: URIRef
    caption: URIRef
    sourcePath: URIRef
    contentHash: URIRef
    eventCount: URIRef
    ingestedAt: URIRef
    # annotation-like data properties of the PLOVER concepts
    defaultCameoCode: URIRef
    defaultQuadClass: URIRef
    defaultGoldstein: URIRef


class SEM(DefinedNamespace):
    """The Simple Event Model terms dekg uses (van Hage et al. 2011)."""

    _fail = True
    _NS = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")

    Core: URIRef
    Event: URIRef
    Actor: URIRef
    Place: URIRef
    Time: URIRef
    EventType: URIRef
    ActorType: URIRef
    Role: URIRef
    RoleType: URIRef
    hasActor: URIRef
    hasPlace: URIRef
    hasTime: URIRef
    hasTimeStamp: URIRef
    hasBeginTimeStamp: URIRef
    eventType: URIRef
    actorType: URIRef
    roleType: URIRef


class WGS84(DefinedNamespace):
    """W3C Basic Geo (WGS84 lat/long) vocabulary."""

    _fail = True
    _NS = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")

    SpatialThing: URIRef
    lat: URIRef
    long: URIRef


#: The PLOVER category concepts: ``PLOVER.CONSULT`` etc. (see :func:`plover_concept`).
PLOVER = Namespace("https://w3id.org/dekg/plover/")

#: Prefixes bound in every Turtle and JSON-LD export (vocabulary and instance bases).
PREFIXES: dict[str, str] = {
    "dekg": str(DEKG),
    "plover": str(PLOVER),
    "sem": str(SEM),
    "skos": str(SKOS),
    "prov": str(PROV),
    "geo": str(WGS84),
    "owl": str(OWL),
    "wd": "http://www.wikidata.org/entity/",
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "dcterms": str(DCTERMS),
    "actor": str(ID) + "actor/",
    "event": str(ID) + "event/",
    "place": str(ID) + "place/",
    "article": str(ID) + "article/",
    "evidence": str(ID) + "evidence/",
}

#: Namespaces whose terms dekg uses without declaring them (they are declared by their owners).
EXTERNAL_NAMESPACES: tuple[str, ...] = (
    str(SEM),
    str(SKOS),
    str(PROV),
    str(WGS84),
    str(OWL),
    str(RDF),
    str(RDFS),
    str(XSD),
    str(DCTERMS),
)


def plover_concept(event_type: EventType | str) -> URIRef:
    """The SKOS concept of a PLOVER category.

    Raises:
        ValueError: when ``event_type`` is not one of the 16 PLOVER categories.
    """
    return PLOVER[EventType(event_type).value]
