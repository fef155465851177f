"""Development scores of the extractor, side by side for each trigger source.

Usage: ``python benchmarks/eval_dev.py [--shared ../shared] [--triggers rules,model,both]
[--show]``. Reads the development data from the shared folder (never shipped, never read by
product code): the seed article, the 24 annotated VOA articles (``eval/dev/voa/``, measuring
only: nothing was trained or tuned on them) and the PLOVER development half (the rules were
written against it; the model was never trained on it). For each variant it runs the
extractor, writes the predictions as JSONL under ``benchmarks/results/`` and scores them with
``ingest.evaluate``; then prints one table with every variant side by side.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path

from ingest import IngestError
from ingest.evaluate import EvaluationReport, evaluate_files
from ingest.extract import Extractor
from ingest.nlp import load_pipeline
from ingest.readers import iter_items
from ontology.model import Article, ExtractionResult

RESULTS = Path(__file__).parent / "results"
ROWS = (
    ("seed P", "seed", "precision"),
    ("seed R", "seed", "recall"),
    ("VOA P", "voa", "precision"),
    ("VOA R", "voa", "recall"),
    ("VOA F1", "voa", "f1"),
    ("VOA date acc", "voa", "date_accuracy"),
    ("VOA predictions", "voa", "predictions"),
    ("VOA actors right", "voa", "actor_accuracy"),
    ("VOA date acc (list)", "voa", "actor_date_accuracy"),
    ("PLOVER dev recall", "plover", "event_recall"),
    ("PLOVER dev type acc", "plover", "type_accuracy"),
    ("PLOVER actors right", "plover", "actor_accuracy"),
)


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
                    print(
                        f"{event.article_id[:28]:28} {event.type:9} {event.cameo:5} "
                        f"{src} -> {tgt} {event.date} {event.modality} "
                        f"| {event.evidence[0].trigger}: {event.evidence[0].text[:90]}"
                    )


def _voa_articles(shared: Path, gold_dir: Path) -> Path:
    """The VOA stories that have article gold, as one JSONL input file."""
    wanted = {json.loads(p.read_text())["article"]["id"] for p in gold_dir.glob("*.json")}
    path = RESULTS / "voa-dev-input.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for line in (shared / "corpus" / "voa-stories.jsonl").read_text().splitlines():
            if line.strip() and str(json.loads(line)["id"]) in wanted:
                out.write(line + "\n")
    return path


def _figures(name: str, report: EvaluationReport) -> dict[str, float | int | None]:
    """The table's figures of one report; actor figures: on type-matched gold events, the
    share whose source and target are right (``ingest.evaluate_actors``)."""
    actors: dict[str, float | int | None] = {}
    if report.actors is not None:
        actors = {
            "actor_accuracy": report.actors.actor_accuracy,
            "actor_date_accuracy": report.actors.date_accuracy,
        }
    if report.sentences is not None:
        s = report.sentences
        return {"event_recall": s.event_recall, "type_accuracy": s.type_accuracy, **actors}
    assert report.totals is not None
    figures = report.totals.model_dump(
        include={"precision", "recall", "f1", "date_accuracy", "predictions"}
    )
    return {**figures, **actors}


def run_variant(
    triggers: str, shared: Path, show: bool
) -> dict[str, dict[str, float | int | None]]:
    extractor = Extractor(load_pipeline("en_core_web_sm", triggers=triggers))
    dev = shared / "eval" / "dev"
    out: dict[str, dict[str, float | int | None]] = {}

    seed = list(
        extractor.extract_many(iter_items([shared / "seed" / "cyprus-mail-blinken-lavrov.txt"]))
    )
    seed_pred = RESULTS / f"seed-pred-{triggers}.jsonl"
    _write(seed, seed_pred, show)
    out["seed"] = _figures("seed", evaluate_files(dev / "seed-gold.json", seed_pred))

    voa = list(extractor.extract_many(iter_items([_voa_articles(shared, dev / "voa")])))
    voa_pred = RESULTS / f"voa-dev-pred-{triggers}.jsonl"
    _write(voa, voa_pred, show)
    report = evaluate_files(dev / "voa", voa_pred)
    (RESULTS / f"voa-dev-report-{triggers}.json").write_text(report.model_dump_json(indent=1))
    out["voa"] = _figures("voa", report)

    records = [
        json.loads(x) for x in (dev / "plover-gsr-dev.jsonl").read_text().splitlines() if x.strip()
    ]
    articles = [Article(id=r["id"], text=r["text"], published=dt.date(2000, 1, 1)) for r in records]
    plover_pred = RESULTS / f"plover-dev-pred-{triggers}.jsonl"
    _write(list(extractor.extract_many(articles)), plover_pred, show)
    out["plover"] = _figures("plover", evaluate_files(dev / "plover-gsr-dev.jsonl", plover_pred))
    return out


Figures = dict[str, dict[str, float | int | None]]


def run_variants(variants: list[str], run: Callable[[str], Figures]) -> dict[str, Figures | None]:
    """Each variant's figures by part; ``None`` for a variant that cannot run here."""
    figures: dict[str, Figures | None] = {}
    for variant in variants:
        try:
            figures[variant] = run(variant)
        except (IngestError, OSError) as e:
            print(f"variant {variant}: not available: {e}", file=sys.stderr)
            figures[variant] = None
    return figures


def print_table(
    title: str,
    variants: list[str],
    figures: dict[str, Figures | None],
    rows: tuple[tuple[str, str, str], ...],
) -> None:
    """One row per (label, part, key), one column per variant."""
    print(f"{title:22}" + "".join(f"{v:>10}" for v in variants))
    for label, part, key in rows:
        cells = [(found[part].get(key) if found else None) for found in map(figures.get, variants)]
        print(f"{label:22}" + "".join(f"{'n/a' if c is None else c:>10}" for c in cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path(__file__).parents[2] / "shared")
    parser.add_argument("--triggers", default="rules,model,both", help="variants to run")
    parser.add_argument("--show", action="store_true", help="print every predicted event")
    args = parser.parse_args()
    RESULTS.mkdir(exist_ok=True)
    variants = [v.strip() for v in args.triggers.split(",") if v.strip()]
    figures = run_variants(variants, lambda v: run_variant(v, args.shared, args.show))
    print_table("", variants, figures, ROWS)
    print(
        "\nVOA dev: never trained or tuned on. PLOVER dev half: the rules were written against"
        " it; the model was not trained on it. Seed: the rules were written against it."
    )


if __name__ == "__main__":
    main()
