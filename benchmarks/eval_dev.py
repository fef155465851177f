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

from ingest.evaluate import evaluate_files
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


if __name__ == "__main__":
    main()
