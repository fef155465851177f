"""Date accuracy and same-happening merging of extracted events against sentence-level labels.

The labels (``data/training/dates/<batch>.<annotator>.jsonl``, written by the rules of
``DATES_LABELLING.md``) give, for each labelled event of a training document, its key
``"<sentence id>#<index>"``, type, trigger, the acceptable dates (``null`` = no day can be
told) and ``same_as`` (the key of the first mention of the same happening, or ``null``).

A predicted event is paired with a labelled one when one of its evidence mentions lies in the
labelled sentence, has the same type and a trigger sharing a word with the labelled trigger;
pairs are made one to one, in text order. Date accuracy counts paired labelled events whose
predicted (merged) event has an acceptable date; ``null`` accepts a prediction without a date or
dated to a week, month or year. Merge precision and recall are over pairs of paired labelled
events of one document: merged by the extractor (one predicted event) versus linked by
``same_as`` (directly or through a chain).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from ontology.model import DatePrecision, Event

_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Label:
    """One labelled event."""

    key: str
    type: str
    trigger: str
    dates: tuple[str | None, ...]
    same_as: str | None

    @property
    def sentence(self) -> str:
        return self.key.rsplit("#", 1)[0]


@dataclass(frozen=True, slots=True)
class Mention:
    """One evidence mention of a predicted event, placed in a labelled sentence."""

    event: Event
    sentence: str
    trigger: str


@dataclass(slots=True)
class DateScores:
    """Counts of one evaluation (``labelled``, ``paired``, ``date_right``, ``published_right``,
    ``merge_right``, ``merge_wrong``, ``merge_missed``), the date misses and merge errors."""

    counts: Counter[str] = field(default_factory=Counter)
    misses: list[tuple[Label, Event]] = field(default_factory=list)
    merge_errors: list[tuple[str, Label, Label]] = field(default_factory=list)

    @property
    def date_accuracy(self) -> float | None:
        return _rate(self.counts["date_right"], self.counts["paired"])

    @property
    def merge_precision(self) -> float | None:
        right = self.counts["merge_right"]
        return _rate(right, right + self.counts["merge_wrong"])

    @property
    def merge_recall(self) -> float | None:
        right = self.counts["merge_right"]
        return _rate(right, right + self.counts["merge_missed"])

    def add(self, other: DateScores) -> None:
        self.counts.update(other.counts)
        self.misses.extend(other.misses)
        self.merge_errors.extend(other.merge_errors)


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def parse_label(row: dict[str, object]) -> Label:
    """A label from one JSON line.

    Raises:
        ValueError: a field is missing or malformed (the line is named by the caller).
    """
    key, kind, trigger = row.get("key"), row.get("type"), row.get("trigger")
    dates, same_as = row.get("date"), row.get("same_as")
    if not isinstance(key, str) or "#" not in key:
        raise ValueError(f"bad key {key!r}")
    if not isinstance(dates, list) or not dates:
        raise ValueError(f"{key}: date must be a non-empty list")
    for value in dates:
        if value is not None:
            dt.date.fromisoformat(str(value))
    if same_as is not None and not isinstance(same_as, str):
        raise ValueError(f"{key}: bad same_as {same_as!r}")
    return Label(key, str(kind), str(trigger or ""), tuple(dates), same_as)


def date_right(label: Label, event: Event) -> bool:
    """The event's date is one the label accepts (``None``: no date or not at day precision)."""
    if event.date is not None and event.date_precision is DatePrecision.DAY:
        return event.date.isoformat() in label.dates
    return None in label.dates


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def triggers_overlap(labelled: str, predicted: str) -> bool:
    """The two trigger strings share a word."""
    return bool(_words(labelled) & _words(predicted))


def pair(labels: Sequence[Label], mentions: Sequence[Mention]) -> dict[str, Event]:
    """Labelled key → the predicted event paired with it (one to one over mentions)."""
    used: set[int] = set()
    paired: dict[str, Event] = {}
    for label in labels:
        for index, mention in enumerate(mentions):
            if (
                index not in used
                and mention.sentence == label.sentence
                and mention.event.type.value == label.type
                and triggers_overlap(label.trigger, mention.trigger)
            ):
                used.add(index)
                paired[label.key] = mention.event
                break
    return paired


def happenings(labels: Iterable[Label]) -> dict[str, str]:
    """Each key's first mention, following ``same_as`` chains."""
    first: dict[str, str] = {}
    for label in labels:
        target = label.same_as
        first[label.key] = first.get(target, target) if target else label.key
    return first


def score_document(
    labels: Sequence[Label], mentions: Sequence[Mention], published: dt.date | None = None
) -> DateScores:
    """Date and merge figures of one document (``published``: also count how many paired
    labels accept the publication day, the baseline of dating every event to it)."""
    scores = DateScores(Counter(labelled=len(labels)))
    paired = pair(labels, mentions)
    by_key = {label.key: label for label in labels}
    for key, event in paired.items():
        scores.counts["paired"] += 1
        if date_right(by_key[key], event):
            scores.counts["date_right"] += 1
        else:
            scores.misses.append((by_key[key], event))
        if published is not None and published.isoformat() in by_key[key].dates:
            scores.counts["published_right"] += 1
    first = happenings(labels)
    for a, b in combinations(sorted(paired), 2):
        same_gold = first[a] == first[b]
        same_pred = paired[a].id == paired[b].id
        if same_gold and same_pred:
            scores.counts["merge_right"] += 1
        elif same_pred or same_gold:
            kind = "wrongly merged" if same_pred else "left apart"
            scores.counts["merge_wrong" if same_pred else "merge_missed"] += 1
            scores.merge_errors.append((kind, by_key[a], by_key[b]))
    return scores
