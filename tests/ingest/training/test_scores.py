"""Property tests of the trigger and sentence-type scorer shared by the CV and benchmarks."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ingest.training.scores import Scores, score_sets, table_row

pairs = st.sets(st.tuples(st.integers(0, 9), st.sampled_from(["MEET", "ACCUSE", "ASSAULT"])))
sentences = st.lists(pairs, min_size=1, max_size=6)


@given(sentences)
def test_a_perfect_prediction_scores_one_on_types(gold: list[set[tuple[int, str]]]) -> None:
    scores = score_sets(gold, gold)
    assert scores.type_p == scores.type_r == scores.type_f == 1.0
    if any(gold):
        assert scores.trigger_p == scores.trigger_r == scores.trigger_f == 1.0


@given(sentences, sentences)
def test_scores_are_bounded_and_f1_lies_between_p_and_r(
    found: list[set[tuple[int, str]]], gold: list[set[tuple[int, str]]]
) -> None:
    n = min(len(found), len(gold))
    s = score_sets(found[:n], gold[:n])
    for p, r, f in ((s.trigger_p, s.trigger_r, s.trigger_f), (s.type_p, s.type_r, s.type_f)):
        assert 0.0 <= p <= 1.0 and 0.0 <= r <= 1.0
        assert min(p, r) - 1e-4 <= f <= max(p, r) + 1e-4


def test_a_missed_trigger_lowers_recall_not_precision() -> None:
    gold = [{(1, "MEET"), (4, "ACCUSE")}]
    scores = score_sets([{(1, "MEET")}], gold)
    assert (scores.trigger_p, scores.trigger_r) == (1.0, 0.5)
    assert (scores.type_p, scores.type_r) == (1.0, 0.5)


def test_a_table_row_shows_the_mean_over_folds() -> None:
    folds = [Scores(0.2, 0.4, 0.3, 0.5, 0.5, 0.5), Scores(0.4, 0.6, 0.5, 0.7, 0.7, 0.7)]
    row = table_row("rules", folds, width=8)
    assert row.startswith("rules   ")
    assert row.split()[1:] == ["0.300", "0.500", "0.400", "0.600", "0.600", "0.600"]
