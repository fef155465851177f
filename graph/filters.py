"""The one filter over events shared by the projection, the reader and the API.

A :class:`GraphFilter` is a frozen value. It never builds Cypher: :meth:`GraphFilter.params`
returns the parameter dict that the fixed predicate ``queries.EVENT_FILTER`` reads (every
condition has the form ``$x IS NULL OR ...``, so an unset field filters nothing).

Example:
    >>> flt = GraphFilter(types=("CONSULT",), countries=("RUS",))
    >>> flt.params()["types"], flt.params()["countries"]
    (['CONSULT'], ['RUS'])
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ontology.model import CountryCode, Modality
from ontology.plover import EventType

#: Names of the parameters :meth:`GraphFilter.params` returns (all are always present).
PARAM_NAMES: tuple[str, ...] = (
    "types",
    "actors",
    "countries",
    "date_from",
    "date_to",
    "place",
    "near_lat",
    "near_lon",
    "near_m",
    "modality",
    "min_confidence",
)


class GraphFilter(BaseModel):
    """Which events to keep.

    Attributes:
        types: PLOVER types; an event matches if its type is one of them.
        actors: actor ids; an event matches if a source or target is one of them, or is a
            person affiliated with one of them (``state:USA`` includes Blinken's events).
        countries: ISO 3166 alpha-3 codes of a source or target actor's country.
        date_from / date_to: inclusive bounds on the event date (undated events drop out
            when either bound is set).
        place: place name, compared case-insensitively.
        near: ``(lat, lon, km)``: the event's place lies within ``km`` of the point.
        modality: only events of this modality.
        min_confidence: only events with at least this confidence.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    types: tuple[EventType, ...] = ()
    actors: tuple[str, ...] = ()
    countries: tuple[CountryCode, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    place: str | None = None
    near: tuple[float, float, float] | None = None
    modality: Modality | None = None
    min_confidence: float | None = Field(default=None, ge=0, le=1)

    @field_validator("countries", mode="before")
    @classmethod
    def _upper_countries(cls, value: object) -> object:
        if isinstance(value, list | tuple):
            return tuple(v.strip().upper() if isinstance(v, str) else v for v in value)
        return value

    @field_validator("place")
    @classmethod
    def _blank_place(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    @field_validator("near")
    @classmethod
    def _check_near(
        cls, value: tuple[float, float, float] | None
    ) -> tuple[float, float, float] | None:
        if value is None:
            return None
        lat, lon, km = value
        if not -90 <= lat <= 90 or not -180 <= lon <= 180:
            raise ValueError(f"near: latitude/longitude out of range: {lat}, {lon}")
        if km <= 0:
            raise ValueError(f"near: the distance must be positive km, got {km}")
        return value

    @model_validator(mode="after")
    def _check_dates(self) -> GraphFilter:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(f"date_from {self.date_from} is after date_to {self.date_to}")
        return self

    def is_empty(self) -> bool:
        """True when the filter keeps every event."""
        return self == GraphFilter()

    def fields(self) -> frozenset[str]:
        """Names of the fields this filter sets (the keys of ``queries.EVENT_CONDITIONS``).

        Example:
            >>> sorted(GraphFilter(types=("CONSULT",), near=(1.0, 2.0, 5.0)).fields())
            ['near', 'types']
        """
        return frozenset(
            name for name in type(self).model_fields if getattr(self, name) not in (None, ())
        )

    def params(self) -> dict[str, Any]:
        """The Cypher parameters read by ``queries.EVENT_FILTER``; unset values are ``None``."""
        lat, lon, km = self.near if self.near else (None, None, None)
        return {
            "types": [str(t) for t in self.types] or None,
            "actors": list(self.actors) or None,
            "countries": list(self.countries) or None,
            "date_from": self.date_from,
            "date_to": self.date_to,
            "place": self.place.lower() if self.place else None,
            "near_lat": lat,
            "near_lon": lon,
            "near_m": km * 1000.0 if km is not None else None,
            "modality": str(self.modality) if self.modality else None,
            "min_confidence": self.min_confidence,
        }
