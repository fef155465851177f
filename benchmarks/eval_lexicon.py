"""Rules vs rules + CAMEO verb lexicon, as trigger proposers, on the labelled corpus.

The lexicon (``ingest/data/cameo_verbs.json``) is derived from the PETRARCH2 dictionary, not
from ``data/training``, so the whole corpus is a fair test set for it. Each sentence is parsed
once by the base English model; the rule proposer (``dekg_rule_triggers_v1``) runs, then for
each variant the lexicon proposer (``dekg_lexicon_triggers_v1``) on a copy of that doc:
``+lexicon`` the whole lexicon, ``+lex-specific`` only its object and particle entries
("impose sanctions", "call off"), without the bare verbs.

Scores (micro, over the root token of each labelled trigger, as in
``benchmarks/compare_trigger_models.py``): trigger P/R/F1 ignoring type, typed P/R/F1, and
type accuracy (typed hits / position hits). Then the precision of the lexicon's own additions
per PLOVER type.

Usage: ``nice python benchmarks/eval_lexicon.py [data/training] [--limit N]``.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from spacy.tokens import Doc

from ingest.components.lexicon_triggers import LexiconTriggers
from ingest.components.rule_triggers import RuleTriggers
from ingest.lexicon_verbs import VerbLexicon, default_verb_lexicon
from ingest.nlp import load_base
from ingest.proposals import proposals
from ingest.training.corpus import Sentence
from ingest.training.linear_train import parse, token_labels
from ingest.training.run import corpus_sentences
from ingest.training.scores import prf
from ingest.triggers import default_lexicon

Found = set[tuple[int, str, str]]  # (token, type, source)


class Tally:
    def __init__(self) -> None:
        self.position = [0, 0, 0]  # hits, predicted, gold
        self.typed = [0, 0, 0]

    def add(self, gold: dict[int, str], found: Found) -> None:
        where = {i for i, _, _ in found}
        typed = {(i, t) for i, t, _ in found}
        hits = [len(where & gold.keys()), len(typed & set(gold.items()))]
        self.position = [
            self.position[0] + hits[0],
            self.position[1] + len(where),
            self.position[2] + len(gold),
        ]
        self.typed = [
            self.typed[0] + hits[1],
            self.typed[1] + len(typed),
            self.typed[2] + len(gold),
        ]

    def row(self, name: str) -> str:
        p, r, f = prf(*self.position)
        tp, tr, tf = prf(*self.typed)
        accuracy = self.typed[0] / self.position[0] if self.position[0] else 0.0
        return (
            f"{name:<15} {p:6.3f} {r:6.3f} {f:6.3f}   {tp:6.3f} {tr:6.3f} {tf:6.3f}"
            f"   {accuracy:6.3f}   {self.position[1]:6d}"
        )


def _found(doc: Doc) -> Found:
    return {(s.root.i, s.label_, i.source.split(":")[0]) for s, i in proposals(doc)}


def evaluate(
    docs: list[Doc], sentences: list[Sentence], lexicon: VerbLexicon
) -> tuple[Tally, Tally, Counter[str]]:
    """Tallies of rules and rules + lexicon, and the lexicon's additions per type and outcome."""
    rules, fallback = RuleTriggers(default_lexicon()), LexiconTriggers(lexicon)
    alone, combined, added = Tally(), Tally(), Counter[str]()
    for sentence, parsed in zip(sentences, docs, strict=True):
        gold = token_labels(parsed, sentence)
        doc = rules(parsed.copy())
        alone.add(gold, _found(doc))
        both = _found(fallback(doc))
        combined.add(gold, both)
        for i, type_, source in both:
            if source == "lexicon":
                outcome = "hit" if gold.get(i) == type_ else "wrong-type" if i in gold else "false"
                added[f"{type_} {outcome}"] += 1
    return alone, combined, added


def main() -> None:
    parser = argparse.ArgumentParser(description="rules vs rules + CAMEO verb lexicon")
    parser.add_argument("corpus", nargs="?", type=Path, default=Path("data/training"))
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    sentences, problems = corpus_sentences(args.corpus)
    sentences = sentences[: args.limit] if args.limit else sentences
    started = time.perf_counter()
    docs = parse(load_base("en_core_web_sm"), sentences)
    full = default_verb_lexicon()
    variants = {
        "+lexicon": full,
        "+lex-specific": VerbLexicon({}, full.phrases, full.objects),
    }
    results = {name: evaluate(docs, sentences, lex) for name, lex in variants.items()}
    alone = results["+lexicon"][0]
    print(
        f"{len(sentences)} sentences, {alone.position[2]} labelled triggers, "
        f"{len(problems)} problems, {time.perf_counter() - started:.0f} s"
    )
    print(f"{'':<15} {'trigger P/R/F1 (untyped)':<24} {'typed P/R/F1':<24} type-acc  proposed")
    print(alone.row("rules"))
    for name, (_, combined, _) in results.items():
        print(combined.row(f"rules{name}"))
    for name, (_, _, added) in results.items():
        print(f"rules{name}: the lexicon's additions per type: hit / wrong-type / false")
        for type_ in sorted({k.split()[0] for k in added}):
            row = [added[f"{type_} {o}"] for o in ("hit", "wrong-type", "false")]
            print(f"  {type_:<10} {row[0]:5d} {row[1]:5d} {row[2]:5d}")


if __name__ == "__main__":
    main()
