"""The labelled training corpus: pool sentences + label files → sentences with char offsets.

Layout (``data/training/``, see CORPUS_FORMAT in the repository notes): ``pool/<batch>.jsonl``
holds the sentences, ``labels/<batch>.<annotator>.jsonl`` one line per pool sentence with its
events; each event names its ``trigger``, ``source`` and ``target`` by their exact text (and a
1-based ``*_occurrence`` when the text occurs more than once). ``load_batch`` resolves those
texts to character offsets and reports every span it cannot find instead of guessing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.training import TrainingError
from ontology.plover import EventType

_TYPES = frozenset(t.value for t in EventType)


@dataclass(frozen=True, slots=True)
class LabelledEvent:
    type: str
    trigger: tuple[int, int]  # character offsets in the sentence
    modality: str = "asserted"


@dataclass(frozen=True, slots=True)
class Sentence:
    id: str
    doc: str
    origin: str
    text: str
    events: tuple[LabelledEvent, ...]

    @property
    def first_type(self) -> str:
        """The sentence's type for agreement: its first event's type, or NONE."""
        return self.events[0].type if self.events else "NONE"


@dataclass(slots=True)
class BatchReport:
    """What a batch's label file held and what could not be used."""

    path: str
    sentences: int = 0
    events: int = 0
    problems: list[str] = field(default_factory=list)


def _lines(path: Path) -> list[dict[str, Any]]:
    try:
        rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    except (OSError, json.JSONDecodeError) as e:
        raise TrainingError(f"{path}: {e}") from e
    if not all(isinstance(r, dict) for r in rows):
        raise TrainingError(f"{path}: every line must be a JSON object")
    return rows


def locate(text: str, span: str, occurrence: int = 1) -> tuple[int, int] | None:
    """Character offsets of the ``occurrence``-th exact occurrence of ``span`` in ``text``."""
    start = -1
    for _ in range(max(1, occurrence)):
        start = text.find(span, start + 1)
        if start < 0:
            return None
    return start, start + len(span)


def _event(text: str, raw: dict[str, Any], where: str, problems: list[str]) -> LabelledEvent | None:
    type_ = raw.get("type")
    if type_ not in _TYPES:
        problems.append(f"{where}: unknown type {type_!r}")
        return None
    trigger = raw.get("trigger")
    if not isinstance(trigger, str) or not trigger.strip():
        problems.append(f"{where}: no trigger")
        return None
    offsets = locate(text, trigger, int(raw.get("trigger_occurrence", 1)))
    if offsets is None:
        problems.append(f"{where}: trigger {trigger!r} not in the sentence")
        return None
    for key in ("source", "target"):
        value = raw.get(key)
        if (
            isinstance(value, str)
            and locate(text, value, int(raw.get(f"{key}_occurrence", 1))) is None
        ):
            problems.append(f"{where}: {key} {value!r} not in the sentence")
    return LabelledEvent(str(type_), offsets, str(raw.get("modality", "asserted")))


def load_batch(
    label_path: Path, *, exclude_docs: frozenset[str] = frozenset()
) -> tuple[list[Sentence], BatchReport]:
    """The sentences of one label file (``<batch>.<annotator>.jsonl``) with its pool batch.

    Sentences whose ``doc`` is in ``exclude_docs`` (evaluation articles) are dropped; events
    whose trigger cannot be found are dropped and reported (their sentence is dropped too, so
    that a missing label never teaches "no event").
    """
    batch = label_path.name.split(".")[0]
    pool = _lines(label_path.parents[1] / "pool" / f"{batch}.jsonl")
    labels = {str(r.get("id")): r for r in _lines(label_path)}
    report = BatchReport(str(label_path))
    out: list[Sentence] = []
    for row in pool:
        sid = str(row["id"])
        label = labels.get(sid)
        if label is None:
            report.problems.append(f"{sid}: not labelled")
            continue
        if row.get("doc") in exclude_docs:
            report.problems.append(f"{sid}: from an excluded document {row.get('doc')}")
            continue
        text = str(row["text"])
        raw_events = label.get("events") or []
        events = [_event(text, e, sid, report.problems) for e in raw_events if isinstance(e, dict)]
        if any(e is None for e in events):
            continue
        kept = tuple(e for e in events if e is not None)
        out.append(Sentence(sid, str(row.get("doc", "")), str(row.get("origin", "")), text, kept))
        report.sentences += 1
        report.events += len(kept)
    return out, report


def label_files(root: Path, annotator: str | None = "a1") -> list[Path]:
    """The label files under ``root/labels`` (of one annotator, or all when ``None``)."""
    pattern = f"*.{annotator}.jsonl" if annotator else "*.jsonl"
    return sorted((root / "labels").glob(pattern))


def load_corpus(
    root: Path, *, annotator: str | None = "a1", exclude_docs: Iterable[str] = ()
) -> tuple[list[Sentence], list[BatchReport]]:
    """Every labelled sentence of the corpus (one annotator's pass) and the batch reports."""
    excluded = frozenset(exclude_docs)
    sentences: list[Sentence] = []
    reports: list[BatchReport] = []
    for path in label_files(root, annotator):
        found, report = load_batch(path, exclude_docs=excluded)
        sentences.extend(found)
        reports.append(report)
    if not sentences:
        raise TrainingError(f"no labelled sentences under {root}/labels")
    return sentences, reports


def folds(sentences: list[Sentence], k: int) -> Iterator[tuple[list[Sentence], list[Sentence]]]:
    """k train/test splits that keep the sentences of one document together."""
    docs = sorted({s.doc for s in sentences})
    fold_of = {d: i % k for i, d in enumerate(docs)}
    for i in range(k):
        yield (
            [s for s in sentences if fold_of[s.doc] != i],
            [s for s in sentences if fold_of[s.doc] == i],
        )
