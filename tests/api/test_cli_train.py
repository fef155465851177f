"""`dekg train`: a tiny model from the tiny sample corpus, and cross-validation figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app

CORPUS = Path(__file__).parents[1] / "ingest" / "data" / "training"
pytestmark = pytest.mark.model


def test_train_writes_a_model_and_says_what_it_was_trained_on(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps({"id": "x", "text": "Brazil condemned Israel over the strikes."}) + "\n"
    )
    result = CliRunner().invoke(
        app, ["train", str(CORPUS), "--output", str(tmp_path / "m"), "--exclude-gold", str(gold)]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert "tiny-9: overlaps an evaluation sentence" in report["dropped"]
    assert report["sentences"] == 17
    assert (tmp_path / "m" / "weights.npz").is_file()
    assert json.loads((tmp_path / "m" / "meta.json").read_text())["seed"] == 0


def test_cross_validation_prints_scores_per_threshold() -> None:
    result = CliRunner().invoke(app, ["train", str(CORPUS), "--folds", "2"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)["cross_validation"]
    assert set(scores) == {"0.3", "0.4", "0.5", "0.6", "0.7"}
    assert all(0.0 <= s["type_f"] <= 1.0 for s in scores.values())


def test_a_corpus_without_labels_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "labels").mkdir()
    result = CliRunner().invoke(app, ["train", str(tmp_path), "--output", str(tmp_path / "m")])
    assert result.exit_code == 1
    assert "no labelled sentences" in result.output
