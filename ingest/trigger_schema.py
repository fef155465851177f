"""The schema of the trigger rule file (``ingest/data/triggers.json``), validated by pydantic.

Every rule has an ``id`` (unique, stable: it names the rule in ``doc.spans["dekg_triggers"]``
as ``rule:<id>``) and an ``example`` sentence on which it fires (checked by
``tests/ingest/test_trigger_examples.py``). Unknown keys are refused, so a misspelt condition
("object" for "objects") is an error instead of a rule that fires everywhere.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from ontology.plover import EventType, cameo_table

_Word = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, min_length=1)]
_Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$")]


def _words(value: object) -> object:
    return [value] if isinstance(value, str) else value


def _known_code(code: str) -> str:
    if code not in cameo_table():
        raise ValueError(f"unknown CAMEO code {code!r}")
    return code


class RuleEntry(BaseModel):
    """One rule as written in the file; the conditions are described in ``ingest.triggers``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: _Id
    lemma: _Word
    cameo: str
    example: str = Field(min_length=3)
    type: EventType | None = None
    pos: tuple[str, ...] = ("VERB",)
    objects: tuple[_Word, ...] = ()
    preps: tuple[_Word, ...] = ()
    modifiers: tuple[_Word, ...] = ()
    governors: tuple[_Word, ...] = ()
    excluded: tuple[_Word, ...] = ()
    intent: bool = False
    negated_cameo: str | None = None
    negated_type: EventType | None = None
    confidence: float = Field(default=0.8, gt=0.0, le=1.0)
    intransitive: bool = False
    clausal: bool = False
    object_entity: bool = False

    _as_list = field_validator(
        "pos", "objects", "preps", "modifiers", "governors", "excluded", mode="before"
    )(_words)

    @field_validator("cameo", "negated_cameo")
    @classmethod
    def _code(cls, value: str | None) -> str | None:
        return None if value is None else _known_code(value)

    @field_validator("pos")
    @classmethod
    def _pos(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        pos = tuple(p.upper() for p in value)
        if not pos or not set(pos) <= {"VERB", "NOUN", "ADJ", "PROPN", "ADV"}:
            raise ValueError(f"pos must be a non-empty list of VERB/NOUN/ADJ/PROPN/ADV: {value}")
        return pos


class RuleFile(BaseModel):
    """The whole file: a description and the rules, ids unique."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    about: str = ""
    triggers: tuple[RuleEntry, ...]

    @field_validator("triggers")
    @classmethod
    def _unique_ids(cls, value: tuple[RuleEntry, ...]) -> tuple[RuleEntry, ...]:
        seen: set[str] = set()
        for rule in value:
            if rule.id in seen:
                raise ValueError(f"duplicate rule id {rule.id!r}")
            seen.add(rule.id)
        return value
