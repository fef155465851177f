"""Actors: resolving a reference, search, detail, members, and counterparts."""

from __future__ import annotations

import re
from collections import Counter
from typing import cast

from graph import NotFound, queries, summaries
from graph.filters import GraphFilter
from graph.rows import ActorDetailRow, ActorRefRow, ActorRow, RelationshipRow
from graph.session import READ_RETRY_S, Graph, Row, neo4j_errors
from ontology.plover import CONFLICT, COOPERATION, EventType

_ISO3 = re.compile(r"^[A-Za-z]{3}$")
_ID_PART = re.compile(r"^[A-Za-z0-9._-]+$")


def actor_candidates(ref: str) -> list[str]:
    """Ids an actor reference may stand for, most likely first.

    ``state:RUS`` stays as it is; a bare ISO3 code ``rus`` means ``state:RUS``; other bare
    names are tried as ``org:``, ``person:`` and ``armed_group:`` ids.

    Example:
        >>> actor_candidates("rus")
        ['state:RUS', 'org:RUS', 'org:rus']
    """
    ref = ref.strip()
    if ":" in ref:
        return [ref]
    out: list[str] = []
    if _ISO3.match(ref):
        out.append("state:" + ref.upper())
    if _ID_PART.match(ref):
        out += ["org:" + ref.upper(), "org:" + ref]
    slug = re.sub(r"[^a-z0-9]+", "-", ref.lower()).strip("-")
    if slug and not _ISO3.match(ref):
        out += ["person:" + slug, "org:" + slug, "armed_group:" + slug]
    return list(dict.fromkeys(out))


def resolve_actor(graph: Graph, ref: str) -> str:
    """The id of the actor ``ref`` names: an id, an ISO3 code, or an exact name or alias.

    Raises:
        NotFound: nothing matches.
    """
    candidates = actor_candidates(ref)
    what = "resolving an actor"
    found = {r["id"] for r in graph.read(queries.API_ACTOR_IDS, what, ids=candidates)}
    for candidate in candidates:
        if candidate in found:
            return candidate
    rows = graph.read(queries.API_ACTOR_BY_NAME, what, name=ref.strip().lower())
    if not rows:
        raise NotFound(f"no actor {ref!r} (give an id like state:RUS, an ISO3 code or a name)")
    best = min(rows, key=lambda r: (r["rank"], r["id"]))
    return str(best["id"])


def actor_id_of(graph: Graph, ref: str) -> str:
    """Like :func:`resolve_actor`, but a full id (``state:RUS``) is taken as it is, without a
    query: for callers whose next query raises ``NotFound`` for an unknown id anyway."""
    ref = ref.strip()
    return ref if ":" in ref else resolve_actor(graph, ref)


def search_actors(
    graph: Graph,
    *,
    q: str | None,
    kind: str | None = None,
    country: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[int, list[ActorRow]]:
    """Actors whose name, alias or id contains ``q`` (case-insensitive); best matches first.

    Returns:
        (total count, the page of actors).
    """
    needle = q.strip().lower() if q and q.strip() else None
    rows = graph.read(
        queries.API_ACTOR_SEARCH,
        "searching actors",
        q=needle,
        kind=kind,
        country=country,
        limit=limit,
        offset=offset,
    )
    found = sorted(
        rows[0]["page"] if rows else [],
        key=lambda a: (a.pop("rank"), a.get("name") or "", a["id"]),
    )
    return (int(rows[0]["count"]) if rows else 0), cast(list[ActorRow], found)


def actor_detail(graph: Graph, actor_id: str) -> ActorDetailRow:
    """One actor with its affiliations, affiliated persons and number of events.

    Raises:
        NotFound: no such actor.
    """
    rows = graph.read(queries.API_ACTOR_DETAIL, "reading an actor", id=actor_id)
    if not rows:
        raise NotFound(f"no actor with id {actor_id!r}")
    row = rows[0]
    detail = {
        **row["actor"],
        "aliases": row["actor"].get("aliases") or [],
        "event_count": row["event_count"],
        "affiliations": row["affiliations"],
        "members": row["members"],
    }
    return cast(ActorDetailRow, detail)


def actor_members(graph: Graph, actor_id: str) -> tuple[ActorRefRow, list[ActorRefRow]]:
    """The actor and the persons affiliated with it (who count as the actor in relations).

    Raises:
        NotFound: no such actor.
    """
    rows = graph.read(queries.API_ACTOR_MEMBERS, "reading an actor", id=actor_id)
    if not rows:
        raise NotFound(f"no actor with id {actor_id!r}")
    members = sorted(rows[0]["members"], key=lambda a: a["id"])
    return cast(ActorRefRow, rows[0]["actor"]), cast(list[ActorRefRow], members)


def actor_relationships(
    graph: Graph, actor_id: str, flt: GraphFilter, *, limit: int = 200
) -> list[RelationshipRow]:
    """The actor's counterparts from its events (and its affiliated persons' events).

    A counterpart is an actor on the other side (target when the actor is the source, or
    source when it is the target) of at least one event matching ``flt``.
    """
    flt = flt.model_copy(update={"actors": ()})
    rows = graph.read(
        queries.api_actor_relationships(flt.fields()),
        "reading relationships",
        **flt.params(),
        id=actor_id,
        limit=limit,
        cooperation=sorted(COOPERATION),
        conflict=sorted(CONFLICT),
    )
    out = []
    for row in rows:
        types: Counter[str] = Counter(row.pop("types"))
        out.append(cast(RelationshipRow, {**row, "by_type": dict(sorted(types.items()))}))
    return out


def actor_interactions(graph: Graph, actor_id: str, *, limit: int = 200) -> list[RelationshipRow]:
    """The same shape as :func:`actor_relationships`, from the ``INTERACTS_WITH`` projection.

    Faster (no event is read) and used when no filter is given. Read from the actor's
    precomputed summary when it has one (``graph.summaries``).
    """
    with neo4j_errors("reading interactions"), graph.session(retry_s=READ_RETRY_S) as session:
        stored = summaries.interactions(session, actor_id, limit)
    if stored is not None:
        return cast(list[RelationshipRow], stored)
    type_names = [str(t) for t in EventType]
    rows = graph.read(
        queries.API_ACTOR_INTERACTIONS,
        "reading interactions",
        id=actor_id,
        limit=limit,
        type_names=type_names,
    )
    return [interaction_row(row, type_names) for row in rows]


def interaction_row(row: Row, type_names: list[str]) -> RelationshipRow:
    """One counterpart from the summed ``INTERACTS_WITH`` properties of a query row."""
    count = int(row["count"])
    return {
        "counterpart": row["counterpart"],
        "count": count,
        "outgoing": int(row["outgoing"]),
        "incoming": count - int(row["outgoing"]),
        "goldstein_avg": float(row["goldstein_sum"]) / count if count else None,
        "cooperation": int(row["cooperation"]),
        "conflict": int(row["conflict"]),
        "first": row["first"],
        "last": row["last"],
        "by_type": {t: int(n) for t, n in zip(type_names, row["type_counts"], strict=True) if n},
    }
