"""Argument attachment measured on our own labelled corpus (``data/training/``).

Usage: ``python benchmarks/eval_arguments.py [--split tune|held-out|all] [--triggers
oracle,rules,model,both] [--errors FILE]``.

Two measures, both with the matching of ``../shared/eval`` (type among the gold types, source
countries or organisations intersecting the gold source, target likewise; skipped when the gold
has no target code; direction ignored for CONSULT/AGREE/COOPERATE):

- **oracle trigger**: the gold trigger spans are written into ``doc.spans["dekg_triggers"]``
  with their gold type (no trigger proposer runs), so the figures measure argument attachment
  alone (the type is not checked: modality may turn a future act into AGREE or THREATEN). Of
  the gold events with a source code: the share kept as an event (a source found, and the
  precision filter ``ingest.extract.keep`` passed), with the source right, with the target
  right (of those with a target code), and with both right;
- **end to end** (``rules``, ``model``, ``both``): the proposers run, and predictions of the
  sentence are paired one to one with its gold events: precision, recall, F1. The shipped
  trigger model was trained on the whole corpus, so its end-to-end figures here are not
  unseen-data figures; the rules were not written from this corpus.

Each doc is the sentence with the previous one before it (what the annotators saw); only
events whose trigger lies in the sentence count. ``--errors`` writes one JSON line per oracle
argument error with its class (``benchmarks/argument_errors.py``) for reading.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from argument_corpus import ArgEvent, ArgSentence, load  # noqa: E402
from argument_errors import classify, dropped_because  # noqa: E402

from ingest.candidate import Candidate, get_candidates  # noqa: E402
from ingest.eval_gold import PredActor, PredEvent, _side, actors_match, event_matches  # noqa: E402
from ingest.extract import RECIPROCAL_VERBS, keep  # noqa: E402
from ingest.mentions import get_actors  # noqa: E402
from ingest.nlp import _add_dekg_components, load_base  # noqa: E402
from ingest.proposals import SPAN_KEY, TriggerInfo, TriggerSource  # noqa: E402
from ingest.scoring import f1, pair_one_to_one, rate  # noqa: E402
from ontology.model import Actor  # noqa: E402
from ontology.plover import CATEGORIES, EventType  # noqa: E402

_ORACLE: dict[str, list[ArgEvent]] = {}


class OracleTriggers:
    """Writes the gold triggers of the doc (looked up by its text) as trigger proposals."""

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        for event in _ORACLE.get(doc.text, []):
            span = doc.char_span(*event.trigger, alignment_mode="expand")
            if span is None:
                continue
            type_ = EventType(event.type)
            labelled = Span(doc, span.start, span.end, label=type_.value)
            labelled._.dekg_trigger = TriggerInfo(CATEGORIES[type_].default_cameo, "oracle", 0.9)
            spans.append(labelled)
        doc.spans[SPAN_KEY] = spans
        return doc


@Language.factory("dekg_oracle_triggers_bench")
def _make_oracle(nlp: Language, name: str) -> OracleTriggers:
    return OracleTriggers()


def pipeline(variant: str) -> Language:
    nlp = load_base("en_core_web_sm")
    source = TriggerSource.RULES if variant == "oracle" else TriggerSource(variant)
    _add_dekg_components(nlp, [], source)
    if variant == "oracle":
        nlp.replace_pipe("dekg_rule_triggers_v1", "dekg_oracle_triggers_bench")
    return nlp


def _pred_actor(actor: Actor) -> PredActor:
    return PredActor(
        name=actor.name,
        country=actor.country,
        kind=actor.kind.value,
        id=actor.id,
        aliases=actor.aliases,
    )


def predictions(
    doc: Doc, sentence: ArgSentence, *, filtered: bool = True
) -> list[tuple[Candidate, PredEvent]]:
    """The sentence's events as ``ingest.extract.doc_events`` makes them (the precision
    filter unless ``filtered`` is false, the reciprocal target, the article's richest version
    of each actor), one per candidate (not yet merged)."""
    registry = get_actors(doc)
    out: list[tuple[Candidate, PredEvent]] = []
    for candidate in get_candidates(doc):
        token = doc[candidate.token]
        if token.idx < sentence.offset or (filtered and not keep(candidate, token)):
            continue
        target = candidate.target
        if not target and len(candidate.source) >= 2 and token.lemma_.lower() in RECIPROCAL_VERBS:
            target = candidate.source[1:]
        event = PredEvent(
            article_id=sentence.id,
            type=candidate.type.value,
            source=tuple(_pred_actor(registry.get(a.id, a)) for a in candidate.source),
            target=tuple(_pred_actor(registry.get(a.id, a)) for a in target),
        )
        out.append((candidate, event))
    return out


def run(nlp: Language, sentences: list[ArgSentence]) -> Iterable[tuple[ArgSentence, Doc]]:
    _ORACLE.clear()
    _ORACLE.update({s.text: list(s.events) for s in sentences})
    docs = []
    for sentence in sentences:
        doc = nlp.make_doc(sentence.text)
        doc._.dekg_doc_date = (
            dt.date.fromisoformat(sentence.published[:10]) if sentence.published else None
        )
        docs.append(doc)
    yield from zip(sentences, nlp.pipe(docs, batch_size=64), strict=True)


def _at_trigger(
    doc: Doc, event: ArgEvent, preds: list[tuple[Candidate, PredEvent]]
) -> list[PredEvent]:
    span = doc.char_span(*event.trigger, alignment_mode="expand")
    if span is None:
        return []
    return [p for c, p in preds if span.start <= c.token < span.end]


def oracle(nlp: Language, sentences: list[ArgSentence], errors: Path | None) -> dict[str, object]:
    counts: Counter[str] = Counter()
    classes: Counter[str] = Counter()
    lines: list[str] = []
    for sentence, doc in run(nlp, sentences):
        preds = predictions(doc, sentence)
        raw = predictions(doc, sentence, filtered=False)
        for index, event in enumerate(sentence.events):
            if not event.sources:
                continue
            gold = event.gold(index)
            found = _at_trigger(doc, event, preds)
            counts["events"] += 1
            counts["kept"] += bool(found)
            sources = [
                a for p in found for a in (p.source + p.target if gold.symmetric else p.source)
            ]
            targets = [
                a for p in found for a in (p.source + p.target if gold.symmetric else p.target)
            ]
            source_ok = bool(found) and _side(gold.source, sources)
            counts["source"] += source_ok
            if event.targets:
                counts["with_target"] += 1
                counts["target"] += bool(found) and _side(gold.target, targets)
            both = any(actors_match(gold, p) for p in found)
            counts["both"] += both
            if not both:
                unfiltered = _at_trigger(doc, event, raw)
                why = "" if found else dropped_because(doc, event, bool(unfiltered))
                if why:
                    classes[f"event:{why}"] += 1
                if why in {"absorbed", "condition"}:
                    continue  # not an argument error: no candidate was asked for arguments
                for side, kind in classify(doc, event, unfiltered, gold):
                    classes[f"{side}:{kind}"] += 1
                    lines.append(
                        json.dumps(
                            {
                                "id": sentence.id,
                                "side": side,
                                "class": kind,
                                "type": event.type,
                                "trigger": doc.text[slice(*event.trigger)],
                                "gold": {"source": event.sources, "target": event.targets},
                                "pred": [
                                    {
                                        "source": [f"{a.name}/{a.country}" for a in p.source],
                                        "target": [f"{a.name}/{a.country}" for a in p.target],
                                    }
                                    for p in unfiltered
                                ],
                                "kept": bool(found),
                                "text": doc.text[sentence.offset :],
                            }
                        )
                    )
    if errors is not None:
        errors.write_text("\n".join(lines) + "\n", encoding="utf-8")
    n = counts["events"]
    return {
        "events": n,
        "kept": rate(counts["kept"], n),
        "source right": rate(counts["source"], n),
        "target right": rate(counts["target"], counts["with_target"]),
        "both right": rate(counts["both"], n),
        "classes": dict(classes.most_common()),
    }


def end_to_end(nlp: Language, sentences: list[ArgSentence]) -> dict[str, object]:
    predicted = matched = required = recalled = neutral = 0
    for sentence, doc in run(nlp, sentences):
        preds = list(dict.fromkeys(p for _, p in predictions(doc, sentence)))  # merged
        gold = [e.gold(i) for i, e in enumerate(sentence.events)]
        pairs = pair_one_to_one(gold, preds)
        optional = {p for p, g in pairs.items() if gold[g].optional} | {
            p
            for p, pe in enumerate(preds)
            if p not in pairs and any(g.optional and event_matches(g, pe) for g in gold)
        }
        predicted += len(preds) - len(optional)
        matched += sum(1 for g in pairs.values() if not gold[g].optional)
        required += sum(1 for g in gold if not g.optional)
        recalled += sum(1 for g in pairs.values() if not gold[g].optional)
        neutral += len(optional)
    precision, recall = rate(matched, predicted), rate(recalled, required)
    return {
        "predictions": predicted,
        "gold": required,
        "P": precision,
        "R": recall,
        "F1": f1(precision, recall),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT / "data" / "training")
    parser.add_argument("--split", default="tune", choices=["tune", "held-out", "all"])
    parser.add_argument("--triggers", default="oracle,rules")
    parser.add_argument("--errors", type=Path, default=None)
    args = parser.parse_args()
    sentences = load(args.root, args.split)
    events = sum(len(s.events) for s in sentences)
    print(f"split {args.split}: {len(sentences)} sentences, {events} events")
    for variant in [v.strip() for v in args.triggers.split(",") if v.strip()]:
        nlp = pipeline(variant)
        if variant == "oracle":
            figures = oracle(nlp, sentences, args.errors)
            classes = figures.pop("classes")
            print(f"oracle trigger: {figures}")
            if args.split == "tune":  # the held-out split is for figures only
                for name, count in classes.items():  # type: ignore[attr-defined]
                    print(f"  {count:5} {name}")
        else:
            print(f"end to end {variant}: {end_to_end(nlp, sentences)}")


if __name__ == "__main__":
    main()
