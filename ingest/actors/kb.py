"""The shipped actor knowledge base ``data/kb.json.gz``: office holders, states, organisations.

Built by ``scripts/actors/build_kb.py`` from the public sources in ``data/SOURCES.md``; every
entry carries its Wikidata id. States, organisations and armed groups enter the dictionary as
one more dictionary file (``dictionary_file``); the tens of thousands of office holders are
added directly (``add_people``), without per-entry validation: the build writes them and
``tests/ingest/actors/test_kb.py`` validates every one.

People are matched by their full names only (never a bare surname): a surname then resolves
through the article's own earlier full-name mention.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ontology.model import Sector

if TYPE_CHECKING:
    from ingest.actors.dictionary import ActorDictionary, PersonEntry

KB_PATH = Path(__file__).parent / "data" / "kb.json.gz"


@dataclass(frozen=True)
class KnowledgeBase:
    states: dict[str, str] = field(default_factory=dict)
    organizations: list[dict[str, Any]] = field(default_factory=list)
    armed_groups: list[dict[str, Any]] = field(default_factory=list)
    people: list[list[Any]] = field(default_factory=list)

    def dictionary_file(self) -> dict[str, Any]:
        """States (their Wikidata ids), organisations and armed groups as a dictionary file."""
        return {
            "states": {iso3: {"wikidata": qid} for iso3, qid in self.states.items()},
            "organizations": self.organizations,
            "armed_groups": self.armed_groups,
        }

    def add_people(self, dictionary: ActorDictionary) -> None:
        """Every office holder and their full-name forms (a name that already names a state
        or an organisation stays theirs). Entries are built when first asked for."""
        from ingest.actors.dictionary import ALIAS, Form

        people = LazyPeople(dictionary.people)
        for row in self.people:
            person_id, name, aliases = row[0], row[1], row[4]
            if person_id in people:
                continue
            people.pending[person_id] = row
            for alias in (name, *aliases):
                existing = dictionary.forms.get(alias)
                if existing and any(not f.actor_id.startswith("person:") for f in existing):
                    continue
                if existing:
                    dictionary.add_form(alias, Form(person_id, ALIAS))
                else:
                    dictionary.entity_forms.add(alias)
                    dictionary.add_new_form(alias, Form(person_id, ALIAS))
        dictionary.people = people


class LazyPeople(dict[str, "PersonEntry"]):
    """People by id; knowledge-base rows become ``PersonEntry`` objects on first access."""

    def __init__(self, built: dict[str, PersonEntry]) -> None:
        super().__init__(built)
        self.pending: dict[str, list[Any]] = {}

    def __contains__(self, key: object) -> bool:
        return super().__contains__(key) or key in self.pending

    def __missing__(self, key: str) -> PersonEntry:
        row = self.pending.pop(key)  # KeyError when unknown, as a dict
        entry = self[key] = _entry(row)
        return entry

    def get(self, key: str, default: PersonEntry | None = None) -> PersonEntry | None:  # type: ignore[override]
        try:
            return self[key]
        except KeyError:
            return default


def _entry(row: list[Any]) -> PersonEntry:
    from ingest.actors.dictionary import PersonEntry, Role

    person_id, name, qid, gender, aliases, roles = row
    return PersonEntry(
        id=person_id,
        name=name,
        gender=gender,
        roles=tuple(
            Role(role, country, _SECTORS.get(sector), affiliation, _day(start), _day(end))
            for role, country, sector, affiliation, start, end in roles
        ),
        aliases=tuple(aliases),
        wikidata=qid,
    )


_SECTORS = {s.value: s for s in Sector}


def _day(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


@cache
def read_knowledge_base(path: Path = KB_PATH) -> KnowledgeBase:
    """The knowledge base at ``path`` (empty when the file is absent, e.g. a trimmed install).

    Raises:
        ActorDictionaryError: the file exists but is not gzip'd JSON of the expected shape.
    """
    from ingest.actors.dictionary import ActorDictionaryError

    if not path.exists():
        return KnowledgeBase()
    try:
        data = json.loads(gzip.decompress(path.read_bytes()))
        return KnowledgeBase(
            states=dict(data.get("states", {})),
            organizations=list(data.get("organizations", [])),
            armed_groups=list(data.get("armed_groups", [])),
            people=list(data.get("people", [])),
        )
    except (OSError, EOFError, ValueError, TypeError, AttributeError) as e:
        raise ActorDictionaryError(f"cannot read actor knowledge base {path}: {e}") from e
