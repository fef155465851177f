"""Article-level scores on our own labelled VOA stories (a tuning set), per trigger source.

Usage: ``python benchmarks/eval_articles.py [--gold data/training/articles] [--shared
../shared] [--triggers rules,model,both]``. The gold is built from the training corpus's
sentence labels by ``scripts/training/article_gold.py`` (the 45 non-development VOA stories
with events); it is scored exactly like the development articles (``ingest.evaluate``). The
stories are part of the training corpus, so the model's figures here are training figures and
every figure is a tuning figure: use it to tune, then confirm on ``benchmarks/eval_dev.py``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from eval_dev import RESULTS, Figures, _figures, _voa_articles, _write, print_table, run_variants

from ingest.evaluate import evaluate_files
from ingest.extract import Extractor
from ingest.nlp import load_pipeline
from ingest.readers import iter_items

ROWS = (
    ("P", "voa", "precision"),
    ("R", "voa", "recall"),
    ("F1", "voa", "f1"),
    ("date acc", "voa", "date_accuracy"),
    ("predictions", "voa", "predictions"),
    ("actors right", "voa", "actor_accuracy"),
)


def run_variant(triggers: str, gold: Path, shared: Path) -> Figures:
    extractor = Extractor(load_pipeline("en_core_web_sm", triggers=triggers))
    stories = _voa_articles(shared, gold)
    results = list(extractor.extract_many(iter_items([stories])))
    predictions = RESULTS / f"own-voa-pred-{triggers}.jsonl"
    _write(results, predictions, show=False)
    return {"voa": _figures("voa", evaluate_files(gold, predictions))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gold", type=Path, default=Path("data/training/articles"))
    parser.add_argument("--shared", type=Path, default=Path(__file__).parents[2] / "shared")
    parser.add_argument("--triggers", default="rules,model,both", help="variants to run")
    args = parser.parse_args()
    if not (args.shared / "corpus" / "voa-stories.jsonl").exists():
        sys.exit(f"the VOA stories are not under {args.shared}/corpus: nothing to score")
    RESULTS.mkdir(exist_ok=True)
    variants = [v.strip() for v in args.triggers.split(",") if v.strip()]
    figures = run_variants(variants, lambda v: run_variant(v, args.gold, args.shared))
    print_table("own VOA (tuning)", variants, figures, ROWS)
    print("\nOwn VOA stories: in the training corpus (the model was trained on them).")


if __name__ == "__main__":
    main()
