"""Classes of argument errors for ``benchmarks/eval_arguments.py`` (oracle triggers).

For a gold event whose source (or target) is wrong, the class says whose problem it is:

- ``implicit``: the label names no span for that side (the actor is only implied: the
  article's topic state, a previous sentence);
- ``no-mention``: no actor mention covers the gold span (actor recognition);
- ``wrong-code``: mentions cover it but none resolves to the gold code (actor resolution);
- otherwise an attachment error, named by what was predicted (``none``/``wrong``), the
  trigger's part of speech and the dependency path from the trigger to the gold span's head
  (``^dep`` up an arc, ``>dep`` down one), e.g. ``none NOUN >prep>pobj``.

Side ``event``: ``no-candidate`` (no source found, or the trigger was absorbed by another or
read as a condition) and ``filtered`` (a candidate the precision filter dropped: no target
where the type needs one).
"""

from __future__ import annotations

from argument_corpus import ArgEvent
from spacy.tokens import Doc, Token

from ingest import clauses
from ingest.components.event_arguments import _matches
from ingest.embedding import _governor
from ingest.eval_gold import GoldActor, GoldEvent, PredActor, PredEvent, _side
from ingest.mentions import get_actors, mentions_at


def dep_path(trigger: Token, target: Token) -> str:
    """The arcs from ``trigger`` up to the common ancestor, then down to ``target``."""
    if trigger.sent.start != target.sent.start:
        return "other-sentence"
    up = [trigger, *trigger.ancestors]
    down = [target, *target.ancestors]
    common = next((t for t in up if t in down), None)
    if common is None:
        return "no-path"
    ups = [f"^{t.dep_}" for t in up[: up.index(common)]]
    downs = [f">{t.dep_}" for t in reversed(down[: down.index(common)])]
    return "".join(ups + downs) or "self"


def _as_pred(doc: Doc, token: Token) -> list[PredActor]:
    registry = get_actors(doc)
    out = []
    for m in mentions_at(doc, token.i):
        a = registry.get(m.actor.id, m.actor)
        out.append(PredActor(name=a.name, country=a.country, id=a.id, aliases=a.aliases))
    return out


def _side_class(
    doc: Doc,
    trigger: Token,
    spans: tuple[tuple[int, int], ...],
    gold: tuple[GoldActor, ...],
    predicted: list[PredActor],
) -> str:
    if not spans:
        return "implicit"
    heads: list[Token] = []
    mentioned: list[PredActor] = []
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        heads.append(span.root)
        for tok in span:
            mentioned.extend(_as_pred(doc, tok))
    if not mentioned:
        return "no-mention"
    if not _side(gold, mentioned):
        return "wrong-code"
    what = "wrong" if predicted else "none"
    path = dep_path(trigger, heads[0]) if heads else "no-span"
    return f"{what} {trigger.pos_} {path}"


def dropped_because(doc: Doc, event: ArgEvent, had_candidate: bool) -> str:
    """Why no kept event came out of a gold trigger: ``filtered`` (no target where the type
    needs one), ``absorbed`` (inside the complement of another trigger, whose code it
    refines), ``condition`` (read as a condition or a deliberation), else ``no-source``."""
    if had_candidate:
        return "filtered"
    span = doc.char_span(*event.trigger, alignment_mode="expand")
    if span is None:
        return "trigger-unaligned"
    token = span.root
    if clauses.in_condition(token) or clauses.under_deliberation(token):
        return "condition"
    matches = [m for ms in _matches(doc).values() for m in ms if m.token.sent == token.sent]
    by_token = {m.token.i: m for m in matches}
    mine = by_token.get(token.i)
    if mine is not None and _governor(mine, by_token) is not None:
        return "absorbed"
    return "no-source"


def classify(
    doc: Doc, event: ArgEvent, found: list[PredEvent], gold: GoldEvent
) -> list[tuple[str, str]]:
    """The error classes of one gold event that no prediction matches (``found``: the
    candidates at its trigger, before the precision filter)."""
    span = doc.char_span(*event.trigger, alignment_mode="expand")
    if span is None:
        return [("event", "trigger-unaligned")]
    trigger = span.root
    out: list[tuple[str, str]] = []
    sources = [a for p in found for a in (p.source + p.target if gold.symmetric else p.source)]
    targets = [a for p in found for a in (p.source + p.target if gold.symmetric else p.target)]
    if not (found and _side(gold.source, sources)):
        out.append(("source", _side_class(doc, trigger, event.source_spans, gold.source, sources)))
    if event.targets and not (found and _side(gold.target, targets)):
        out.append(("target", _side_class(doc, trigger, event.target_spans, gold.target, targets)))
    return out
