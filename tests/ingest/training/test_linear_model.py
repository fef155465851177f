"""A tiny trigger model trained on the tiny sample: what it predicts, that word vectors carry
it to a word it was never shown, and that it is reproducible and survives saving."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from spacy.language import Language

from ingest.candidate import get_candidates
from ingest.nlp import load_base
from ingest.proposals import proposals
from ingest.training.corpus import load_corpus
from ingest.training.linear_train import FitOptions, dense_examples, examples, fit, parse
from ingest.training.run import train
from ingest.trigger_linear import LinearTriggerModel
from ingest.trigger_vectors import SubwordVectors, load_vectors

ROOT = Path(__file__).parents[1] / "data" / "training"
pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_base("en_core_web_sm")


@pytest.fixture(scope="module")
def model(nlp: Language) -> LinearTriggerModel:
    sentences, _ = load_corpus(ROOT)
    xs, ys = examples(parse(nlp, sentences), sentences, bits=12)
    return fit(xs, ys, FitOptions(bits=12))


@pytest.fixture(scope="module")
def vectors() -> SubwordVectors:
    return load_vectors("wordllama")


@pytest.fixture(scope="module")
def dense_model(nlp: Language, vectors: SubwordVectors) -> LinearTriggerModel:
    sentences, _ = load_corpus(ROOT)
    docs = parse(nlp, sentences)
    xs, ys = examples(docs, sentences, bits=12)
    dense = dense_examples(docs, sentences, vectors)
    return fit(xs, ys, FitOptions(bits=12, hidden=32), dense=dense, vectors=vectors)


def _types(model: LinearTriggerModel, nlp: Language, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(doc[i].text, label) for i, label, _ in model.predict(doc, 0.5)]


def test_tiny_model_finds_the_triggers_it_was_shown(
    model: LinearTriggerModel, nlp: Language
) -> None:
    assert _types(model, nlp, "Spain imposed sanctions on Cuba.") == [("imposed", "SANCTION")]
    assert _types(model, nlp, "Norway condemned the bombing.") == [("condemned", "ACCUSE")]
    assert _types(model, nlp, "Copper prices rose on Friday.") == []


def test_word_vectors_carry_the_model_to_a_synonym_it_was_never_shown(
    model: LinearTriggerModel, dense_model: LinearTriggerModel, nlp: Language
) -> None:
    # The sample says "condemned" (ACCUSE) five times and "imposed" (SANCTION) six times,
    # never "denounced": the parse features alone cannot tell its type, the vectors put
    # "denounce" beside "condemn".
    assert ("denounced", "ACCUSE") not in _types(model, nlp, "Norway denounced the bombing.")
    assert _types(dense_model, nlp, "Norway denounced the bombing.") == [("denounced", "ACCUSE")]
    assert _types(dense_model, nlp, "Spain imposed sanctions on Cuba.") == [("imposed", "SANCTION")]
    assert _types(dense_model, nlp, "Copper prices rose on Friday.") == []


def test_word_vectors_are_unit_length_and_put_synonyms_close(vectors: SubwordVectors) -> None:
    condemn, denounce, copper, empty = vectors.vectors(["condemn", "denounce", "copper", ""])
    assert np.allclose([np.linalg.norm(condemn), np.linalg.norm(copper)], 1.0, atol=1e-3)
    assert not empty.any()
    assert float(condemn @ denounce) > float(condemn @ copper) + 0.2


def test_training_is_reproducible_and_saved_weights_predict_the_same(
    model: LinearTriggerModel, nlp: Language, tmp_path: Path
) -> None:
    sentences, _ = load_corpus(ROOT)
    xs, ys = examples(parse(nlp, sentences), sentences, bits=12)
    again = fit(xs, ys, FitOptions(bits=12))
    assert np.array_equal(again.weights, model.weights)
    model.save(tmp_path)
    loaded = LinearTriggerModel.load(tmp_path)
    doc = nlp("Spain imposed sanctions on Cuba.")
    assert [(i, t) for i, t, _ in loaded.predict(doc, 0.5)] == [
        (i, t) for i, t, _ in model.predict(doc, 0.5)
    ]


def test_dense_model_is_reproducible_and_survives_saving(
    dense_model: LinearTriggerModel, nlp: Language, vectors: SubwordVectors, tmp_path: Path
) -> None:
    sentences, _ = load_corpus(ROOT)
    docs = parse(nlp, sentences)
    xs, ys = examples(docs, sentences, bits=12)
    dense = dense_examples(docs, sentences, vectors)
    again = fit(xs, ys, FitOptions(bits=12, hidden=32), dense=dense, vectors=vectors)
    assert again.dense is not None and dense_model.dense is not None
    assert np.array_equal(again.dense.w2, dense_model.dense.w2)
    dense_model.save(tmp_path)
    loaded = LinearTriggerModel.load(tmp_path)
    assert loaded.vectors is not None and loaded.vectors.name == "wordllama"
    doc = nlp("Norway denounced the bombing.")
    found = loaded.predict(doc, 0.5)
    assert [(i, t) for i, t, _ in found] == [(i, t) for i, t, _ in dense_model.predict(doc, 0.5)]


def test_trained_model_proposes_triggers_in_the_pipeline(tmp_path: Path) -> None:
    import ingest.components.model_triggers  # noqa: F401 (registers the factory)
    from ingest.nlp import _add_dekg_components
    from ingest.proposals import TriggerSource

    report = train(ROOT, tmp_path / "model", FitOptions(bits=12), exclude_gold=())
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


def test_shipped_model_loads_its_vectors_and_finds_triggers(nlp: Language) -> None:
    from ingest.components.model_triggers import SHIPPED, load_model

    shipped, threshold = load_model(str(SHIPPED))
    assert shipped.vectors is not None and shipped.vectors.name == "wordllama"
    assert shipped.dense is not None and 0.05 <= threshold <= 0.95

    def found(text: str) -> list[tuple[str, str]]:
        doc = nlp(text)
        return [(doc[i].text, label) for i, label, _ in shipped.predict(doc, threshold)]

    assert found("Canada slapped tariffs on Chinese steel.") == [("slapped", "SANCTION")]
    assert ("denounced", "ACCUSE") in found("Norway denounced the bombing of the embassy.")
    assert found("Oil prices rose on Friday.") == []
