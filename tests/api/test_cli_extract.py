"""`dekg extract` and `dekg eval`: output contract, per-item errors, exit statuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app

SEED = Path(__file__).parents[2] / "examples" / "cyprus-mail-blinken-lavrov.txt"
CONTRACT_FIELDS = {
    "id",
    "article_id",
    "type",
    "mode",
    "cameo",
    "quad_class",
    "goldstein",
    "source",
    "target",
    "date",
    "date_precision",
    "place",
    "modality",
    "attributed_to",
    "confidence",
    "evidence",
}
ACTOR_FIELDS = {"name", "country", "sector", "kind", "id"}

runner = CliRunner()


def _events(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


# ------------------------------------------------------------------ usage errors (no model)


def test_bad_published_date_is_a_usage_error() -> None:
    result = runner.invoke(app, ["extract", str(SEED), "--published", "soon"])
    assert result.exit_code == 2
    assert "not a date" in result.stderr


def test_bad_format_is_a_usage_error() -> None:
    result = runner.invoke(app, ["extract", str(SEED), "--format", "xml"])
    assert result.exit_code == 2


def test_missing_path_argument_is_a_usage_error() -> None:
    assert runner.invoke(app, ["extract"]).exit_code == 2


def test_help_texts() -> None:
    for command in ("extract", "eval"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "Usage" in result.stdout


# ------------------------------------------------------------------ eval (no model)


def _write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_eval_json_report(tmp_path: Path) -> None:
    gold = tmp_path / "gold.json"
    gold.write_text(
        json.dumps(
            {
                "article": {"id": "a"},
                "events": [
                    {
                        "id": "E1",
                        "type": ["CONSULT"],
                        "source": ["USA"],
                        "target": ["RUS"],
                        "symmetric": True,
                        "date": "2021-12-02",
                    },
                    {"id": "E2", "type": ["ACCUSE"], "source": ["RUS"], "target": ["UKR"]},
                ],
                "must_not": ["nothing from the navigation"],
            }
        )
    )
    usa = {"name": "United States", "country": "USA", "kind": "state", "id": "state:USA"}
    rus = {"name": "Russia", "country": "RUS", "kind": "state", "id": "state:RUS"}
    preds = _write(
        tmp_path / "pred.jsonl",
        [
            {
                "id": "p1",
                "article_id": "a",
                "type": "CONSULT",
                "source": [rus],
                "target": [usa],
                "date": "2021-12-02",
                "date_precision": "day",
            },
            {"id": "p2", "article_id": "a", "type": "AID", "source": [usa], "target": [rus]},
        ],
    )
    result = runner.invoke(app, ["eval", "--gold", str(gold), str(preds), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    (article,) = report["articles"]
    assert (article["precision"], article["recall"], article["date_accuracy"]) == (0.5, 0.5, 1.0)
    assert article["missed"] == ["E2"]
    assert article["must_not"] == ["nothing from the navigation"]
    table = runner.invoke(app, ["eval", "--gold", str(gold), str(preds)])
    assert table.exit_code == 0 and "precision" in table.stdout


def test_eval_unreadable_predictions(tmp_path: Path) -> None:
    gold = _write(tmp_path / "gold.jsonl", [{"id": "s", "event": "AGREE"}])
    bad = tmp_path / "pred.jsonl"
    bad.write_text("{not json\n")
    result = runner.invoke(app, ["eval", "--gold", str(gold), str(bad)])
    assert result.exit_code == 1
    assert "malformed JSON" in result.stderr


# ------------------------------------------------------------------ extract (real model)


@pytest.mark.model
def test_extract_seed_jsonl_contract() -> None:
    result = runner.invoke(app, ["extract", str(SEED), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    events = _events(result.stdout)
    assert events
    for event in events:
        assert set(event) >= CONTRACT_FIELDS
        assert event["article_id"] == "cyprus-mail-blinken-lavrov"
        for actor in [*event["source"], *event["target"]]:  # type: ignore[misc]
            assert set(actor) >= ACTOR_FIELDS
    assert any(e["type"] == "CONSULT" for e in events)


@pytest.mark.model
def test_extract_batch_with_bad_items_exit_1(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "german.txt").write_text(
        "Kanzler trifft Präsidenten\n\nDer Bundeskanzler hat am Donnerstag in Berlin mit dem "
        "französischen Präsidenten über die Lage in der Ukraine gesprochen und weitere Hilfen "
        "angekündigt.",
        encoding="utf-8",
    )
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        '{"id": "j1", "text": "Iran rejected the European Union proposal on Monday."}\n{broken\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 4
    assert any("binary.txt" in line and "not text" in line for line in errors)
    assert any("empty.txt" in line and "empty" in line for line in errors)
    assert any("german.txt" in line and "unsupported language: de" in line for line in errors)
    assert any("batch.jsonl:2" in line and "line 2" in line for line in errors)
    assert {e["article_id"] for e in _events(result.stdout)} >= {"good"}
    assert "4 of 6 items failed" in result.stderr


@pytest.mark.model
def test_extract_json_and_table_formats() -> None:
    as_json = runner.invoke(app, ["extract", str(SEED), "--format", "json"])
    assert as_json.exit_code == 0, as_json.stderr
    (article,) = json.loads(as_json.stdout)["articles"]
    assert article["article"]["published"] == "2021-12-02"
    assert article["article"]["published_inferred"] is True
    assert article["events"]
    table = runner.invoke(app, ["extract", str(SEED), "--format", "table"])
    assert table.exit_code == 0 and "CONSULT" in table.stdout


@pytest.mark.model
def test_extract_with_two_workers_gives_the_same_events(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    rows = [
        {"id": f"s{i}", "text": text, "date": "2000-01-01"}
        for i, text in enumerate(
            [
                "Russia and Ukraine agreed on Thursday to hold talks in Istanbul.",
                "Iran rejected the European Union proposal on Monday.",
                "The United Nations urged Sudan to allow humanitarian access.",
            ]
        )
    ]
    batch.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    paths = [str(SEED), str(batch)]
    one = runner.invoke(app, ["extract", *paths])
    two = runner.invoke(app, ["extract", *paths, "--workers", "2"])
    assert one.exit_code == two.exit_code == 0, two.stderr
    assert _events(one.stdout) == _events(two.stdout)


def test_eval_of_a_gold_directory_prints_per_type_and_confusion(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    article = {
        "article": {"id": "a1"},
        "events": [{"id": "E1", "type": ["ACCUSE"], "source": ["USA"], "target": ["RUS"]}],
    }
    (gold / "a1.json").write_text(json.dumps(article))
    preds = tmp_path / "p.jsonl"
    event = {
        "article_id": "a1",
        "type": "REJECT",
        "source": [{"name": "US", "country": "USA"}],
        "target": [{"name": "Russia", "country": "RUS"}],
    }
    preds.write_text(json.dumps(event) + "\n")
    result = CliRunner().invoke(app, ["eval", str(preds), "--gold", str(gold)])
    assert result.exit_code == 0, result.output
    assert "All 1 articles" in result.output
    assert "Per type" in result.output and "Confusion" in result.output
