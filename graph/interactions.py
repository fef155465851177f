"""INTERACTS_WITH: per (source, target) actor pair, the totals of the events between them.

New articles only add events, so their totals are added to the stored ones by the database
itself in one statement (``queries.ADD_INTERACTIONS``: no read round trip, only the changed
properties written). A re-ingested article can remove events: its pairs are recounted from
the events (``recount_interactions``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import neo4j

from graph import queries
from ontology.model import Event
from ontology.plover import EventType


def event_pairs(event: Event) -> set[tuple[str, str]]:
    """The ordered (source id, target id) actor pairs of an event, self-pairs left out."""
    return {(s.id, t.id) for s in event.source for t in event.target if s.id != t.id}


def interaction_props(totals: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """INTERACTS_WITH properties from per-type totals of one pair.

    Each total has ``type``, ``quad_class``, ``count``, ``goldstein_sum``, ``first``, ``last``.
    """
    props: dict[str, Any] = {"count": 0, "goldstein_sum": 0.0, "cooperation": 0, "conflict": 0}
    firsts: list[dt.date] = []
    lasts: list[dt.date] = []
    for row in totals:
        count = int(row["count"])
        props["count"] += count
        props["goldstein_sum"] += float(row["goldstein_sum"] or 0.0)
        props[f"count_{EventType(row['type'])}"] = props.get(f"count_{row['type']}", 0) + count
        props["cooperation" if int(row["quad_class"]) <= 2 else "conflict"] += count
        firsts += [row["first"]] if row["first"] is not None else []
        lasts += [row["last"]] if row["last"] is not None else []
    props["goldstein_sum"] = round(props["goldstein_sum"], 6)
    if firsts:
        props["first"] = min(firsts)
    if lasts:
        props["last"] = max(lasts)
    return props


def _native(value: Any) -> Any:
    return value.to_native() if hasattr(value, "to_native") else value


def add_interactions(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """INTERACTS_WITH properties of a pair after adding ``new`` events to ``old`` ones.

    The pure statement of what ``queries.ADD_INTERACTIONS`` does in the database.
    """
    total = dict(old)
    for key, value in new.items():
        if key == "first":
            total[key] = min(_native(old[key]), value) if key in old else value
        elif key == "last":
            total[key] = max(_native(old[key]), value) if key in old else value
        else:
            total[key] = total.get(key, 0) + value
    total["goldstein_sum"] = round(total["goldstein_sum"], 6)
    return total


def addition_rows(created: Iterable[Event]) -> list[dict[str, Any]]:
    """One ``ADD_INTERACTIONS`` row per pair of the new events (sorted: locks in one order).

    A row holds the integer counters to add (``counts``), the Goldstein sum and the date span
    of the pair's new events.
    """
    totals: dict[tuple[str, str], dict[tuple[str, int], dict[str, Any]]] = defaultdict(dict)
    for event in created:
        for pair in event_pairs(event):
            key = (str(event.type), event.quad_class)
            row = totals[pair].setdefault(
                key,
                {
                    "type": key[0],
                    "quad_class": key[1],
                    "count": 0,
                    "goldstein_sum": 0.0,
                    "first": None,
                    "last": None,
                },
            )
            row["count"] += 1
            row["goldstein_sum"] += event.goldstein
            if event.date is not None:
                row["first"] = min(filter(None, (row["first"], event.date)))
                row["last"] = max(filter(None, (row["last"], event.date)))
    rows = []
    for (s, t), per_type in sorted(totals.items()):
        props = interaction_props(per_type.values())
        rows.append(
            {
                "s": s,
                "t": t,
                "counts": {k: v for k, v in props.items() if isinstance(v, int)},
                "goldstein_sum": props["goldstein_sum"],
                "first": props.get("first"),
                "last": props.get("last"),
            }
        )
    return rows


def add_new_interactions(tx: neo4j.ManagedTransaction, created: list[Event]) -> None:
    """Add the new events to their pairs' totals (the pairs' actors are already locked by the
    actor upsert earlier in the same transaction, so no concurrent update is lost)."""
    rows = addition_rows(created)
    if rows:
        tx.run(queries.ADD_INTERACTIONS, rows=rows).consume()


def recount_interactions(tx: neo4j.ManagedTransaction, pairs: set[tuple[str, str]]) -> None:
    """Recompute the pairs from their events (after an article's reports were replaced)."""
    if not pairs:
        return
    actors = sorted({a for pair in pairs for a in pair})
    tx.run(queries.LOCK_ACTORS, ids=actors).consume()
    params = [{"s": s, "t": t} for s, t in sorted(pairs)]
    totals: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for record in tx.run(queries.PAIR_TOTALS, pairs=params):
        totals[(record["s"], record["t"])].append(record.data())
    rows = [{"s": s, "t": t, "props": interaction_props(totals[(s, t)])} for s, t in sorted(totals)]
    gone = [{"s": s, "t": t} for s, t in sorted(pairs) if (s, t) not in totals]
    if rows:
        tx.run(queries.WRITE_INTERACTIONS, rows=rows).consume()
    if gone:
        tx.run(queries.DELETE_INTERACTIONS, pairs=gone).consume()
