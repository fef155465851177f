"""Trigger proposals: the seam between trigger sources and argument attachment.

Proposer components (rules, the learned model) write spans into ``doc.spans["dekg_triggers"]``:
the span covers the trigger word(s), its label is the PLOVER type, and ``span._.dekg_trigger``
holds a :class:`TriggerInfo` (CAMEO code, who proposed it, score, and what the rules know about
negation or a reported request). The one argument-attachment component
(``dekg_event_arguments_v1``) turns whatever is in that group into event candidates, so the
sources are interchangeable and combinable by configuration (``TriggerSource``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from spacy.tokens import Doc, Span

from ingest import clauses
from ontology.plover import EventType

SPAN_KEY = "dekg_triggers"
# Arcs that leave one predicate for another (a conjoined or adverbial clause, an apposition),
# and prepositions that place one happening in time beside another ("met after declaring").
SEPARATE_DEPS = frozenset({"conj", "advcl", "parataxis", "relcl", "appos"})
TIME_PREPOSITIONS = frozenset(
    {"after", "before", "since", "while", "during", "until", "following", "amid"}
)


class TriggerSource(StrEnum):
    """Which proposers a pipeline runs (``DEKG_TRIGGERS``)."""

    RULES = "rules"
    MODEL = "model"
    BOTH = "both"
    RULES_LEXICON = "rules+lexicon"  # the CAMEO verb lexicon where the rules found nothing

    @property
    def factories(self) -> tuple[str, ...]:
        rules, model = "dekg_rule_triggers_v1", "dekg_model_triggers_v1"
        if self is TriggerSource.RULES_LEXICON:
            return (rules, "dekg_lexicon_triggers_v1")
        if self is TriggerSource.RULES:
            return (rules,)
        if self is TriggerSource.MODEL:
            return (model,)
        return (rules, model)


@dataclass(frozen=True, slots=True)
class TriggerInfo:
    """What a proposer says about one trigger span.

    ``source`` is ``"rule:<id>"`` or ``"model"``; ``score`` the rule's confidence or the
    model's probability; ``negated`` the (type, code) to use when the clause is negated;
    ``complement`` the token index of the requested clause of a reported "should".
    """

    cameo: str
    source: str
    score: float
    negated: tuple[EventType, str] | None = None
    complement: int | None = None


def register_extension() -> None:
    Span.set_extension("dekg_trigger", default=None, force=True)


register_extension()


def propose(doc: Doc, start: int, end: int, type_: EventType, info: TriggerInfo) -> bool:
    """Add a trigger span unless one already covers any of its tokens; True when added."""
    group = doc.spans.get(SPAN_KEY)
    if group is not None and any(s.start < end and start < s.end for s in group):
        return False
    span = Span(doc, start, end, label=type_.value)
    span._.dekg_trigger = info
    if group is None:
        doc.spans[SPAN_KEY] = [span]
    else:
        group.append(span)
    return True


def proposals(doc: Doc) -> Iterator[tuple[Span, TriggerInfo]]:
    """The proposed trigger spans with their information, in document order."""
    if SPAN_KEY not in doc.spans:
        return
    for span in sorted(doc.spans[SPAN_KEY], key=lambda s: (s.start, s.end)):
        info = span._.dekg_trigger
        if isinstance(info, TriggerInfo):
            yield span, info


def governing_rules(doc: Doc) -> set[int]:
    """Token indices of the words that govern a rule's trigger within one predicate: the
    trigger itself and its heads up to the first arc that starts another clause
    (``SEPARATE_DEPS``) or a time preposition (``TIME_PREPOSITIONS``). A model trigger there
    would take the rule's trigger as its complement and replace its type, so the model
    proposes none there (decision 0011)."""
    out: set[int] = set()
    for span, info in proposals(doc):
        if not info.source.startswith("rule:"):
            continue
        current = span.root
        out.add(current.i)
        for head, dep in clauses.ancestors(current):
            if dep in SEPARATE_DEPS or head.lower_ in TIME_PREPOSITIONS:
                break
            out.add(head.i)
            current = head
    return out
