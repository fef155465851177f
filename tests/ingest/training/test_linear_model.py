"""A tiny trigger model trained on the tiny sample: what it predicts, and that it is
reproducible and survives saving."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from spacy.language import Language

from ingest.candidate import get_candidates
from ingest.nlp import load_base
from ingest.proposals import proposals
from ingest.training.corpus import load_corpus
from ingest.training.linear_train import examples, fit, parse
from ingest.training.run import train
from ingest.trigger_linear import LinearTriggerModel

ROOT = Path(__file__).parents[1] / "data" / "training"
pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_base("en_core_web_sm")


@pytest.fixture(scope="module")
def model(nlp: Language) -> LinearTriggerModel:
    sentences, _ = load_corpus(ROOT)
    xs, ys = examples(parse(nlp, sentences), sentences, bits=12)
    return fit(xs, ys, bits=12, seed=0)


def _types(model: LinearTriggerModel, nlp: Language, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(doc[i].text, label) for i, label, _ in model.predict(doc, 0.5)]


def test_tiny_model_finds_the_triggers_it_was_shown(
    model: LinearTriggerModel, nlp: Language
) -> None:
    assert _types(model, nlp, "Spain imposed sanctions on Cuba.") == [("imposed", "SANCTION")]
    assert _types(model, nlp, "Norway condemned the bombing.") == [("condemned", "ACCUSE")]
    assert _types(model, nlp, "Copper prices rose on Friday.") == []


def test_training_is_reproducible_and_saved_weights_predict_the_same(
    model: LinearTriggerModel, nlp: Language, tmp_path: Path
) -> None:
    sentences, _ = load_corpus(ROOT)
    xs, ys = examples(parse(nlp, sentences), sentences, bits=12)
    again = fit(xs, ys, bits=12, seed=0)
    assert np.array_equal(again.weights, model.weights)
    model.save(tmp_path)
    loaded = LinearTriggerModel.load(tmp_path)
    doc = nlp("Spain imposed sanctions on Cuba.")
    assert [(i, t) for i, t, _ in loaded.predict(doc, 0.5)] == [
        (i, t) for i, t, _ in model.predict(doc, 0.5)
    ]


def test_trained_model_proposes_triggers_in_the_pipeline(tmp_path: Path) -> None:
    import ingest.components.model_triggers  # noqa: F401 (registers the factory)
    from ingest.nlp import _add_dekg_components
    from ingest.proposals import TriggerSource

    report = train(ROOT, tmp_path / "model", bits=12, exclude_gold=())
    assert report.sentences == 18 and report.events_by_type["SANCTION"] == 6
    nlp = load_base("en_core_web_sm")
    _add_dekg_components(nlp, [], TriggerSource.RULES)
    nlp.remove_pipe("dekg_rule_triggers_v1")
    nlp.add_pipe(
        "dekg_model_triggers_v1",
        config={"model_path": str(tmp_path / "model")},
        before="dekg_event_arguments_v1",
    )
    doc = nlp("Spain imposed sanctions on Cuba.")
    [(span, info)] = list(proposals(doc))
    assert (span.text, span.label_, info.source) == ("imposed", "SANCTION", "model")
    assert info.cameo == "160" and 0.5 <= info.score <= 1.0
    [candidate] = get_candidates(doc)
    assert [a.country for a in candidate.source] == ["ESP"]
    assert [a.country for a in candidate.target] == ["CUB"]
