"""Rules that can never fire because another rule of the same lemma always matches first.

``Lexicon.match`` tries a lemma's rules most specific first (file order among equals) and
takes the first whose conditions hold. Rule B is shadowed by an earlier rule A when every
token meeting B's conditions also meets A's: A allows at least B's parts of speech, and each
of A's conditions is implied by one of B's (A's objects/prepositions/modifiers/governors a
superset of B's non-empty ones, A's exclusions a subset of B's, A's flags also set in B).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ingest.triggers import TriggerRule


def _implied(wider: frozenset[str], narrower: frozenset[str]) -> bool:
    """A word condition ``wider`` holds whenever ``narrower`` does (empty: no condition)."""
    return not wider or (bool(narrower) and narrower <= wider)


def implies(b: TriggerRule, a: TriggerRule) -> bool:
    """Every token meeting ``b``'s conditions meets ``a``'s."""
    return (
        b.pos <= a.pos
        and (not a.intent or b.intent)
        and (not a.intransitive or b.intransitive)
        and (not a.clausal or b.clausal)
        and _implied(a.preps, b.preps)
        and _implied(a.modifiers, b.modifiers)
        and _implied(a.governors, b.governors)
        and a.excluded <= b.excluded
        and (
            not a.objects
            or (_implied(a.objects, b.objects) and (a.object_entity or not b.object_entity))
        )
    )


def _in_match_order(rules: Sequence[TriggerRule]) -> list[TriggerRule]:
    return sorted(rules, key=lambda r: -r.specificity)  # stable: file order among equals


def shadowed_rules(rules: Iterable[TriggerRule]) -> list[tuple[str, str]]:
    """``(shadowed rule id, shadowing rule id)`` for every rule that can never fire."""
    by_lemma: dict[str, list[TriggerRule]] = {}
    for rule in rules:
        by_lemma.setdefault(rule.lemma, []).append(rule)
    found: list[tuple[str, str]] = []
    for group in by_lemma.values():
        ordered = _in_match_order(group)
        for i, later in enumerate(ordered):
            earlier = next((a for a in ordered[:i] if implies(later, a)), None)
            if earlier is not None:
                found.append((later.id, earlier.id))
    return found
