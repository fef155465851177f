"""The labelled training corpus (``data/training/``) read as argument gold for
``benchmarks/eval_arguments.py``: each sentence with its context, and each event with its
trigger, source and target spans (character offsets in the doc) and their codes.

The training loader (``ingest.training.corpus``) keeps only what the trigger model needs; this
one keeps the actors too. A doc is the previous sentence (the ``context`` the annotators saw,
to resolve "he", "the minister") followed by the sentence; only events of the sentence itself
are gold. Events of one trigger that share a type and a target (or a source) are one event with
a compound source (target), as in the article gold ("Russia and Ukraine should …").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ingest.eval_gold import GoldActor, GoldEvent
from ingest.training.corpus import locate

#: Batches held out from tuning (never looked at while writing fixes): the last two VOA
#: batches, the last two Reuters batches, and the mixed wire-style synthetic batch.
HELD_OUT = frozenset({"voa-06", "voa-07", "reuters-13", "reuters-14", "synthetic2-MIXED"})
#: Types whose direction does not matter (ANNOTATION.md: "meetings, talks and agreements
#: between parties").
SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})

Offsets = tuple[int, int]


@dataclass(frozen=True, slots=True)
class ArgEvent:
    """One gold event of a sentence: offsets are in the doc text (context + sentence)."""

    type: str
    trigger: Offsets
    sources: tuple[str, ...]  # codes: "USA", "org:UN"; empty when the label has none
    targets: tuple[str, ...]
    source_spans: tuple[Offsets, ...]
    target_spans: tuple[Offsets, ...]
    modality: str

    def gold(self, index: int) -> GoldEvent:
        """The event as the scorer's gold (no source code: source unchecked, and the event
        is optional; no target code: target unchecked)."""
        return GoldEvent(
            id=f"E{index}",
            types=frozenset({self.type}),
            primary_type=self.type,
            source=tuple(_actor(c) for c in self.sources),
            target=tuple(_actor(c) for c in self.targets),
            symmetric=self.type in SYMMETRIC,
            optional=not self.sources,
            target_optional=not self.targets,
        )


@dataclass(frozen=True, slots=True)
class ArgSentence:
    id: str
    batch: str
    published: str | None
    text: str  # context + " " + sentence
    offset: int  # where the sentence starts in ``text``
    events: tuple[ArgEvent, ...]


def _actor(code: str) -> GoldActor:
    if code.startswith("org:"):
        return GoldActor(name=code[4:])
    return GoldActor(code=code)


def _span(text: str, raw: dict[str, object], key: str, offset: int) -> Offsets | None:
    value = raw.get(key)
    if not isinstance(value, str) or not value:
        return None
    found = locate(text, value, int(str(raw.get(f"{key}_occurrence", 1))))
    return None if found is None else (found[0] + offset, found[1] + offset)


def _raw_event(text: str, raw: dict[str, object], offset: int) -> ArgEvent | None:
    trigger = _span(text, raw, "trigger", offset)
    if trigger is None or not isinstance(raw.get("type"), str):
        return None
    source, target = _span(text, raw, "source", offset), _span(text, raw, "target", offset)
    s_code, t_code = raw.get("source_code"), raw.get("target_code")
    return ArgEvent(
        type=str(raw["type"]),
        trigger=trigger,
        sources=(s_code,) if isinstance(s_code, str) and s_code else (),
        targets=(t_code,) if isinstance(t_code, str) and t_code else (),
        source_spans=(source,) if source else (),
        target_spans=(target,) if target else (),
        modality=str(raw.get("modality", "asserted")),
    )


def _join(a: ArgEvent, b: ArgEvent) -> ArgEvent | None:
    """One compound event from two events of the same trigger and type, when they share a
    side (a target, or a source)."""
    if (a.type, a.trigger) != (b.type, b.trigger):
        return None
    if a.targets == b.targets and a.sources and b.sources:
        return ArgEvent(
            a.type,
            a.trigger,
            tuple(dict.fromkeys(a.sources + b.sources)),
            a.targets,
            a.source_spans + b.source_spans,
            a.target_spans,
            a.modality,
        )
    if a.sources == b.sources and a.targets and b.targets:
        return ArgEvent(
            a.type,
            a.trigger,
            a.sources,
            tuple(dict.fromkeys(a.targets + b.targets)),
            a.source_spans,
            a.target_spans + b.target_spans,
            a.modality,
        )
    return None


def compound(events: list[ArgEvent]) -> list[ArgEvent]:
    out: list[ArgEvent] = []
    for event in events:
        for k, kept in enumerate(out):
            joined = _join(kept, event)
            if joined is not None:
                out[k] = joined
                break
        else:
            out.append(event)
    return out


def _rows(path: Path) -> list[dict[str, object]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def load_batch(label_path: Path) -> list[ArgSentence]:
    batch = label_path.name.split(".")[0]
    pool = {str(r["id"]): r for r in _rows(label_path.parents[1] / "pool" / f"{batch}.jsonl")}
    out: list[ArgSentence] = []
    for label in _rows(label_path):
        row = pool.get(str(label["id"]))
        if row is None:
            continue
        context = str(row.get("context") or "").strip()
        sentence = str(row["text"])
        offset = len(context) + 1 if context else 0
        raw = label.get("events") or []
        events = [_raw_event(sentence, e, offset) for e in raw if isinstance(e, dict)]
        if any(e is None for e in events):
            continue  # a span the loader cannot find: the sentence is left out, not guessed
        out.append(
            ArgSentence(
                id=str(row["id"]),
                batch=batch,
                published=str(row["published"]) if row.get("published") else None,
                text=f"{context} {sentence}" if context else sentence,
                offset=offset,
                events=tuple(compound([e for e in events if e is not None])),
            )
        )
    return out


def load(root: Path, split: str) -> list[ArgSentence]:
    """The first-pass (``a1``) sentences of the ``tune`` or ``held-out`` split (or ``all``)."""
    out: list[ArgSentence] = []
    for path in sorted((root / "labels").glob("*.a1.jsonl")):
        batch = path.name.split(".")[0]
        if split == "all" or (batch in HELD_OUT) == (split == "held-out"):
            out.extend(load_batch(path))
    return out
