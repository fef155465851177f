"""The scorer on small hand-made gold/prediction pairs with hand-computed numbers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from ingest.evaluate import (
    EvaluationError,
    GoldActor,
    PredActor,
    acronym,
    article_gold,
    evaluate_files,
    load_gold,
    names_match,
    score_article,
    score_sentences,
    sentence_gold,
)
from ingest.evaluate import PredEvent as P

SHARED_GOLD = Path("/work/shared/eval/dev/seed-gold.json")


def actor(country: str | None, name: str = "", kind: str = "state") -> dict[str, Any]:
    return {"name": name or (country or ""), "country": country, "kind": kind, "id": "x:y"}


def pred(
    pid: str,
    type_: str,
    source: list[dict[str, Any]],
    target: list[dict[str, Any]],
    *,
    date: str | None = "2021-12-02",
    precision: str = "day",
    place: dict[str, Any] | None = None,
    article_id: str = "art",
) -> P:
    return P.model_validate(
        {
            "id": pid,
            "article_id": article_id,
            "type": type_,
            "source": source,
            "target": target,
            "date": date,
            "date_precision": precision,
            "place": place,
        }
    )


GOLD = article_gold(
    {
        "article": {"id": "art"},
        "events": [
            {
                "id": "G1",
                "type": ["CONSULT"],
                "source": ["USA"],
                "target": ["RUS"],
                "symmetric": True,
                "date": "2021-12-02",
                "place": {"name": "Stockholm", "country": "SWE"},
            },
            {
                "id": "G2",
                "type": ["THREATEN"],
                "source": ["USA"],
                "target": ["RUS"],
                "date": "2021-12-02",
                "place": None,
            },
            {
                "id": "G3",
                "type": ["MOBILIZE"],
                "source": ["RUS"],
                "target": ["UKR"],
                "target_optional": True,
                "date": None,
            },
            {"id": "G4", "type": ["THREATEN"], "source": ["RUS"], "target": ["NATO"], "date": None},
            {
                "id": "G5",
                "type": ["REJECT"],
                "source": ["RUS"],
                "target": [],
                "optional": True,
                "date": "2021-12-02",
            },
        ],
        "must_not": ["No event from the 'Related Posts' block."],
    }
)
USA, RUS, UKR = actor("USA"), actor("RUS"), actor("UKR")
NATO = actor(None, "North Atlantic Treaty Organization", "organization")
STOCKHOLM = {"name": "Stockholm", "country": "SWE"}


def test_article_scores_hand_computed() -> None:
    preds = [
        # G1, reversed order (symmetric), right date and place
        pred("p1", "CONSULT", [RUS], [USA], place=STOCKHOLM),
        # G2, but dated wrongly
        pred("p2", "THREATEN", [USA], [RUS], date="2021-12-01"),
        # G3 without target (target optional); gold date null, prediction imprecise: correct
        pred("p3", "MOBILIZE", [RUS], [], date="2021-12-01", precision="week"),
        # only the optional G5: neither counted nor a false positive
        pred("p4", "REJECT", [RUS], []),
        # wrong type: false positive
        pred("p5", "ACCUSE", [USA], [RUS]),
        # G2's direction reversed: not symmetric, so a false positive
        pred("p6", "THREATEN", [RUS], [USA]),
        # another article: ignored
        pred("p7", "CONSULT", [USA], [RUS], article_id="other"),
    ]
    report = score_article(GOLD, preds)
    assert report.predictions == 6
    assert report.optional_predictions == 1
    assert report.matched_predictions == 3
    assert report.precision == pytest.approx(3 / 5, abs=1e-4)
    assert report.gold_events == 4
    assert report.recalled == 3
    assert report.recall == 0.75
    assert report.missed == ("G4",)
    assert report.false_positives == ("p5 ACCUSE", "p6 THREATEN")
    # matched gold: G1 (date ok), G2 (wrong), G3 (null ok), G5 (ok) -> 3/4
    assert (report.date_correct, report.date_checked) == (3, 4)
    assert report.date_accuracy == 0.75
    assert (report.place_correct, report.place_checked) == (1, 1)
    assert report.must_not == ("No event from the 'Related Posts' block.",)


def test_organisation_matches_by_acronym() -> None:
    report = score_article(GOLD, [pred("p", "THREATEN", [RUS], [NATO], date=None)])
    assert report.recalled == 1 and report.missed == ("G1", "G2", "G3")
    assert report.date_accuracy == 1.0


def test_wrong_place_counts_against_place_accuracy() -> None:
    wrong = {"name": "Moscow", "country": "RUS"}
    report = score_article(GOLD, [pred("p", "CONSULT", [USA], [RUS], place=wrong)])
    assert (report.place_correct, report.place_checked) == (0, 1)


def test_no_predictions() -> None:
    report = score_article(GOLD, [])
    assert report.precision is None and report.recall == 0.0 and report.date_accuracy is None


def test_names_and_acronyms() -> None:
    assert acronym("North Atlantic Treaty Organization") == "NATO"
    assert acronym("U.N. Security Council") == "UNSC"
    assert names_match("NATO", "North Atlantic Treaty Organization")
    assert names_match("U.N.", "United Nations")
    assert names_match("U.N. Security Council", "United Nations Security Council")
    assert names_match("Security Council", "UN Security Council")
    assert not names_match("European Union", "African Union")
    igo = GoldActor(code="IGO", name="United Nations")
    assert igo.matches(PredActor(name="UN", kind="organization"))
    assert not GoldActor(code="USA").matches(PredActor(name="USA", country=None))


RECORDS = [
    sentence_gold(
        {"id": "S1", "event": "DEMAND", "source": [{"code": "USA"}], "target": [{"code": "IRQ"}]}
    ),
    sentence_gold(
        {"id": "S2", "event": "FIGHT", "source": [{"code": "ISR"}], "target": [{"code": "PSE"}]}
    ),
    sentence_gold(
        {"id": "S3", "event": "AGREE", "source": [{"code": "HUN"}, {"code": "ROU"}], "target": ""}
    ),
    sentence_gold(
        {
            "id": "S4",
            "event": "DISAPPROVE",
            "source": [{"actorText": "U.N. Security Council", "code": "IGO"}],
            "target": [{"code": "LBN"}],
        }
    ),
]


def test_sentence_scores_hand_computed() -> None:
    preds = [
        pred("a", "REQUEST", [USA], [actor("IRQ")], article_id="S1"),  # DEMAND -> REQUEST
        pred("b", "ASSAULT", [actor("PSE")], [actor("ISR")], article_id="S2"),  # wrong source
        pred("c", "CONSULT", [actor("ROU")], [], article_id="S3"),  # right source, wrong type
        pred(
            "d",
            "ACCUSE",
            [actor(None, "UN Security Council", "organization")],
            [actor("LBN")],
            article_id="S4",
        ),  # IGO by name; DISAPPROVE -> ACCUSE
    ]
    report = score_sentences(RECORDS, preds)
    assert report.records == 4
    assert report.matched == 2
    assert report.event_recall == 0.5
    assert report.missed == ("S2", "S3")
    assert report.with_right_source == 3  # S1, S3, S4
    assert report.right_type == 2
    assert report.type_accuracy == pytest.approx(2 / 3, abs=1e-4)


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_files_auto_detected(tmp_path: Path) -> None:
    gold = _write_jsonl(
        tmp_path / "gold.jsonl", [{"id": "S1", "event": "AGREE", "source": [{"code": "USA"}]}]
    )
    preds = _write_jsonl(
        tmp_path / "pred.jsonl",
        [pred("e", "AGREE", [USA], [], article_id="S1").model_dump(mode="json")],
    )
    report = evaluate_files(gold, preds)
    assert report.kind == "sentence" and report.sentences is not None
    assert report.sentences.event_recall == 1.0
    article_file = tmp_path / "gold.json"
    article_file.write_text(
        json.dumps(
            {
                "article": {"id": "S1"},
                "events": [{"id": "E", "type": ["AGREE"], "source": ["USA"], "target": []}],
            }
        )
    )
    report = evaluate_files(article_file, preds)
    assert report.kind == "article" and report.articles[0].recall == 1.0


def test_malformed_prediction_line(tmp_path: Path) -> None:
    bad = tmp_path / "pred.jsonl"
    bad.write_text('{"article_id": "a", "type": "AGREE"}\n{oops\n')
    with pytest.raises(EvaluationError, match=":2: malformed JSON"):
        evaluate_files(_write_jsonl(tmp_path / "g.jsonl", [{"id": "a", "event": "AGREE"}]), bad)


@pytest.mark.shared
def test_seed_gold_loads() -> None:
    if not SHARED_GOLD.exists():
        pytest.skip("development data not present")
    (gold,) = load_gold(SHARED_GOLD)
    assert gold.article_id == "cyprus-mail-blinken-lavrov"  # type: ignore[union-attr]
    required = [e for e in gold.events if not e.optional]  # type: ignore[union-attr]
    assert len(required) == 9
    e1 = gold.events[0]  # type: ignore[union-attr]
    assert e1.symmetric and e1.date == dt.date(2021, 12, 2)
