"""Parse an event filter as a user gives it (CLI options or query parameters)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from pydantic import ValidationError

from api.errors import InvalidParameter
from graph import NotFound, actor_refs
from graph.filters import GraphFilter
from graph.session import Graph
from ontology.model import Modality
from ontology.plover import EventType


def parse_day(value: str | dt.date | None, name: str = "date") -> dt.date | None:
    """A day as a user types it: ISO ``YYYY-MM-DD`` (or an RFC 2822 style date).

    Raises:
        InvalidParameter: not a date.
    """
    from ingest.dates import parse_published

    try:
        return parse_published(value)
    except ValueError as e:
        raise InvalidParameter(f"{name}: not a date: {value!r} (use YYYY-MM-DD)") from e


def parse_near(near: str | None) -> tuple[float, float, float] | None:
    """``"59.33,18.07,50"`` → ``(59.33, 18.07, 50.0)`` (lat, lon, km).

    Raises:
        InvalidParameter: not three numbers.
    """
    if near is None or not near.strip():
        return None
    parts = [p.strip() for p in near.split(",")]
    try:
        lat, lon, km = (float(p) for p in parts)
    except ValueError as e:
        raise InvalidParameter(f"near: expected 'lat,lon,km' (three numbers), got {near!r}") from e
    return lat, lon, km


def resolve_actors(graph: Graph, refs: Iterable[str]) -> list[str]:
    """Actor ids from what a user typed: ids, ISO3 codes (a state), exact names or aliases.

    Raises:
        InvalidParameter: a reference matches no actor.
    """
    try:
        return actor_refs.resolve_actors(graph, list(refs))  # one query for all
    except NotFound as e:
        raise InvalidParameter(f"actor: {e}") from e


def event_filter(
    *,
    types: Sequence[EventType | str] = (),
    actors: Sequence[str] = (),
    countries: Sequence[str] = (),
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    place: str | None = None,
    near: tuple[float, float, float] | None = None,
    modality: Modality | str | None = None,
    min_confidence: float | None = None,
) -> GraphFilter:
    """The ``GraphFilter`` of already parsed values (``actors`` resolved to ids).

    Raises:
        InvalidParameter: a value the filter refuses (the reasons joined).
    """
    try:
        return GraphFilter.model_validate(
            {
                "types": tuple(types),
                "actors": tuple(actors),
                "countries": tuple(countries),
                "date_from": date_from,
                "date_to": date_to,
                "place": place,
                "near": near,
                "modality": modality,
                "min_confidence": min_confidence,
            }
        )
    except ValidationError as e:
        reasons = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'filter'}: {err['msg']}"
            for err in e.errors()
        )
        raise InvalidParameter(reasons) from e


def parse_filter(
    graph: Graph | None,
    *,
    types: Sequence[str] = (),
    actors: Sequence[str] = (),
    countries: Sequence[str] = (),
    date_from: str | dt.date | None = None,
    date_to: str | dt.date | None = None,
    place: str | None = None,
    near: str | None = None,
    modality: str | None = None,
    min_confidence: float | None = None,
) -> GraphFilter:
    """A filter from the values as typed; actor references are resolved in ``graph``.

    Raises:
        InvalidParameter: a value is not usable (a date, ``near``, an unknown actor …).
    """
    if actors and graph is None:
        raise InvalidParameter("actor: resolving actor references needs the graph")
    return event_filter(
        types=types,
        actors=resolve_actors(graph, actors) if actors and graph is not None else (),
        countries=countries,
        date_from=parse_day(date_from, "date_from"),
        date_to=parse_day(date_to, "date_to"),
        place=place,
        near=parse_near(near),
        modality=modality,
        min_confidence=min_confidence,
    )
