"""Actor and date figures on type-matched events (``ingest.evaluate_actors``)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from ingest.evaluate import EvaluationError, PredEvent, evaluate_files
from ingest.evaluate_actors import (
    EvidencedPrediction,
    actor_figures,
    article_figures,
    date_right,
    quote_in,
    sentence_figures,
)


def _gold_event(**fields: Any) -> dict[str, Any]:
    event: dict[str, Any] = {
        "id": "E1",
        "type": ["ASSAULT"],
        "source": ["ARM"],
        "target": ["AZE"],
        "date": "2024-05-02",
        "evidence": ["Armenian artillery shelled Azerbaijani positions near the border"],
    }
    event.update(fields)
    return event


def _article(*events: dict[str, Any]) -> dict[str, Any]:
    return {"article": {"id": "a1", "published": "2024-05-03"}, "events": list(events)}


def _pred(
    type_: str, source: str, target: str, text: str, date: str | None = "2024-05-02"
) -> EvidencedPrediction:
    return EvidencedPrediction.model_validate(
        {
            "article_id": "a1",
            "type": type_,
            "source": [{"name": source, "country": source}],
            "target": [{"name": target, "country": target}],
            "date": date,
            "date_precision": "day" if date else "unknown",
            "evidence": [{"text": text}],
        }
    )


SENTENCE = (
    "On Thursday Armenian artillery shelled Azerbaijani positions near the border, officials said."
)


def test_quote_found_by_a_five_word_run_and_across_ellipses() -> None:
    assert quote_in("Armenian artillery shelled Azerbaijani positions", SENTENCE)
    assert quote_in("the army said ... shelled Azerbaijani positions near the", SENTENCE)
    assert not quote_in("Azerbaijani artillery shelled Armenian positions", SENTENCE)
    assert quote_in("“Officials said.”", SENTENCE)  # short quotes count whole


def test_right_actors_on_a_type_matched_event() -> None:
    figures = article_figures([_article(_gold_event())], [_pred("ASSAULT", "ARM", "AZE", SENTENCE)])
    assert (figures.paired, figures.both_right, figures.actor_accuracy) == (1, 1, 1.0)
    assert (figures.date_checked, figures.date_right) == (1, 1)


def test_swapped_actors_are_paired_but_wrong() -> None:
    figures = article_figures([_article(_gold_event())], [_pred("ASSAULT", "AZE", "ARM", SENTENCE)])
    assert figures.paired == 1
    assert (figures.source_right, figures.target_right, figures.both_right) == (0, 0, 0)
    assert figures.actor_accuracy == 0.0
    assert figures.date_checked == 0  # not matched: no date checked


def test_other_type_or_other_sentence_is_not_paired() -> None:
    other_sentence = "Azerbaijan closed its consulate in the capital."
    figures = article_figures(
        [_article(_gold_event())],
        [_pred("ACCUSE", "ARM", "AZE", SENTENCE), _pred("ASSAULT", "ARM", "AZE", other_sentence)],
    )
    assert figures.paired == 0
    assert figures.actor_accuracy is None


def test_optional_events_count_for_dates_not_for_actors() -> None:
    gold = _article(_gold_event(optional=True, date=[None, "2024-05-03"]))
    figures = article_figures([gold], [_pred("ASSAULT", "ARM", "AZE", SENTENCE, date=None)])
    assert figures.paired == 0
    assert (figures.date_checked, figures.date_right) == (1, 1)


def test_date_lists_and_null() -> None:
    undated = PredEvent(article_id="a", type="AGREE", date=None)
    day = PredEvent(article_id="a", type="AGREE", date=dt.date(2024, 5, 2), date_precision="day")
    week = PredEvent(article_id="a", type="AGREE", date=dt.date(2024, 5, 2), date_precision="week")
    assert date_right((None,), undated) and date_right((None,), week)
    assert not date_right((None,), day)
    assert date_right((dt.date(2024, 5, 1), dt.date(2024, 5, 2)), day)
    assert not date_right((dt.date(2024, 5, 1),), week)


def test_sentence_records() -> None:
    records = [
        {"id": "s1", "event": "ASSAULT", "source": [{"code": "ARM"}], "target": [{"code": "AZE"}]},
        {"id": "s2", "event": "AGREE", "source": [{"code": "GEO"}], "target": [{"code": "TUR"}]},
        {"id": "s3", "event": "ACCUSE", "source": [{"code": "GEO"}], "target": [{"code": "RUS"}]},
    ]
    preds = [
        PredEvent.model_validate(
            {"article_id": a, "type": t, "source": [{"country": s}], "target": [{"country": o}]}
        )
        for a, t, s, o in [
            ("s1", "ASSAULT", "ARM", "AZE"),
            ("s2", "AGREE", "GEO", "ARM"),
            ("s3", "REJECT", "GEO", "RUS"),
        ]
    ]
    figures = sentence_figures(records, preds)
    assert (figures.paired, figures.source_right, figures.target_right) == (2, 2, 1)
    assert figures.actor_accuracy == 0.5


def _jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_directory_of_article_gold(tmp_path: Path) -> None:
    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / "a1.json").write_text(json.dumps(_article(_gold_event())), encoding="utf-8")
    preds = _jsonl(
        tmp_path / "p.jsonl", [_pred("ASSAULT", "ARM", "AZE", SENTENCE).model_dump(mode="json")]
    )
    figures = actor_figures(folder, preds)
    assert figures.both_right == 1


def test_evaluate_files_reports_the_figures(tmp_path: Path) -> None:
    gold = _jsonl(
        tmp_path / "g.jsonl",
        [
            {
                "id": "s1",
                "event": "ASSAULT",
                "source": [{"code": "ARM"}],
                "target": [{"code": "AZE"}],
            }
        ],
    )
    pred = {"article_id": "s1", "type": "ASSAULT", "source": [{"country": "ARM"}]}
    report = evaluate_files(gold, _jsonl(tmp_path / "p.jsonl", [pred]))
    assert report.actors is not None
    assert (report.actors.paired, report.actors.both_right) == (1, 0)


def test_bad_prediction_line_is_a_clear_error(tmp_path: Path) -> None:
    gold = tmp_path / "g.json"
    gold.write_text(json.dumps(_article(_gold_event())), encoding="utf-8")
    bad = tmp_path / "p.jsonl"
    bad.write_text('{"type": "ASSAULT"}\n', encoding="utf-8")
    with pytest.raises(EvaluationError, match="event 1"):
        actor_figures(gold, bad)


def test_coder_typos_fixed_and_militant_groups_matched_by_name() -> None:
    records = [
        {
            "id": "s1",
            "event": "THREATEN",
            "source": [{"code": "IMG", "actorText": "the Shining Path"}],
            "target": [{"code": "JAP", "actorText": "Tokyo"}],
        }
    ]
    pred = PredEvent.model_validate(
        {
            "article_id": "s1",
            "type": "THREATEN",
            "source": [{"name": "Shining Path", "country": None}],
            "target": [{"name": "Japan", "country": "JPN"}],
        }
    )
    assert sentence_figures(records, [pred]).both_right == 1
