"""Development scores of the extractor on the seed article and the PLOVER dev sentences.

Usage: ``python benchmarks/eval_dev.py [--shared ../shared] [--show]``. Reads the development
data from the shared folder (never shipped, never read by product code), runs the extractor,
writes the predictions as JSONL next to the results and scores them with ``ingest.evaluate``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from ingest.dates import parse_published
from ingest.evaluate import evaluate_files, score_article
from ingest.evaluate_actors import article_figures, load_evidenced, without_dates
from ingest.extract import Extractor
from ingest.nlp import load_pipeline
from ingest.readers import iter_items
from ontology.model import Article, ExtractionResult

RESULTS = Path(__file__).parent / "results"


def _write(results: list[ExtractionResult], path: Path, show: bool) -> None:
    with path.open("w", encoding="utf-8") as out:
        for result in results:
            if result.error:
                print(f"ERROR {result.item}: {result.error}", file=sys.stderr)
            for event in result.events:
                out.write(json.dumps(event.model_dump(mode="json")) + "\n")
                if show:
                    src = ",".join(f"{a.name}/{a.country}" for a in event.source)
                    tgt = ",".join(f"{a.name}/{a.country}" for a in event.target)
                    place = event.place.name if event.place else "-"
                    print(
                        f"{event.article_id[:28]:28} {event.type:9} {event.cameo:5} "
                        f"{src} -> {tgt} {event.date} {event.modality} {place} "
                        f"| {event.evidence[0].trigger}: {event.evidence[0].text[:90]}"
                    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path(__file__).parents[2] / "shared")
    parser.add_argument("--show", action="store_true", help="print every predicted event")
    parser.add_argument("--model", default="en_core_web_sm")
    args = parser.parse_args()
    RESULTS.mkdir(exist_ok=True)
    extractor = Extractor(load_pipeline(args.model))

    seed = args.shared / "seed" / "cyprus-mail-blinken-lavrov.txt"
    seed_results = list(extractor.extract_many(iter_items([seed])))
    seed_pred = RESULTS / "seed-pred.jsonl"
    _write(seed_results, seed_pred, args.show)
    report = evaluate_files(args.shared / "eval" / "dev" / "seed-gold.json", seed_pred)
    print(report.model_dump_json(indent=1))

    records = [
        json.loads(line)
        for line in (args.shared / "eval" / "dev" / "plover-gsr-dev.jsonl").read_text().splitlines()
        if line.strip()
    ]
    articles = [Article(id=r["id"], text=r["text"], published=dt.date(2000, 1, 1)) for r in records]
    dev_results = list(extractor.extract_many(articles))
    dev_pred = RESULTS / "plover-dev-pred.jsonl"
    _write(dev_results, dev_pred, args.show)
    report = evaluate_files(args.shared / "eval" / "dev" / "plover-gsr-dev.jsonl", dev_pred)
    print(report.model_dump_json(indent=1, exclude={"sentences": {"missed"}}))
    _voa_dev(extractor, args.shared, args.show)


def _voa_dev(extractor: Extractor, shared: Path, show: bool) -> None:
    """The 24 annotated VOA articles: micro precision/recall, actor and date figures."""
    golds = [json.loads(p.read_text()) for p in sorted((shared / "eval/dev/voa").glob("*.json"))]
    wanted = {g["article"]["id"] for g in golds}
    stories = [json.loads(line) for line in (shared / "corpus/voa-stories.jsonl").open()]
    articles = [
        Article(
            id=s["id"],
            text=s["text"],
            title=s.get("title"),
            published=parse_published(s["published"]),
        )
        for s in stories
        if s["id"] in wanted
    ]
    pred_path = RESULTS / "voa-dev-pred.jsonl"
    _write(list(extractor.extract_many(articles)), pred_path, show)
    predictions = load_evidenced(pred_path)
    reports = [score_article(without_dates(g)[0], predictions) for g in golds]
    predicted = sum(r.predictions - r.optional_predictions for r in reports)
    matched = sum(r.matched_predictions for r in reports)
    required = sum(r.gold_events for r in reports)
    recalled = sum(r.recalled for r in reports)
    figures = article_figures(golds, predictions)
    print(
        f"VOA dev: precision {matched}/{predicted} = {matched / max(predicted, 1):.3f}, "
        f"recall {recalled}/{required} = {recalled / max(required, 1):.3f}"
    )
    print(f"VOA dev: date accuracy on matched events {figures.date_right}/{figures.date_checked}")
    print(
        f"VOA dev: type-matched events with source and target right "
        f"{figures.both_right}/{figures.paired} = {figures.actor_accuracy}"
        f" (source {figures.source_right}, target {figures.target_right})"
    )


if __name__ == "__main__":
    main()
