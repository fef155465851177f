"""Scores on the development data in ../shared (skipped when it is absent): the seed article's
gold and the PLOVER dev sentences, through the real pipeline and ``ingest.evaluate``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from ingest.evaluate import (
    PredEvent,
    article_gold,
    score_article,
    score_sentences,
    sentence_gold,
)
from ingest.extract import Extractor
from ingest.nlp import load_pipeline
from ingest.readers import iter_items
from ontology.model import Article, ExtractionResult

SHARED = Path(__file__).resolve().parents[3] / "shared"
DEV = SHARED / "eval" / "dev"

pytestmark = [
    pytest.mark.model,
    pytest.mark.shared,
    pytest.mark.skipif(not DEV.is_dir(), reason="development data ../shared is absent"),
]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_pipeline("en_core_web_sm"))


def predictions(results: list[ExtractionResult]) -> list[PredEvent]:
    return [
        PredEvent.model_validate(event.model_dump(mode="json"))
        for result in results
        for event in result.events
    ]


def test_seed_article_scores(extractor: Extractor) -> None:
    gold = article_gold(json.loads((DEV / "seed-gold.json").read_text(encoding="utf-8")))
    results = list(
        extractor.extract_many(iter_items([SHARED / "seed" / "cyprus-mail-blinken-lavrov.txt"]))
    )
    report = score_article(gold, predictions(results))
    assert report.precision is not None and report.precision >= 0.85, report
    assert report.recall is not None and report.recall >= 0.9, report
    assert report.date_accuracy is not None and report.date_accuracy >= 0.9, report
    assert report.place_accuracy == 1.0, report


def test_plover_dev_sentences(extractor: Extractor) -> None:
    records = [
        json.loads(line)
        for line in (DEV / "plover-gsr-dev.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    articles = [Article(id=r["id"], text=r["text"], published=dt.date(2000, 1, 1)) for r in records]
    results = list(extractor.extract_many(articles))
    assert all(r.ok for r in results)
    report = score_sentences([sentence_gold(r) for r in records], predictions(results))
    assert report.event_recall is not None and report.event_recall >= 0.6, report
    assert report.type_accuracy is not None and report.type_accuracy >= 0.75, report
