"""Event dates and same-happening merging on the labelled training documents.

Usage: ``python benchmarks/eval_dates.py [LABELS_DIR] [--pool data/training/pool]
[--split tune|confirm|all] [--triggers rules] [--show]``.

``LABELS_DIR`` (default ``data/training/dates``) holds ``<batch>.<annotator>.jsonl`` files
written by the rules of ``DATES_LABELLING.md``: one line per labelled event of the training
pool (``key``, ``type``, ``trigger``, ``date`` list, ``same_as``). Each document of the chosen
batches is rebuilt from its pool sentences (joined in order, dated by its ``published`` day),
run through the extractor, and scored with ``ingest.evaluate_dates``: date accuracy on paired
events and merge precision / recall over pairs of mentions of one document. Splits: ``tune`` =
voa-01..05 and synthetic4-STORY-1..3, ``confirm`` = voa-06, voa-07 and synthetic4-STORY-4
(never the VOA development articles). When a batch has several annotators the first (by name)
is scored and the share of shared keys whose date lists intersect is printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ingest.evaluate_dates import DateScores, Label, Mention, parse_label, score_document
from ingest.extract import Extractor
from ingest.nlp import load_pipeline
from ontology.model import Article, Event

ROOT = Path(__file__).parents[1]
_STORIES = tuple(f"synthetic4-STORY-{i}" for i in range(1, 5))
SPLITS = {
    "tune": ("voa-01", "voa-02", "voa-03", "voa-04", "voa-05", *_STORIES[:3]),
    "confirm": ("voa-06", "voa-07", _STORIES[3]),
}
SPLITS["all"] = SPLITS["tune"] + SPLITS["confirm"]


@dataclass(frozen=True, slots=True)
class Document:
    """A training document rebuilt from its pool sentences, with each sentence's span."""

    article: Article
    spans: tuple[tuple[str, int, int], ...]  # (sentence id, start, end)

    def sentence_at(self, offset: int) -> str | None:
        return next((sid for sid, start, end in self.spans if start <= offset < end), None)


def read_labels(directory: Path, batches: tuple[str, ...]) -> dict[str, dict[str, list[Label]]]:
    """batch → annotator → labels, for the chosen batches present in ``directory``."""
    found: dict[str, dict[str, list[Label]]] = defaultdict(dict)
    for path in sorted(directory.glob("*.jsonl")):
        batch, _, annotator = path.name.removesuffix(".jsonl").rpartition(".")
        if batch not in batches:
            continue
        labels = []
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    labels.append(parse_label(json.loads(line)))
                except ValueError as e:  # json.JSONDecodeError is a ValueError
                    print(f"{path.name}:{number}: skipped: {e}", file=sys.stderr)
        found[batch][annotator] = labels
    return dict(found)


def read_documents(pool: Path, batches: list[str]) -> list[Document]:
    """The documents of the batches' pool files, sentences joined in story order."""
    lines: dict[str, list[dict[str, str]]] = defaultdict(list)
    for batch in batches:
        for line in (pool / f"{batch}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                lines[row["doc"]].append(row)
    documents = []
    for doc_id, rows in lines.items():
        spans, parts, offset = [], [], 0
        for row in rows:
            text = row["text"].strip()
            spans.append((row["id"], offset, offset + len(text) + 1))
            parts.append(text)
            offset += len(text) + 1
        published = dt.date.fromisoformat(rows[0]["published"][:10])
        article = Article(id=doc_id, text=" ".join(parts), published=published)
        documents.append(Document(article, tuple(spans)))
    return documents


def mentions_of(document: Document, events: tuple[Event, ...]) -> list[Mention]:
    """Each evidence mention of the events, placed in the pool sentence of its trigger."""
    found: list[tuple[int, Mention]] = []
    for event in events:
        for evidence in event.evidence:
            trigger = evidence.trigger or ""
            at = evidence.text.casefold().find(trigger.casefold()) if trigger else -1
            offset = evidence.start + max(at, 0)
            sentence = document.sentence_at(offset)
            if sentence is not None:
                found.append((offset, Mention(event, sentence, trigger)))
    return [m for _, m in sorted(found, key=lambda pair: pair[0])]


def agreement(by_annotator: dict[str, list[Label]]) -> tuple[int, int]:
    """Shared keys of the first two annotators, and how many have intersecting date lists."""
    if len(by_annotator) < 2:
        return 0, 0
    first, second = (dict((x.key, x) for x in by_annotator[a]) for a in sorted(by_annotator)[:2])
    shared = first.keys() & second.keys()
    agree = sum(1 for k in shared if set(first[k].dates) & set(second[k].dates))
    return len(shared), agree


def _show(scores: DateScores, documents: dict[str, Document]) -> None:
    texts = {sid: d.article.text[s:e] for d in documents.values() for sid, s, e in d.spans}
    for label, event in scores.misses:
        when = f"{event.date} {event.date_precision.value}"
        print(
            f"MISS {label.key} {label.type} '{label.trigger}' gold={list(label.dates)} "
            f"pred={when} | {texts.get(label.sentence, '')[:160]}"
        )

    for kind, a, b in scores.merge_errors:
        print(f"MERGE {kind}: {a.key} {a.type} {list(a.dates)} | {texts.get(a.sentence, '')[:90]}")
        print(
            f"      {' ' * len(kind)}  {b.key} {b.type} {list(b.dates)} | "
            f"{texts.get(b.sentence, '')[:90]}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("labels", nargs="?", type=Path, default=ROOT / "data/training/dates")
    parser.add_argument("--pool", type=Path, default=ROOT / "data/training/pool")
    parser.add_argument("--split", choices=sorted(SPLITS), default="tune")
    parser.add_argument("--triggers", default="rules")
    parser.add_argument("--show", action="store_true", help="print every date miss")
    args = parser.parse_args()
    labels = read_labels(args.labels, SPLITS[args.split])
    if not labels:
        sys.exit(f"no label files of the {args.split} split in {args.labels}")
    # Whole documents: a story may run on into a batch of the other split.
    everything = {d.article.id: d for d in read_documents(args.pool, list(SPLITS["all"]))}
    sentence_doc = {sid: d for d, doc in everything.items() for sid, _, _ in doc.spans}
    by_doc: dict[str, list[Label]] = defaultdict(list)
    for batch in sorted(labels):
        annotator = sorted(labels[batch])[0]
        for label in labels[batch][annotator]:
            by_doc[sentence_doc.get(label.sentence, "?")].append(label)
        shared, agree = agreement(labels[batch])
        if shared:
            print(f"{batch}: annotators {sorted(labels[batch])} dates intersect {agree}/{shared}")
    documents = {d: everything[d] for d in by_doc if d in everything}
    extractor = Extractor(load_pipeline("en_core_web_sm", triggers=args.triggers))
    results = {r.item: r for r in extractor.extract_many(d.article for d in documents.values())}
    total = DateScores()
    for doc_id, document in documents.items():
        mentions = mentions_of(document, results[doc_id].events)
        total.add(score_document(by_doc[doc_id], mentions, document.article.published))
    if args.show:
        _show(total, documents)
    print(f"split {args.split} ({', '.join(sorted(labels))}), triggers {args.triggers}")
    n = total.counts
    print(f"labelled events {n['labelled']}, paired {n['paired']}")
    print(
        f"date accuracy    {total.date_accuracy} ({n['date_right']}/{n['paired']}; "
        f"the publication day for every paired event: {n['published_right']})"
    )
    print(
        f"merge precision  {total.merge_precision} ({n['merge_right']} right, "
        f"{n['merge_wrong']} wrongly merged)"
    )
    print(f"merge recall     {total.merge_recall} ({n['merge_missed']} pairs left apart)")


if __name__ == "__main__":
    main()
