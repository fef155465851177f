"""The typed contract between the stages: ingest produces these, graph accepts only these.

The classes mirror ``ontology/dekg.ttl`` (Article, Actor, Place, Event, Evidence); a test checks
that every class and property named here exists there.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ontology.plover import EventType

CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
WikidataId = Annotated[str, StringConstraints(pattern=r"^Q[1-9][0-9]*$")]


class ActorKind(StrEnum):
    PERSON = "person"
    STATE = "state"
    ORGANIZATION = "organization"
    ARMED_GROUP = "armed_group"
    GROUP = "group"


class Sector(StrEnum):
    """CAMEO/PLOVER actor sectors."""

    GOV = "GOV"  # government, executive
    MIL = "MIL"  # military
    COP = "COP"  # police
    JUD = "JUD"  # judiciary
    LEG = "LEG"  # legislature
    PTY = "PTY"  # political party
    OPP = "OPP"  # opposition
    REB = "REB"  # rebels, armed groups
    SPY = "SPY"  # intelligence
    IGO = "IGO"  # intergovernmental organisation
    NGO = "NGO"  # non-governmental organisation
    BUS = "BUS"  # business
    MED = "MED"  # media
    CVL = "CVL"  # civilians
    REF = "REF"  # refugees
    REL = "REL"  # religious
    EDU = "EDU"  # education
    LAB = "LAB"  # labour
    HLH = "HLH"  # health
    ELI = "ELI"  # elites
    UAF = "UAF"  # unidentified armed forces


class Modality(StrEnum):
    ASSERTED = "asserted"
    FUTURE = "future"
    HYPOTHETICAL = "hypothetical"
    NEGATED = "negated"
    HISTORICAL = "historical"


class DatePrecision(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)


class Article(_Model):
    """One news article as read from a file, feed or request, after cleaning."""

    id: str = Field(min_length=1, max_length=200)
    text: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    agency: str | None = None
    published: dt.date | None = None
    published_inferred: bool = False
    language: str | None = None
    captions: tuple[str, ...] = ()
    source_path: str | None = None


class Actor(_Model):
    """A canonical actor: a person, state, organisation or armed group.

    ``id`` is a stable slug (``state:RUS``, ``org:NATO``, ``person:sergei-lavrov``) so the same
    actor from two articles is one node.
    """

    id: str = Field(pattern=r"^(state|org|person|group|armed_group):[A-Za-z0-9._-]+$")
    name: str
    kind: ActorKind
    country: CountryCode | None = None
    sector: Sector | None = None
    role: str | None = None
    affiliation: str | None = None  # id of the state or organisation a person acts for
    aliases: tuple[str, ...] = ()
    wikidata: WikidataId | None = None  # the Wikidata item ("Q7747"); exported as owl:sameAs


class Place(_Model):
    name: str
    country: CountryCode | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    geonames_id: int | None = None
    admin1: str | None = None
    feature: str | None = None  # "city", "country", "region"


class Evidence(_Model):
    """A sentence (or clause) of the article that supports an event, with character offsets."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    trigger: str | None = None


class Event(_Model):
    """One diplomatic event coded in PLOVER, with its evidence."""

    id: str
    article_id: str
    type: EventType
    mode: str | None = None
    cameo: str = Field(pattern=r"^\d{2,4}$")
    quad_class: int = Field(ge=1, le=4)
    goldstein: float = Field(ge=-10, le=10)
    source: tuple[Actor, ...] = ()
    target: tuple[Actor, ...] = ()
    date: dt.date | None = None
    date_precision: DatePrecision = DatePrecision.UNKNOWN
    place: Place | None = None
    modality: Modality = Modality.ASSERTED
    attributed_to: tuple[Actor, ...] = ()
    confidence: float = Field(default=0.5, ge=0, le=1)
    evidence: tuple[Evidence, ...] = Field(min_length=1)


class ExtractionResult(_Model):
    """What extraction returns for one input item: its article and events, or its error."""

    item: str
    article: Article | None = None
    events: tuple[Event, ...] = ()
    actors: tuple[Actor, ...] = ()
    error: str | None = None
    error_kind: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None
