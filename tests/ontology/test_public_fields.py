"""The served fields of events, actors, places, articles, reports, affiliations and
relationships come from one list (``ontology.public``): the API schemas, the Cypher projections
and the rows ``graph.read`` returns all agree, key by key and type by type."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import operator
import re
import types
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


def test_nested_schemas_are_the_ontology_models_themselves() -> None:
    """Articles, reports, affiliations and relationships: the API serves the one list."""
    assert schemas.ArticleRef is public.ArticleRef
    assert schemas.ReportPublic is public.ReportPublic
    assert schemas.AffiliationPublic is public.AffiliationPublic
    assert schemas.ActorRelationship is public.ActorRelationship
    assert schemas.EventDetail.model_fields["reports"].annotation == list[public.ReportPublic]
    assert public.ReportPublic.model_fields["evidence"].annotation == list[public.EvidencePublic]
    for name in ("affiliations", "members"):
        annotation = schemas.ActorDetail.model_fields[name].annotation
        assert annotation == list[public.AffiliationPublic]


def test_report_projections_read_exactly_the_article_fields() -> None:
    for name in ("API_EVENT_DETAIL", "API_EVENT_REPORTS"):
        assert _projected(getattr(queries, name))["ar"] == [field_names(public.ArticleRef)], name


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
    """A statement not built from ``graph.queries.fields`` still projects an actor with
    exactly the fields of ``ActorRef`` or ``ActorFields`` (or a prefix plus extras for
    search): a field added in ``ontology.public`` must show up in the failures here."""
    text = getattr(queries, name)
    ref, full = field_names(public.ActorRef), field_names(public.ActorFields)
    for projections in _projected(text).values():
        for fields in projections:
            if fields[:3] != ("id", "name", "kind"):
                continue  # not an actor (an event, a place, an article)
            assert fields in (ref, full) or fields == full[: len(fields)], (name, fields)


_ROWS: list[tuple[type, list[type[BaseModel]], tuple[str, ...]]] = [
    (rows.ActorRefRow, [public.ActorRef], ()),
    (rows.PlaceRow, [public.PlaceFields], ()),
    (rows.EventRow, [public.EventFields], (*EVENT_ROLES, "place")),
    (rows.EventDetailRow, [public.EventFields], (*EVENT_ROLES, "place", "reports")),
    (rows.ActorDetailRow, [schemas.ActorDetail], ()),
    (rows.RelationshipRow, [public.ActorRelationship], ()),
    (rows.ReportRow, [public.ReportPublic], ()),
    (rows.EvidenceRow, [public.EvidencePublic], ()),
    (rows.ArticleRow, [public.ArticleRef], ()),
    (rows.AffiliationRow, [public.AffiliationPublic], ()),
]


def _served_key(name: str, model: type[BaseModel]) -> str:
    return model.model_fields[name].alias or name


@pytest.mark.parametrize(("row", "models", "extra"), _ROWS, ids=[r[0].__name__ for r in _ROWS])
def test_rows_carry_the_served_keys(
    row: type, models: list[type[BaseModel]], extra: tuple[str, ...]
) -> None:
    expected = {_served_key(f, m) for m in models for f in m.model_fields} | set(extra)
    assert set(_keys(row)) == expected


#: The row of each nested served model.
_ROW_OF: dict[type, type] = {
    public.ActorRef: rows.ActorRefRow,
    public.PlaceFields: rows.PlaceRow,
    schemas.PlacePublic: rows.PlaceRow,
    public.ArticleRef: rows.ArticleRow,
    public.EvidencePublic: rows.EvidenceRow,
    public.ReportPublic: rows.ReportRow,
    public.AffiliationPublic: rows.AffiliationRow,
}


def _as_stored(annotation: typing.Any) -> typing.Any:
    """The type a row holds for a served field: an enum as its stored string, a nested model
    as its row, in the same containers; dates stay dates (``graph.values.native``)."""
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return str
    if annotation in _ROW_OF:
        return _ROW_OF[annotation]
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        return functools.reduce(operator.or_, (_as_stored(a) for a in args))
    if origin is not None:
        return origin[tuple(_as_stored(a) for a in args)]
    return annotation


@pytest.mark.parametrize(("row", "models", "extra"), _ROWS, ids=[r[0].__name__ for r in _ROWS])
def test_rows_hold_the_served_types(
    row: type, models: list[type[BaseModel]], extra: tuple[str, ...]
) -> None:
    """A field's type changed in ``ontology.public`` shows up here until its row follows;
    a row may also hold None where the model fills a default (Neo4j stores no empty list)."""
    hints = typing.get_type_hints(row)
    for model in models:
        for name, field in model.model_fields.items():
            stored, held = _as_stored(field.annotation), hints[_served_key(name, model)]
            allowed = {stored} if field.is_required() else {stored, stored | None}
            assert held in allowed, (row.__name__, name, held, stored)


def test_the_type_check_tells_types_apart() -> None:
    assert _as_stored(public.EventFields.model_fields["date"].annotation) == dt.date | None
    assert _as_stored(list[public.ActorRef]) == list[rows.ActorRefRow]
    assert _as_stored(int | None) != float | None


def test_actor_search_row_is_the_actor_fields_but_wikidata() -> None:
    assert _keys(rows.ActorRow) == field_names(public.ActorFields)[:-1]
    assert field_names(public.ActorFields)[-1] == "wikidata"
