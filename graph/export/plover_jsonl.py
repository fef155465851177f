"""PLOVER JSON lines: one event record per line, with the field names of the PLOVER manual.

The manual (v0.8, "PLOVER JSON" table and its entity, location and citation objects) names
the fields that POLECAT and other PLOVER datasets use: ``id``, ``date``, ``actor`` and
``recipient`` (lists of entity objects with ``code``, ``sector``, ``entity_text``,
``identifier_id``, ``identifier_text``, ``office``), ``event`` (a list of categories),
``mode``, ``context``, ``quad_code``, ``event_scale`` (Goldstein), ``event_loc`` (GeoNames
fields), ``event_text`` (the evidence), ``cite_info`` (one object per reporting article) and
``coder``/``codebook``. Fields the manual leaves open carry dekg's own values under their dekg
names (``cameo``, ``modality``, ``date_precision``, ``confidence``, ``attributed_to``); the
manual allows such additions.
"""

from __future__ import annotations

from typing import Any, BinaryIO

import networkx as nx

from graph.export.event_rows import EventRow, event_rows
from graph.export.values import dumps, plain, text_stream

CODER = "dekg"
CODEBOOK = "plover-0.8"


def entity(actor: dict[str, Any]) -> dict[str, Any]:
    """A PLOVER entity object for an actor node (``code`` = country, else the actor id;
    ``identifier_id`` the Wikidata id when known, as the manual asks, else the dekg id; the
    dekg id always under ``id``)."""
    record = {
        "id": actor["id"],
        "code": actor.get("country") or actor["id"],
        "sector": actor.get("sector"),
        "entity_text": actor.get("name"),
        "identifier_id": actor.get("wikidata") or actor["id"],
        "identifier_text": actor.get("name"),
        "office": actor.get("role"),
    }
    return {k: v for k, v in record.items() if v is not None}


def location(place: dict[str, Any] | None) -> dict[str, Any] | None:
    """A PLOVER location object for a place node."""
    if place is None:
        return None
    record = {
        "resolved_place": place.get("name"),
        "geonameid": place.get("geonames_id"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "city": place.get("name") if place.get("feature") == "city" else None,
        "province": place.get("admin1"),
        "country_code": place.get("country"),
        "feature_class": {"city": "P", "country": "A", "region": "A"}.get(
            place.get("feature") or ""
        ),
    }
    return {k: v for k, v in record.items() if v is not None}


def _citation(report: Any) -> dict[str, Any]:
    article = report.article
    record = {
        "citation": article.get("id"),
        "url": article.get("url"),
        "title": article.get("title"),
        "publication": article.get("publisher") or article.get("agency"),
        "language": article.get("language"),
        "date": article.get("published"),
        "coder": CODER,
        "codebook": CODEBOOK,
    }
    return {k: v for k, v in record.items() if v is not None}


def record(row: EventRow) -> dict[str, Any]:
    """The PLOVER JSON record of one event."""
    event = row.event
    fields = {
        "id": row.id,
        "date": event.get("date"),
        "actor": [entity(a) for a in row.source],
        "recipient": [entity(a) for a in row.target],
        "event": [event.get("type")],
        "mode": [event["mode"]] if event.get("mode") else [],
        "context": [],
        "quad_code": event.get("quad_class"),
        "event_scale": event.get("goldstein"),
        "event_loc": location(row.place),
        "event_text": [text for report in row.reports for text in report.evidence],
        "cite_info": [_citation(r) for r in row.reports],
        "coder": CODER,
        "codebook": CODEBOOK,
        "cameo": event.get("cameo"),
        "modality": event.get("modality"),
        "date_precision": event.get("date_precision"),
        "confidence": event.get("confidence"),
        "attributed_to": [entity(a) for a in row.attributed_to],
    }
    return {k: plain(v) for k, v in fields.items() if v is not None}


def write_plover_jsonl(graph: nx.MultiDiGraph, fp: BinaryIO) -> None:
    """Write every event of ``graph`` as one PLOVER JSON record a line."""
    with text_stream(fp) as out:
        for row in event_rows(graph):
            out.write(dumps(record(row)) + "\n")


__all__ = ["CODEBOOK", "CODER", "entity", "location", "record", "write_plover_jsonl"]
