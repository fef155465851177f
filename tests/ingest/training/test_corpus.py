"""The training corpus loader: span texts → offsets, problems reported, folds by document."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.training import TrainingError
from ingest.training.corpus import folds, load_batch, load_corpus, locate

ROOT = Path(__file__).parents[1] / "data" / "training"


def test_locate_counts_occurrences() -> None:
    text = "Germany said Germany would act."
    assert locate(text, "Germany") == (0, 7)
    assert locate(text, "Germany", 2) == (13, 20)
    assert locate(text, "Germany", 3) is None
    assert locate(text, "France") is None


def test_batch_offsets_and_types() -> None:
    sentences, report = load_batch(ROOT / "labels" / "tiny.a1.jsonl")
    assert report.problems == []
    assert (report.sentences, report.events) == (17, 11)
    first = sentences[0]
    assert first.text[slice(*first.events[0].trigger)] == "imposed"
    assert first.first_type == "SANCTION"
    assert sentences[10].events == () and sentences[10].first_type == "NONE"


def test_unmatched_spans_and_missing_labels_are_reported_not_guessed() -> None:
    sentences, report = load_batch(
        ROOT / "labels" / "broken.a1.jsonl", exclude_docs=frozenset({"eval-doc"})
    )
    assert sentences == []
    assert report.problems == [
        "b-0: trigger 'withdrew' not in the sentence",
        "b-1: not labelled",
        "b-2: from an excluded document eval-doc",
    ]


def test_corpus_reads_one_annotator_and_refuses_an_empty_one(tmp_path: Path) -> None:
    sentences, reports = load_corpus(ROOT)
    assert len(reports) == 2 and len(sentences) == 18
    (tmp_path / "labels").mkdir()
    with pytest.raises(TrainingError, match="no labelled sentences"):
        load_corpus(tmp_path)


def test_folds_keep_documents_together_and_cover_everything() -> None:
    sentences, _ = load_corpus(ROOT)
    seen: list[str] = []
    for train, test in folds(sentences, 3):
        assert not {s.doc for s in train} & {s.doc for s in test}
        seen += [s.id for s in test]
    assert sorted(seen) == sorted(s.id for s in sentences)
