"""The CAMEO verb lexicon (``ingest/data/cameo_verbs.json``): verb → CAMEO code.

Derived once from the PETRARCH2 CAMEO verb dictionary by ``scripts/triggers/cameo_lexicon.py``
(MIT licence; source, commit and licence are in the file's ``about``; docs/decisions/0019).
Three tables, tried in this order for a verb token:

- ``phrases``: "verb particle" (the verb's lemma and a particle or preposition dependent:
  "call off");
- ``objects``: "verb object" (the verb's lemma and its direct object, or passive subject,
  as written or as lemma: "impose sanctions");
- ``verbs``: the verb's lemma alone ("indict").

Every code in the file maps to a PLOVER type (``ontology.plover.cameo_table``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Token

from ingest import IngestError
from ontology.plover import EventType, cameo_table

OBJECT_DEPS = frozenset({"dobj", "obj", "nsubjpass"})
PARTICLE_DEPS = frozenset({"prt", "prep"})
TABLES = ("verbs", "phrases", "objects")


class LexiconFileError(IngestError):
    """The verb lexicon file is malformed."""


@dataclass(frozen=True, slots=True)
class VerbMatch:
    key: str  # the entry that matched ("impose sanctions", "call off", "indict")
    cameo: str
    type: EventType


@dataclass(frozen=True, slots=True)
class VerbLexicon:
    verbs: Mapping[str, str]
    phrases: Mapping[str, str]
    objects: Mapping[str, str]

    def _entry(self, table: Mapping[str, str], key: str) -> VerbMatch | None:
        code = table.get(key)
        return None if code is None else VerbMatch(key, code, cameo_table()[code].type)

    def match(self, token: Token) -> VerbMatch | None:
        """The most specific entry the verb token meets: a multi-word verb ("call off" is not
        "call"), then the verb with its object, then the verb alone."""
        lemma = token.lemma_.lower()
        for child in token.children:
            if child.dep_ in PARTICLE_DEPS:
                found = self._entry(self.phrases, f"{lemma} {child.lower_}")
                if found is not None:
                    return found
        for child in token.children:
            if child.dep_ in OBJECT_DEPS:
                for word in (child.lower_, child.lemma_.lower()):
                    found = self._entry(self.objects, f"{lemma} {word}")
                    if found is not None:
                        return found
        return self._entry(self.verbs, lemma)


def parse_lexicon(text: str) -> VerbLexicon:
    """The lexicon of the file's JSON text.

    Raises:
        LexiconFileError: a table is missing or not a string → string map, or a code does not
            map to a PLOVER type.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise LexiconFileError(f"verb lexicon is not JSON: {e}") from e
    tables: dict[str, dict[str, str]] = {}
    for name in TABLES:
        table = data.get(name) if isinstance(data, dict) else None
        if not isinstance(table, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in table.items()
        ):
            raise LexiconFileError(f"verb lexicon: {name!r} must map strings to CAMEO codes")
        unknown = sorted({v for v in table.values() if v not in cameo_table()})
        if unknown:
            raise LexiconFileError(f"verb lexicon: {name}: codes without a PLOVER type {unknown}")
        tables[name] = table
    return VerbLexicon(tables["verbs"], tables["phrases"], tables["objects"])


@cache
def default_verb_lexicon() -> VerbLexicon:
    """The shipped lexicon (read once per process)."""
    text = resources.files("ingest").joinpath("data/cameo_verbs.json").read_text("utf-8")
    return parse_lexicon(text)
