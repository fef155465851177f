"""Actors: resolving a reference, search, detail, members, and counterparts."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, cast

from graph import NotFound, queries, summaries
from graph.filters import GraphFilter
from graph.read.anchored import read_anchored
from graph.rows import ActorDetailRow, ActorRefRow, ActorRow, RelationshipRow
from graph.session import READ_RETRY_S, Graph, Row, neo4j_errors
from ontology.plover import CONFLICT, COOPERATION

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
    return full_id(ref) or resolve_actor(graph, ref)


def full_id(ref: str) -> str | None:
    """``ref`` when it is a full actor id (``state:RUS``, surrounding blanks dropped)."""
    ref = ref.strip()
    return ref if ":" in ref else None


def unknown_actor(actor_id: str) -> NotFound:
    """The error for an actor id that names no actor."""
    return NotFound(f"no actor with id {actor_id!r}")


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
    params = {"q": needle, "kind": kind, "country": country, "limit": limit, "offset": offset}
    rows = graph.read(queries.API_ACTOR_SEARCH, "searching actors", **params)
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
        raise unknown_actor(actor_id)
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
        raise unknown_actor(actor_id)
    members = sorted(rows[0]["members"], key=lambda a: a["id"])
    return cast(ActorRefRow, rows[0]["actor"]), cast(list[ActorRefRow], members)


@dataclass(frozen=True, slots=True)
class Counterparts:
    """The answer of ``GET /actors/{id}/relationships``: the actor, the persons counted as it,
    where the rows come from (``interactions``: the projection, no filter; ``events``: the
    filtered events) and one row per counterpart (``actor_relationships``' shape)."""

    actor: ActorRefRow
    members: list[ActorRefRow]
    source: Literal["events", "interactions"]
    data: list[RelationshipRow]


def actor_counterparts(
    graph: Graph, actor_id: str, flt: GraphFilter, *, limit: int = 200
) -> Counterparts:
    """The actor's counterparts: from its stored summary without a filter (one round trip,
    ``graph.summaries``), else from ``INTERACTS_WITH`` or, with a filter, from the events.

    Raises:
        NotFound: no such actor.
    """
    if flt.is_empty():
        found = stored_counterparts(graph, [actor_id], limit=limit).get(actor_id)
        if found is None:
            raise unknown_actor(actor_id)
        return found
    actor, members = actor_members(graph, actor_id)
    return Counterparts(
        actor, members, "events", actor_relationships(graph, actor_id, flt, limit=limit)
    )


def stored_counterparts(
    graph: Graph, actor_ids: Sequence[str], *, limit: int = 200
) -> dict[str, Counterparts]:
    """The unfiltered counterparts of several actors in one round trip (the API reads those
    of concurrent requests together), by actor id; an unknown id has no entry.

    Each answer comes from the actor's stored summary, or from the live
    ``INTERACTS_WITH`` query when it has none (after a bulk load, until rebuilt).
    """
    (row,) = graph.read(
        queries.API_ACTORS_RELATIONSHIPS_STORED,
        "reading relationships",
        ids=list(dict.fromkeys(actor_ids)),
        limit=limit,
    )
    counterparts = row["counterparts"]
    out = {}
    for answer in row["answers"]:
        actor = cast(ActorRefRow, answer["actor"])
        members = cast(list[ActorRefRow], sorted(answer["members"], key=lambda a: a["id"]))
        if answer["summary"] is not None:
            stored = summaries.decode(answer["summary"], counterparts, limit)
            data = cast(list[RelationshipRow], stored)
        else:  # known to have no summary: the live query at once
            data = live_interactions(graph, actor["id"], limit=limit)
        out[actor["id"]] = Counterparts(actor, members, "interactions", data)
    return out


def actor_relationships(
    graph: Graph, actor_id: str, flt: GraphFilter, *, limit: int = 200
) -> list[RelationshipRow]:
    """The actor's counterparts from its events (and its affiliated persons' events).

    A counterpart is an actor on the other side (target when the actor is the source, or
    source when it is the target) of at least one event matching ``flt``.
    """
    rows = read_anchored(
        graph,
        queries.api_actor_relationships,
        flt,
        "reading relationships",
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
    return live_interactions(graph, actor_id, limit=limit)


def live_interactions(graph: Graph, actor_id: str, *, limit: int) -> list[RelationshipRow]:
    """:func:`actor_interactions` added up from ``INTERACTS_WITH`` now (no stored summary)."""
    names, query = summaries.TYPE_NAMES, queries.API_ACTOR_INTERACTIONS
    rows = graph.read(query, "reading interactions", id=actor_id, limit=limit, type_names=names)
    return [interaction_row(row, names) for row in rows]


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
