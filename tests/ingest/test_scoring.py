"""One-to-one pairing, per-type counts, confusion and directory gold (hand-computed)."""

from __future__ import annotations

import json
from pathlib import Path

from ingest.evaluate import article_gold, evaluate_files
from ingest.scoring import NONE, pair_one_to_one, score_article
from tests.ingest.test_evaluate import RUS, UKR, USA, pred

TWO = {
    "article": {"id": "art", "published": "2021-12-02"},
    "events": [
        {"id": "G1", "type": ["THREATEN"], "source": ["USA"], "target": ["RUS"],
         "date": ["2021-12-01", None]},
        {"id": "G2", "type": ["SANCTION", "COERCE"], "source": ["USA"], "target": ["RUS"],
         "date": "2021-12-02"},
        {"id": "G3", "type": ["ASSAULT"], "source": ["RUS"], "target": ["UKR"], "optional": True,
         "date": None},
    ],
}  # fmt: skip
GOLD = article_gold(TWO)


def test_a_duplicate_prediction_is_a_false_positive() -> None:
    preds = [pred("a", "THREATEN", [USA], [RUS]), pred("b", "THREATEN", [USA], [RUS])]
    report = score_article(GOLD, preds)
    assert (report.matched_predictions, report.recalled) == (1, 1)
    assert report.precision == 0.5
    assert len(report.false_positives) == 1


def test_pairing_prefers_required_events_then_agreeing_dates() -> None:
    # "a" could pair with G1 only; "b" (COERCE) with G2 only: both required events paired.
    preds = [
        pred("a", "THREATEN", [USA], [RUS], date="2021-12-01"),
        pred("b", "COERCE", [USA], [RUS]),
    ]
    assert pair_one_to_one(GOLD.events, preds) == {0: 0, 1: 1}
    report = score_article(GOLD, preds)
    assert report.recall == 1.0 and report.date_accuracy == 1.0


def test_a_null_in_the_gold_date_list_accepts_an_undated_prediction() -> None:
    report = score_article(GOLD, [pred("a", "THREATEN", [USA], [RUS], date=None)])
    assert report.date_correct == 1
    report = score_article(GOLD, [pred("a", "THREATEN", [USA], [RUS], date="2021-12-03")])
    assert report.date_correct == 0


def test_optional_matches_are_neutral_even_when_repeated() -> None:
    preds = [pred("a", "ASSAULT", [RUS], [UKR]), pred("b", "ASSAULT", [RUS], [UKR])]
    report = score_article(GOLD, preds)
    assert report.optional_predictions == 2 and report.precision is None


def test_per_type_counts_and_confusion() -> None:
    preds = [
        pred("a", "ACCUSE", [USA], [RUS]),  # G1's actors, wrong type
        pred("b", "SANCTION", [USA], [RUS]),  # G2 (its first type)
        pred("c", "AID", [UKR], [USA]),  # nothing
    ]
    report = score_article(GOLD, preds)
    assert report.by_type["SANCTION"].model_dump() == {
        "predicted": 1,
        "correct": 1,
        "gold": 1,
        "recalled": 1,
    }
    assert report.by_type["THREATEN"].model_dump() == {
        "predicted": 0,
        "correct": 0,
        "gold": 1,
        "recalled": 0,
    }
    assert report.by_type["ACCUSE"].predicted == 1 and report.by_type["ACCUSE"].correct == 0
    assert report.confusion == {
        "SANCTION": {"SANCTION": 1},
        "THREATEN": {"ACCUSE": 1},
        NONE: {"AID": 1},
    }


def test_directory_gold_totals(tmp_path: Path) -> None:
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "a.json").write_text(json.dumps(TWO))
    other = {**TWO, "article": {"id": "other"}}
    (gold_dir / "b.json").write_text(json.dumps(other))
    preds = tmp_path / "p.jsonl"
    rows = [
        pred("a", "THREATEN", [USA], [RUS]),
        pred("b", "COERCE", [USA], [RUS], article_id="other"),
    ]
    preds.write_text("".join(p.model_dump_json() + "\n" for p in rows))
    report = evaluate_files(gold_dir, preds)
    assert report.totals is not None and len(report.articles) == 2
    assert (report.totals.recalled, report.totals.gold_events) == (2, 4)
    assert report.totals.precision == 1.0 and report.totals.recall == 0.5
    assert report.totals.f1 == round(2 * 0.5 / 1.5, 4)
    assert report.totals.confusion["THREATEN"] == {"THREATEN": 1, NONE: 1}
