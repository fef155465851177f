"""How dekg records map to RDF: instance IRIs and the property of every field.

The tables here are the single mapping used by the RDF exports (``graph/export/rdf.py``) and
checked by the tests against ``ontology/dekg.ttl`` and the pydantic models: every field of
``Article``, ``Actor``, ``Place``, ``Event`` and ``Evidence`` has a property, and every property
is declared in the ontology.

Example:
    >>> str(actor_iri("person:sergei-lavrov"))
    'https://w3id.org/dekg/id/actor/person-sergei-lavrov'
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from rdflib import URIRef

from ontology.model import ActorKind
from ontology.namespace import DEKG, ID, OWL, RDF, SEM, WGS84, XSD


@dataclass(frozen=True, slots=True)
class Attr:
    """A literal-valued field: its property and the XSD datatype of its values."""

    predicate: URIRef
    datatype: URIRef


_STR = XSD.string
_INT = XSD.integer
_DBL = XSD.double

#: Literal-valued node attributes (model fields and graph properties) per node kind.
ATTRIBUTES: dict[str, dict[str, Attr]] = {
    "Event": {
        "id": Attr(DEKG.identifier, _STR),
        "mode": Attr(DEKG.mode, _STR),
        "cameo": Attr(DEKG.cameoCode, _STR),
        "quad_class": Attr(DEKG.quadClass, _INT),
        "goldstein": Attr(DEKG.goldstein, _DBL),
        "date": Attr(DEKG.date, XSD.date),
        "date_precision": Attr(DEKG.datePrecision, _STR),
        "modality": Attr(DEKG.modality, _STR),
        "confidence": Attr(DEKG.confidence, _DBL),
        "num_articles": Attr(DEKG.numArticles, _INT),
        "num_sources": Attr(DEKG.numSources, _INT),
        "fingerprint": Attr(DEKG.fingerprint, _STR),
    },
    "Actor": {
        "id": Attr(DEKG.identifier, _STR),
        "name": Attr(DEKG.name, _STR),
        "country": Attr(DEKG.country, _STR),
        "sector": Attr(DEKG.sector, _STR),
        "role": Attr(DEKG.role, _STR),
        "aliases": Attr(DEKG.alias, _STR),
        "wikidata": Attr(DEKG.wikidataId, _STR),
    },
    "Place": {
        "id": Attr(DEKG.identifier, _STR),
        "name": Attr(DEKG.name, _STR),
        "country": Attr(DEKG.country, _STR),
        "lat": Attr(WGS84.lat, _DBL),
        "lon": Attr(WGS84.long, _DBL),
        "geonames_id": Attr(DEKG.geonamesId, _INT),
        "admin1": Attr(DEKG.admin1, _STR),
        "feature": Attr(DEKG.featureClass, _STR),
    },
    "Article": {
        "id": Attr(DEKG.identifier, _STR),
        "text": Attr(DEKG.text, _STR),
        "title": Attr(DEKG.title, _STR),
        "url": Attr(DEKG.url, XSD.anyURI),
        "publisher": Attr(DEKG.publisher, _STR),
        "agency": Attr(DEKG.agency, _STR),
        "published": Attr(DEKG.published, XSD.date),
        "published_inferred": Attr(DEKG.publishedInferred, XSD.boolean),
        "language": Attr(DEKG.language, _STR),
        "captions": Attr(DEKG.caption, _STR),
        "source_path": Attr(DEKG.sourcePath, _STR),
        "content_hash": Attr(DEKG.contentHash, _STR),
        "event_count": Attr(DEKG.eventCount, _INT),
        "ingested_at": Attr(DEKG.ingestedAt, XSD.dateTime),
    },
    "Evidence": {
        "text": Attr(DEKG.text, _STR),
        "start": Attr(DEKG.start, _INT),
        "end": Attr(DEKG.end, _INT),
        "trigger": Attr(DEKG.trigger, _STR),
        "article_event_id": Attr(DEKG.articleEventId, _STR),
    },
}

#: Model fields whose values are other resources (or the node's class), per model class.
RELATIONS: dict[str, dict[str, URIRef]] = {
    "Event": {
        "type": DEKG.eventType,
        "article_id": DEKG.reportedIn,
        "source": DEKG.hasSource,
        "target": DEKG.hasTarget,
        "attributed_to": DEKG.attributedTo,
        "place": SEM.hasPlace,
        "evidence": DEKG.evidence,
    },
    "Actor": {"kind": RDF.type, "affiliation": DEKG.affiliatedWith},
    "Place": {},
    "Article": {},
    "Evidence": {},
}

#: Graph relationship type (networkx edge ``rel``) → the property linking the two resources.
EDGE_PROPERTIES: dict[str, URIRef] = {
    "SOURCE": DEKG.hasSource,
    "TARGET": DEKG.hasTarget,
    "ATTRIBUTED_TO": DEKG.attributedTo,
    "AT": SEM.hasPlace,
    "REPORTED_IN": DEKG.reportedIn,
    "AFFILIATED_WITH": DEKG.affiliatedWith,
}

#: Class of each node kind, and of each actor kind.
NODE_CLASSES: dict[str, URIRef] = {
    "Event": DEKG.Event,
    "Actor": DEKG.Actor,
    "Place": DEKG.Place,
    "Article": DEKG.Article,
    "Evidence": DEKG.Evidence,
}
ACTOR_CLASSES: dict[ActorKind, URIRef] = {
    ActorKind.PERSON: DEKG.Person,
    ActorKind.STATE: DEKG.State,
    ActorKind.ORGANIZATION: DEKG.Organisation,
    ActorKind.ARMED_GROUP: DEKG.ArmedGroup,
    ActorKind.GROUP: DEKG.Group,
}
_ACTOR_ID_PREFIXES: dict[str, ActorKind] = {
    "person": ActorKind.PERSON,
    "state": ActorKind.STATE,
    "org": ActorKind.ORGANIZATION,
    "armed_group": ActorKind.ARMED_GROUP,
    "group": ActorKind.GROUP,
}

#: ``owl:sameAs`` target of a place with a GeoNames id, and of an actor with a Wikidata id.
GEONAMES_SAME_AS = OWL.sameAs
WIKIDATA_SAME_AS = OWL.sameAs


def _local(text: str) -> str:
    # percent-encoded, so distinct ids stay distinct; "_" stands for an empty id
    return quote(text, safe="-._~") or "_"


def actor_kind_of(actor_id: str) -> ActorKind:
    """The actor kind an actor id spells (``state:RUS`` → ``state``).

    Raises:
        ValueError: when the id does not start with a known kind prefix.
    """
    prefix = actor_id.split(":", 1)[0]
    if prefix not in _ACTOR_ID_PREFIXES:
        raise ValueError(f"actor id {actor_id!r} has no known kind prefix")
    return _ACTOR_ID_PREFIXES[prefix]


def actor_iri(actor_id: str) -> URIRef:
    """``state:RUS`` → ``https://w3id.org/dekg/id/actor/state-RUS``."""
    return ID["actor/" + _local(actor_id.replace(":", "-", 1))]


def event_iri(event_id: str) -> URIRef:
    return ID["event/" + _local(event_id)]


def article_iri(article_id: str) -> URIRef:
    return ID["article/" + _local(article_id)]


def place_iri(place_id: str) -> URIRef:
    """``geonames:146268`` → ``…/place/geonames-146268``; ``place:a-xx`` → ``…/place/a-xx``."""
    local = place_id.removeprefix("place:").replace(":", "-", 1)
    return ID["place/" + _local(local)]


def evidence_iri(report_id: str, start: int, end: int) -> URIRef:
    """One evidence span of one report (``report_id`` is the article-level event id)."""
    return ID[f"evidence/{_local(report_id)}-{start}-{end}"]


def wikidata_iri(qid: str) -> URIRef:
    """``Q7747`` → ``http://www.wikidata.org/entity/Q7747`` (the ``wd:`` namespace)."""
    return URIRef(f"http://www.wikidata.org/entity/{qid}")


def geonames_iri(geonames_id: int) -> URIRef:
    return URIRef(f"https://sws.geonames.org/{geonames_id}/")
