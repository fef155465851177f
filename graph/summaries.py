"""Counterpart summaries: each actor's unfiltered relationships answer, precomputed at write time.

``GET /actors/{id}/relationships`` without filters adds up, per counterpart, the
``INTERACTS_WITH`` relationships of the actor and of the persons affiliated with it: ~600
relationships and 16 per-type sums for a busy state, every time. The writer keeps the result
on the actor instead (``a.counterparts``: JSON, every counterpart in answer order, and
``a.counterpart_ids``), refreshed in the write transaction for every actor whose interactions
or members it may have changed (the actors of its change record, ``graph.changes``). A read
then fetches one property and the current fields of the counterparts it returns (names are
read live: a renamed counterpart shows its new name).

Summaries are derived data like ``INTERACTS_WITH`` itself. A bulk batch drops those of the
actors it may have changed (:func:`drop`, ``DROP_ACTOR_SUMMARIES``; every other summary stays
exact) and reads of those fall back to the live query until the writer, at the end of a load
with a bulk batch, summarises every actor left without one (:func:`rebuild_missing`; also
after an interrupted load, at the next bulk load) or the next small write of the actor does.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import neo4j
import orjson

from graph import queries
from graph.session import Graph
from ontology.plover import EventType

TYPE_NAMES = [str(t) for t in EventType]
#: Actors summarised per statement by :func:`rebuild`.
REBUILD_CHUNK = 500


def _iso(value: Any) -> str | None:
    return value.iso_format() if value is not None else None


def _summaries(tx: neo4j.ManagedTransaction | neo4j.Session, ids: list[str]) -> list[dict]:
    found: dict[str, list[list[Any]]] = defaultdict(list)
    for r in tx.run(queries.SUMMARY_COUNTERPARTS, ids=ids, type_names=TYPE_NAMES):
        found[r["anchor"]].append(
            [
                r["counterpart"],
                r["count"],
                r["outgoing"],
                r["goldstein_sum"],
                r["cooperation"],
                r["conflict"],
                _iso(r["first"]),
                _iso(r["last"]),
                r["type_counts"],
            ]
        )
    out = []
    for actor in ids:
        rows = sorted(found.get(actor, []), key=lambda row: (-row[1], row[0]))
        out.append(
            {"id": actor, "summary": orjson.dumps(rows).decode(), "ids": [r[0] for r in rows]}
        )
    return out


def refresh(tx: neo4j.ManagedTransaction, actor_ids: Iterable[str], *, lock: bool = False) -> None:
    """Recompute the summaries of these actors (in the writer's transaction, whose actors are
    locked already; ``lock``: first take the locks of the actors and of the persons affiliated
    with them, so that no concurrent write of their interactions slips in between the read
    and the write of a summary)."""
    ids = sorted(set(actor_ids))
    if not ids:
        return
    if lock:
        tx.run(queries.LOCK_SUMMARY_ACTORS, ids=ids).consume()
    tx.run(queries.WRITE_SUMMARIES, rows=_summaries(tx, ids)).consume()


def drop(tx: neo4j.ManagedTransaction, actor_ids: Iterable[str]) -> None:
    """Remove the summaries of these actors and of the orgs they are affiliated with (a bulk
    batch: reads of those use the live query until refreshed or rebuilt)."""
    ids = sorted(set(actor_ids))
    if ids:
        tx.run(queries.DROP_ACTOR_SUMMARIES, ids=ids).consume()


def rebuild(driver: neo4j.Driver, database: str) -> int:
    """Summarise every actor, in transactions of ``REBUILD_CHUNK``.

    Returns:
        the number of actors summarised.
    """
    return _rebuild(Graph(driver, database), queries.SUMMARY_ACTOR_IDS)


def rebuild_missing(graph: Graph) -> int:
    """Summarise every actor that has no summary: those a bulk load dropped or created (the
    writer calls it after a load with a bulk batch), in transactions of ``REBUILD_CHUNK``.

    Returns:
        the number of actors summarised.
    """
    return _rebuild(graph, queries.SUMMARY_MISSING_IDS)


def _rebuild(graph: Graph, query: str) -> int:
    ids = [r["id"] for r in graph.read(query, "listing actors to summarise")]
    for at in range(0, len(ids), REBUILD_CHUNK):
        graph.write_tx(_refresh_locked, "summarising actors", ids[at : at + REBUILD_CHUNK])
    return len(ids)


def _refresh_locked(tx: neo4j.ManagedTransaction, ids: list[str]) -> None:
    refresh(tx, ids, lock=True)


def interactions(session: neo4j.Session, actor_id: str, limit: int) -> list[dict] | None:
    """The rows of ``graph.read.actors.actor_interactions`` from the stored summary, or ``None``
    when the actor has none (then the caller runs the live query)."""
    record = session.run(queries.API_ACTOR_SUMMARY, id=actor_id, limit=limit).single()
    if record is None or record["summary"] is None:
        return None
    return decode(record["summary"], record["counterparts"], limit)


def decode(summary: str, counterparts: list[dict], limit: int) -> list[dict]:
    """The first ``limit`` rows of a stored summary, each with its counterpart's current
    fields (``counterparts``: maps with ``id``; a missing one shows its id only)."""
    fields = {c["id"]: c for c in counterparts}
    out = []
    for cid, count, outgoing, gsum, coop, conflict, first, last, types in orjson.loads(summary)[
        :limit
    ]:
        out.append(
            {
                "counterpart": fields.get(cid, {"id": cid}),
                "count": count,
                "outgoing": outgoing,
                "incoming": count - outgoing,
                "goldstein_avg": float(gsum) / count if count else None,
                "cooperation": int(coop),
                "conflict": conflict,
                "first": dt.date.fromisoformat(first) if first else None,
                "last": dt.date.fromisoformat(last) if last else None,
                "by_type": {t: n for t, n in zip(TYPE_NAMES, types, strict=True) if n},
            }
        )
    return out
