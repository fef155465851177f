"""The served fields of events, actors and places come from one list (``ontology.public``):
the API schemas, the Cypher projections and the rows ``graph.read`` returns all agree."""

from __future__ import annotations

import re
import typing

import pytest
from pydantic import BaseModel

from api import schemas
from graph import queries, rows
from ontology import public
from ontology.public import EVENT_ROLES, field_names

_MAP_PROJECTION = re.compile(r"(\w+) \{(\.\w+(?:, \.\w+)*)[,}]")


def _projected(text: str) -> dict[str, list[tuple[str, ...]]]:
    """Every ``var {.a, .b}`` map projection in a statement, by variable."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for var, fields in _MAP_PROJECTION.findall(text):
        found.setdefault(var, []).append(tuple(f.strip()[1:] for f in fields.split(",")))
    return found


def _keys(row: type) -> tuple[str, ...]:
    return tuple(typing.get_type_hints(row))


def test_event_schema_is_the_event_fields_then_actors_and_place() -> None:
    own = field_names(public.EventFields)
    assert tuple(schemas.EventPublic.model_fields) == (*own, *EVENT_ROLES, "place")
    assert issubclass(schemas.EventPublic, public.EventFields)
    assert schemas.ActorRef is public.ActorRef
    assert issubclass(schemas.PlacePublic, public.PlaceFields)
    assert issubclass(schemas.ActorPublic, public.ActorFields)


def test_event_projection_reads_exactly_the_served_fields() -> None:
    found = _projected(queries._API_EVENT_FIELDS)
    assert found["e"] == [field_names(public.EventFields)]
    # x: the three actor roles, then the place
    assert found["x"] == [field_names(public.ActorRef)] * 3 + [field_names(public.PlaceFields)]
    for role in EVENT_ROLES:
        assert f"[:{role.upper()}]" in queries._API_EVENT_FIELDS
        assert f"AS {role}," in queries._API_EVENT_FIELDS


def test_actor_detail_projection_reads_the_actor_fields() -> None:
    assert _projected(queries.API_ACTOR_DETAIL)["a"] == [field_names(public.ActorFields)]


_STATEMENTS = sorted(n for n in queries.__all__ if isinstance(getattr(queries, n), str))


@pytest.mark.parametrize("name", _STATEMENTS)
def test_every_actor_projection_is_the_actor_ref_or_actor_fields(name: str) -> None:
    """A statement not built from ``graph.queries.projections`` still projects an actor with
    exactly the fields of ``ActorRef`` or ``ActorFields`` (or a prefix plus extras for
    search): a field added in ``ontology.public`` must show up in the failures here."""
    text = getattr(queries, name)
    ref, full = field_names(public.ActorRef), field_names(public.ActorFields)
    for projections in _projected(text).values():
        for fields in projections:
            if fields[:3] != ("id", "name", "kind"):
                continue  # not an actor (an event, a place, an article)
            assert fields in (ref, full) or fields == full[: len(fields)], (name, fields)


@pytest.mark.parametrize(
    ("row", "models", "extra"),
    [
        (rows.ActorRefRow, [public.ActorRef], ()),
        (rows.PlaceRow, [public.PlaceFields], ()),
        (rows.EventRow, [public.EventFields], (*EVENT_ROLES, "place")),
        (rows.EventDetailRow, [public.EventFields], (*EVENT_ROLES, "place", "reports")),
        (rows.ActorDetailRow, [schemas.ActorDetail], ()),
        (rows.RelationshipRow, [schemas.ActorRelationship], ()),
        (rows.ReportRow, [schemas.ReportPublic], ()),
        (rows.EvidenceRow, [schemas.EvidencePublic], ()),
    ],
)
def test_rows_carry_the_served_keys(
    row: type, models: list[type[BaseModel]], extra: tuple[str, ...]
) -> None:
    expected = {f for m in models for f in m.model_fields} | set(extra)
    assert set(_keys(row)) == expected


def test_actor_search_row_is_the_actor_fields_but_wikidata() -> None:
    assert _keys(rows.ActorRow) == field_names(public.ActorFields)[:-1]
    assert field_names(public.ActorFields)[-1] == "wikidata"
