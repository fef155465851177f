"""The per-document event candidate the event components pass along (``Doc._.dekg_events``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from ontology.model import Actor, Modality
from ontology.plover import EventType


@dataclass(frozen=True, slots=True)
class Candidate:
    """One trigger with its code and arguments, before time, place and merging.

    ``token`` is the trigger's token index; ``sent_start``/``sent_end`` the sentence's token
    offsets. ``negated_cameo`` is the code to use if modality finds the clause negated.
    """

    token: int
    sent_start: int
    sent_end: int
    type: EventType
    cameo: str
    source: tuple[Actor, ...]
    target: tuple[Actor, ...]
    attributed_to: tuple[Actor, ...] = ()
    confidence: float = 0.5
    modality: Modality = Modality.ASSERTED
    negated: tuple[EventType, str] | None = None
    trigger_text: str = ""
    refined_by: tuple[str, ...] = field(default_factory=tuple)
    origin: str = ""  # who proposed the trigger: "rule:<id>" or "model"


def register_extension() -> None:
    Doc.set_extension("dekg_events", default=None, force=True)


register_extension()


def get_candidates(doc: Doc) -> list[Candidate]:
    value: list[Candidate] | None = doc._.dekg_events
    return value if value is not None else []


def set_candidates(doc: Doc, candidates: list[Candidate]) -> None:
    doc._.dekg_events = candidates
