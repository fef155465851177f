"""Scores of predicted events against gold, as described in the extraction contract.

Article level: predictions and gold events are paired one to one, maximising first the
number of required (non-optional) gold events paired, then all gold events paired, then the
pairs whose dates and places agree (``pair_one_to_one``). Precision = predictions paired with a
required event / predictions not paired with (nor only matching) an optional one; recall =
required events paired / required events. Sentence level (PLOVER records): event recall and
type accuracy. Both also give per-type counts and a gold × predicted type confusion table.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import networkx as nx
from pydantic import Field

from ingest.eval_gold import (
    GoldArticle,
    GoldEvent,
    PredEvent,
    _Loose,
    _side,
    actors_match,
    date_correct,
    event_matches,
    place_correct,
)

#: The confusion table's name for "no event" (a missed gold event, a spurious prediction).
NONE = "NONE"


class TypeCounts(_Loose):
    """Per-type counts: ``predicted`` excludes predictions that only match optional events."""

    predicted: int = 0
    correct: int = 0
    gold: int = 0
    recalled: int = 0


class ArticleReport(_Loose):
    """Article-level scores; rates are ``None`` when their denominator is zero."""

    article_id: str
    predictions: int
    matched_predictions: int = Field(description="predictions paired with a required event")
    optional_predictions: int = Field(description="predictions matching only optional events")
    precision: float | None
    gold_events: int = Field(description="non-optional gold events")
    recalled: int
    recall: float | None
    date_checked: int
    date_correct: int
    date_accuracy: float | None
    place_checked: int
    place_correct: int
    place_accuracy: float | None
    missed: tuple[str, ...] = Field(description="non-optional gold events left unpaired")
    false_positives: tuple[str, ...] = Field(description="'id TYPE' of unpaired predictions")
    must_not: tuple[str, ...] = Field(description="prose checks for a human, verbatim")
    by_type: dict[str, TypeCounts] = Field(default_factory=dict)
    confusion: dict[str, dict[str, int]] = Field(
        default_factory=dict, description="gold type -> predicted type -> count"
    )


class SentenceReport(_Loose):
    """Sentence-level scores over PLOVER gold records."""

    records: int
    predictions: int
    matched: int
    event_recall: float | None
    with_right_source: int = Field(description="records with a predicted event of right source")
    right_type: int = Field(description="... of which one has the right type")
    type_accuracy: float | None
    missed: tuple[str, ...]
    by_type: dict[str, TypeCounts] = Field(default_factory=dict)
    confusion: dict[str, dict[str, int]] = Field(default_factory=dict)


def rate(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None or precision + recall == 0:
        return None if precision is None or recall is None else 0.0
    return round(2 * precision * recall / (precision + recall), 4)


def pair_one_to_one(gold: Sequence[GoldEvent], preds: Sequence[PredEvent]) -> dict[int, int]:
    """Prediction index → gold index, one to one, maximising required pairs, then all pairs,
    then pairs whose date and place agree (a maximum-weight bipartite matching whose weights
    make each criterion outweigh every later one)."""
    edges = [
        (p, g) for p, pe in enumerate(preds) for g, ge in enumerate(gold) if event_matches(ge, pe)
    ]
    if not edges:
        return {}
    bonus_unit = 1
    pair_unit = 3 * len(edges) + 1
    required_unit = pair_unit * (len(edges) + 1)
    graph = nx.Graph()
    for p, g in edges:
        ge, pe = gold[g], preds[p]
        weight = pair_unit + bonus_unit * (date_correct(ge, pe) + place_correct(ge, pe))
        graph.add_edge(("p", p), ("g", g), weight=weight + required_unit * (not ge.optional))
    pairs: dict[int, int] = {}
    for a, b in nx.max_weight_matching(graph):
        (_, p), (_, g) = (a, b) if a[0] == "p" else (b, a)
        pairs[p] = g
    return pairs


def _count(table: dict[str, dict[str, int]], gold_type: str, pred_type: str) -> None:
    row = table.setdefault(gold_type, {})
    row[pred_type] = row.get(pred_type, 0) + 1


def _confusion(
    gold: Sequence[GoldEvent], preds: Sequence[PredEvent], pairs: dict[int, int], neutral: set[int]
) -> dict[str, dict[str, int]]:
    """Gold primary type × predicted type: pairs, then unpaired events whose actors match a
    left-over prediction of another type, then misses (→ NONE) and spurious ones (NONE →)."""
    table: dict[str, dict[str, int]] = {}
    used = set(pairs) | neutral
    paired_gold = set(pairs.values())
    for p, g in pairs.items():
        if not gold[g].optional:
            _count(table, gold[g].primary_type, preds[p].type)
    for g, ge in enumerate(gold):
        if ge.optional or g in paired_gold:
            continue
        other = next(
            (p for p, pe in enumerate(preds) if p not in used and actors_match(ge, pe)), None
        )
        if other is not None:
            used.add(other)
        _count(table, ge.primary_type, preds[other].type if other is not None else NONE)
    for p, pe in enumerate(preds):
        if p not in used:
            _count(table, NONE, pe.type)
    return table


def _by_type(
    gold: Sequence[GoldEvent], preds: Sequence[PredEvent], pairs: dict[int, int], neutral: set[int]
) -> dict[str, TypeCounts]:
    counts: dict[str, Counter[str]] = {}
    for p, pe in enumerate(preds):
        if p in neutral:
            continue
        c = counts.setdefault(pe.type, Counter())
        c["predicted"] += 1
        c["correct"] += p in pairs and not gold[pairs[p]].optional
    recalled = {g for g in pairs.values()}
    for g, ge in enumerate(gold):
        if ge.optional:
            continue
        c = counts.setdefault(ge.primary_type, Counter())
        c["gold"] += 1
        c["recalled"] += g in recalled
    return {t: TypeCounts(**c) for t, c in sorted(counts.items())}


def score_article(gold: GoldArticle, predictions: Sequence[PredEvent]) -> ArticleReport:
    """Scores of one article's predictions (predictions of other articles are ignored)."""
    preds = [p for p in predictions if p.article_id == gold.article_id]
    events = gold.events
    pairs = pair_one_to_one(events, preds)
    # Unpaired predictions that match an optional event are neither rewarded nor punished.
    neutral = {
        p
        for p, pe in enumerate(preds)
        if (p in pairs and events[pairs[p]].optional)
        or (p not in pairs and any(g.optional and event_matches(g, pe) for g in events))
    }
    matched = [p for p, g in pairs.items() if not events[g].optional]
    required = [g for g, ge in enumerate(events) if not ge.optional]
    recalled = set(pairs.values()) & set(required)
    date_hits = sum(date_correct(events[g], preds[p]) for p, g in pairs.items())
    placed = [(p, g) for p, g in pairs.items() if events[g].place is not None]
    place_hits = sum(place_correct(events[g], preds[p]) for p, g in placed)
    return ArticleReport(
        article_id=gold.article_id,
        predictions=len(preds),
        matched_predictions=len(matched),
        optional_predictions=len(neutral),
        precision=rate(len(matched), len(preds) - len(neutral)),
        gold_events=len(required),
        recalled=len(recalled),
        recall=rate(len(recalled), len(required)),
        date_checked=len(pairs),
        date_correct=date_hits,
        date_accuracy=rate(date_hits, len(pairs)),
        place_checked=len(placed),
        place_correct=place_hits,
        place_accuracy=rate(place_hits, len(placed)),
        missed=tuple(events[g].id for g in required if g not in recalled),
        false_positives=tuple(
            f"{preds[p].id} {preds[p].type}"
            for p in range(len(preds))
            if p not in pairs and p not in neutral
        ),
        must_not=gold.must_not,
        by_type=_by_type(events, preds, pairs, neutral),
        confusion=_confusion(events, preds, pairs, neutral),
    )


def score_sentences(gold: Sequence[GoldEvent], predictions: Sequence[PredEvent]) -> SentenceReport:
    """Event recall and type accuracy over sentence records (gold id = article id)."""
    by_article: dict[str, list[PredEvent]] = {}
    for p in predictions:
        by_article.setdefault(p.article_id, []).append(p)
    matched = with_source = right_type = 0
    missed: list[str] = []
    by_type: dict[str, Counter[str]] = {}
    confusion: dict[str, dict[str, int]] = {}
    for record in gold:
        preds = by_article.get(record.id, [])
        counts = by_type.setdefault(record.primary_type, Counter())
        counts["gold"] += 1
        hit = next((p for p in preds if event_matches(record, p)), None)
        if hit is not None:
            matched += 1
            counts["recalled"] += 1
        else:
            missed.append(record.id)
        sourced = [p for p in preds if not record.source or _side(record.source, p.source)]
        if sourced:
            with_source += 1
            right_type += any(p.type in record.types for p in sourced)
        shown = hit or (sourced[0] if sourced else None)
        _count(confusion, record.primary_type, shown.type if shown else NONE)
    return SentenceReport(
        records=len(gold),
        predictions=sum(len(by_article.get(r.id, [])) for r in gold),
        matched=matched,
        event_recall=rate(matched, len(gold)),
        with_right_source=with_source,
        right_type=right_type,
        type_accuracy=rate(right_type, with_source),
        missed=tuple(missed),
        by_type={t: TypeCounts(**c) for t, c in sorted(by_type.items())},
        confusion=confusion,
    )
