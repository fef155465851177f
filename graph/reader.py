"""Read functions of the query service: events, actors, relationships, paths, stats (the
Cypher console is ``graph.console``).

Every function receives the driver and the database name, runs a fixed query from
``graph.queries`` as a READ (``routing_=READ``) and
returns plain Python values (dicts, lists, ``datetime.date``); the API turns them into its
response models. Neo4j errors become ``GraphUnavailable`` (cannot reach the server),
``NotFound`` or ``QueryRejected``, chained to the driver's error.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import neo4j
import neo4j.graph
import neo4j.spatial
import neo4j.time
from neo4j.exceptions import (
    AuthError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from graph import GraphError, GraphUnavailable, NotFound, QueryRejected, queries
from graph.filters import GraphFilter
from ontology.plover import EventType

Row = dict[str, Any]

#: Largest ``depth`` of an ego network and longest path searched.
MAX_DEPTH = 3
MAX_PATH_LENGTH = 6
#: How long a read retries transient errors (seconds).
READ_RETRY_S = 1.0
_ISO3 = re.compile(r"^[A-Za-z]{3}$")
_ID_PART = re.compile(r"^[A-Za-z0-9._-]+$")


@contextmanager
def _neo4j_errors(what: str) -> Iterator[None]:
    """Turn the driver's errors into the graph package's errors."""
    try:
        yield
    except (ServiceUnavailable, SessionExpired) as e:
        raise GraphUnavailable(f"Neo4j is not reachable while {what}: {e}") from e
    except AuthError as e:
        raise GraphUnavailable(f"Neo4j refused the credentials while {what}: {e}") from e
    except TransientError as e:
        raise GraphUnavailable(f"Neo4j is busy or starting while {what}: {e}") from e
    except Neo4jError as e:
        raise GraphError(f"Neo4j failed while {what}: {e}") from e
    except DriverError as e:
        raise GraphUnavailable(f"Neo4j driver error while {what}: {e}") from e


def _read(driver: neo4j.Driver, database: str, query: str, what: str, **params: Any) -> list[Row]:
    """Run a fixed read query; rows as dicts of Python values.

    An auto-commit transaction in a READ session: one round trip instead of the managed
    transaction's two (the queries are fixed reads, so there is nothing to commit). A
    connection that turns out dead (Neo4j restarted) is retried once on a fresh one.
    """
    try:
        return _read_once(driver, database, query, what, params)
    except GraphUnavailable as e:
        if not isinstance(e.__cause__, SessionExpired | ServiceUnavailable):
            raise
    return _read_once(driver, database, query, what, params)


def _read_once(
    driver: neo4j.Driver, database: str, query: str, what: str, params: dict[str, Any]
) -> list[Row]:
    with _neo4j_errors(what), _session(driver, database) as session:
        return [{k: native(v) for k, v in r.items()} for r in session.run(query, params)]


def _session(driver: neo4j.Driver, database: str) -> neo4j.Session:
    # Retry transient failures briefly only: a request should fail fast (503) while Neo4j is
    # down rather than wait for the driver's default 30 s of retries.
    return driver.session(
        database=database,
        default_access_mode=neo4j.READ_ACCESS,
        max_transaction_retry_time=READ_RETRY_S,
        notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF,
    )


# --- values ----------------------------------------------------------------------------------


_PLAIN = frozenset({int, float, str, bool, type(None)})


def native(value: Any) -> Any:
    """Neo4j temporal values to ``datetime`` values, recursively through lists and maps.

    Example:
        >>> native({"d": neo4j.time.Date(2021, 12, 2), "n": [1, 2]})
        {'d': datetime.date(2021, 12, 2), 'n': [1, 2]}
    """
    kind = type(value)
    if kind in _PLAIN:  # most values: skip the isinstance chain
        return value
    if kind is list:
        return [native(v) for v in value]
    if kind is dict:
        return {k: native(v) for k, v in value.items()}
    if isinstance(value, neo4j.time.Date | neo4j.time.DateTime | neo4j.time.Time):
        return value.to_native()
    if isinstance(value, list):
        return [native(v) for v in value]
    if isinstance(value, dict):
        return {k: native(v) for k, v in value.items()}
    return value


# --- events ----------------------------------------------------------------------------------


def _event_row(row: Row) -> Row:
    """Flatten a row of the ``_API_EVENT_FIELDS`` shape into one event dict."""
    event = dict(row["event"])
    for key in ("source", "target", "attributed_to", "place"):
        event[key] = row.get(key)
    if event["place"] is None:
        del event["place"]
    for key in ("source", "target", "attributed_to"):
        event[key] = sorted(event[key] or [], key=lambda a: a["id"])
    return event


def events_page(
    driver: neo4j.Driver,
    database: str,
    flt: GraphFilter,
    *,
    limit: int,
    after: tuple[dt.date, str] | None = None,
) -> list[Row]:
    """Events matching ``flt``, newest first (undated last), after the keyset ``after``.

    Args:
        after: ``(sort date, event id)`` of the last event of the previous page (undated
            events sort as 0001-01-01).
    """
    after_date, after_id = after if after else (None, None)
    rows = _read(
        driver,
        database,
        events_page_query(flt),
        "listing events",
        **flt.params(),
        after_date=after_date,
        after_id=after_id,
        limit=limit,
    )
    return [{**_event_row(r), "_sort_date": r["sort_date"]} for r in rows]


def events_page_query(flt: GraphFilter) -> str:
    """The events page query for ``flt``: it starts from the actors' events, else from the
    countries' actors' events, else from the events with the filter's type labels, else from
    every event (the planner may use the date index), and tests only the conditions ``flt``
    sets."""
    fields = flt.fields()
    start = next((f for f in ("actors", "countries") if f in fields), None)
    return queries.api_events_page(start, fields)


def event_detail(driver: neo4j.Driver, database: str, event_id: str) -> Row:
    """One event with every article that reported it and their evidence sentences.

    ``event_id`` may also be the id of an article-level event (as extraction returns it).

    Raises:
        NotFound: no such event.
    """
    rows = _read(driver, database, queries.API_EVENT_DETAIL, "reading an event", id=event_id)
    if not rows:
        alias = _read(
            driver, database, queries.API_EVENT_BY_REPORT, "reading an event", id=event_id
        )
        if alias:
            rows = _read(
                driver, database, queries.API_EVENT_DETAIL, "reading an event", id=alias[0]["id"]
            )
    if not rows:
        raise NotFound(f"no event with id {event_id!r}")
    event = _event_row(rows[0])
    event["reports"] = [_report(r) for r in rows[0]["reports"] or []]
    return event


def _report(raw: Row) -> Row:
    texts = raw.get("evidence") or []
    starts = raw.get("start") or []
    ends = raw.get("end") or []
    evidence = [
        {
            "text": text,
            "start": starts[i] if i < len(starts) else None,
            "end": ends[i] if i < len(ends) else None,
        }
        for i, text in enumerate(texts)
    ]
    return {
        "article": raw["article"],
        "article_event_id": raw.get("article_event_id"),
        "confidence": raw.get("confidence"),
        "evidence": evidence,
    }


# --- actors ----------------------------------------------------------------------------------


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


def resolve_actor(driver: neo4j.Driver, database: str, ref: str) -> str:
    """The id of the actor ``ref`` names: an id, an ISO3 code, or an exact name or alias.

    Raises:
        NotFound: nothing matches.
    """
    candidates = actor_candidates(ref)
    found = {
        r["id"]
        for r in _read(
            driver, database, queries.API_ACTOR_IDS, "resolving an actor", ids=candidates
        )
    }
    for candidate in candidates:
        if candidate in found:
            return candidate
    rows = _read(
        driver,
        database,
        queries.API_ACTOR_BY_NAME,
        "resolving an actor",
        name=ref.strip().lower(),
    )
    if not rows:
        raise NotFound(f"no actor {ref!r} (give an id like state:RUS, an ISO3 code or a name)")
    best = min(rows, key=lambda r: (r["rank"], r["id"]))
    return str(best["id"])


def actor_id_of(driver: neo4j.Driver, database: str, ref: str) -> str:
    """Like :func:`resolve_actor`, but a full id (``state:RUS``) is taken as it is, without a
    query: for callers whose next query raises ``NotFound`` for an unknown id anyway."""
    ref = ref.strip()
    return ref if ":" in ref else resolve_actor(driver, database, ref)


def search_actors(
    driver: neo4j.Driver,
    database: str,
    *,
    q: str | None,
    kind: str | None = None,
    country: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[int, list[Row]]:
    """Actors whose name, alias or id contains ``q`` (case-insensitive); best matches first.

    Returns:
        (total count, the page of actors).
    """
    needle = q.strip().lower() if q and q.strip() else None
    rows = _read(
        driver,
        database,
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
    return (int(rows[0]["count"]) if rows else 0), found


def actor_detail(driver: neo4j.Driver, database: str, actor_id: str) -> Row:
    """One actor with its affiliations, affiliated persons and number of events.

    Raises:
        NotFound: no such actor.
    """
    rows = _read(driver, database, queries.API_ACTOR_DETAIL, "reading an actor", id=actor_id)
    if not rows:
        raise NotFound(f"no actor with id {actor_id!r}")
    row = rows[0]
    return {
        **row["actor"],
        "aliases": row["actor"].get("aliases") or [],
        "event_count": row["event_count"],
        "affiliations": row["affiliations"],
        "members": row["members"],
    }


def actor_members(driver: neo4j.Driver, database: str, actor_id: str) -> tuple[Row, list[Row]]:
    """The actor and the persons affiliated with it (who count as the actor in relations).

    Raises:
        NotFound: no such actor.
    """
    rows = _read(driver, database, queries.API_ACTOR_MEMBERS, "reading an actor", id=actor_id)
    if not rows:
        raise NotFound(f"no actor with id {actor_id!r}")
    return rows[0]["actor"], sorted(rows[0]["members"], key=lambda a: a["id"])


def actor_relationships(
    driver: neo4j.Driver, database: str, actor_id: str, flt: GraphFilter, *, limit: int = 200
) -> list[Row]:
    """The actor's counterparts from its events (and its affiliated persons' events).

    A counterpart is an actor on the other side (target when the actor is the source, or
    source when it is the target) of at least one event matching ``flt``.
    """
    flt = flt.model_copy(update={"actors": ()})
    rows = _read(
        driver,
        database,
        queries.api_actor_relationships(flt.fields()),
        "reading relationships",
        **flt.params(),
        id=actor_id,
        limit=limit,
    )
    out = []
    for row in rows:
        types: Counter[str] = Counter(row.pop("types"))
        out.append({**row, "by_type": dict(sorted(types.items()))})
    return out


def actor_interactions(
    driver: neo4j.Driver, database: str, actor_id: str, *, limit: int = 200
) -> list[Row]:
    """The same shape as :func:`actor_relationships`, from the ``INTERACTS_WITH`` projection.

    Faster (no event is read) and used when no filter is given.
    """
    type_names = [str(t) for t in EventType]
    rows = _read(
        driver,
        database,
        queries.API_ACTOR_INTERACTIONS,
        "reading interactions",
        id=actor_id,
        limit=limit,
        type_names=type_names,
    )
    return [interaction_row(row, type_names) for row in rows]


def interaction_row(row: Row, type_names: list[str]) -> Row:
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


# --- relations, networks, paths ----------------------------------------------------------------


def relation_events(
    driver: neo4j.Driver, database: str, a: str, b: str, flt: GraphFilter, *, limit: int = 1000
) -> list[Row]:
    """Events between ``a`` (or its affiliated persons) and ``b`` (or theirs), oldest first."""
    flt = flt.model_copy(update={"actors": ()})
    rows = _read(
        driver,
        database,
        queries.api_relation_events(flt.fields()),
        "reading a relation",
        **flt.params(),
        a=a,
        b=b,
        limit=limit,
    )
    return [_event_row(r) for r in rows]


@dataclass(frozen=True, slots=True)
class MonthBucket:
    month: str
    count: int
    cooperation: int
    conflict: int
    goldstein_sum: float


def month_buckets(events: Iterable[Row]) -> tuple[list[MonthBucket], int]:
    """Events by month: count, cooperation (quad class 1-2), conflict (3-4), Goldstein sum.

    Returns:
        (the months in order, the number of undated events left out).
    """
    counts: dict[str, list[float]] = {}
    undated = 0
    for event in events:
        date = event.get("date")
        if date is None:
            undated += 1
            continue
        bucket = counts.setdefault(f"{date.year:04d}-{date.month:02d}", [0, 0, 0, 0.0])
        quad = event.get("quad_class") or 0
        bucket[0] += 1
        bucket[1] += 1 if quad in (1, 2) else 0
        bucket[2] += 1 if quad in (3, 4) else 0
        bucket[3] += float(event.get("goldstein") or 0.0)
    months = [
        MonthBucket(m, int(v[0]), int(v[1]), int(v[2]), round(v[3], 6))
        for m, v in sorted(counts.items())
    ]
    return months, undated


def ego_network(
    driver: neo4j.Driver, database: str, actor_id: str, depth: int, *, cap: int = 500
) -> tuple[list[Row], list[Row], bool]:
    """Actors within ``depth`` interaction or affiliation steps of ``actor_id``.

    Returns:
        (nodes, edges, truncated): at most ``cap`` nodes; ``truncated`` when more were near.
    """
    if not 1 <= depth <= MAX_DEPTH:
        raise QueryRejected(f"depth must be between 1 and {MAX_DEPTH}, got {depth}")
    start = _read(driver, database, queries.API_ACTORS_BY_ID, "reading a network", ids=[actor_id])
    nodes: dict[str, Row] = {r["actor"]["id"]: r["actor"] for r in start}
    if not nodes:
        raise NotFound(f"no actor with id {actor_id!r}")
    edges: dict[tuple[str, str, str], Row] = {}
    frontier = [actor_id]
    truncated = False
    for _ in range(depth):
        rows = _read(
            driver,
            database,
            queries.API_NETWORK_STEP,
            "reading a network",
            frontier=frontier,
            cap=cap * 4,
        )
        nxt = []
        for row in rows:
            other = row["other"]
            if other["id"] not in nodes:
                if len(nodes) >= cap:
                    truncated = True
                    continue
                nodes[other["id"]] = other
                nxt.append(other["id"])
            key = (row["source"], row["target"], row["rel"])
            edges[key] = {k: row[k] for k in ("source", "target", "rel", "count")}
        frontier = nxt
        if not frontier:
            break
    kept = [e for e in edges.values() if e["source"] in nodes and e["target"] in nodes]
    return (
        list(nodes.values()),
        sorted(kept, key=lambda e: (e["source"], e["target"], e["rel"])),
        truncated,
    )


def shortest_paths(
    driver: neo4j.Driver,
    database: str,
    source: str,
    target: str,
    *,
    max_length: int = 4,
    limit: int = 10,
) -> list[Row]:
    """All shortest paths (at most ``limit``) between two actors over interactions and
    affiliations, no longer than ``max_length`` steps (at most ``MAX_PATH_LENGTH``)."""
    if not 1 <= max_length <= MAX_PATH_LENGTH:
        raise QueryRejected(f"max_length must be between 1 and {MAX_PATH_LENGTH}")
    if source == target:
        nodes = _read(driver, database, queries.API_ACTORS_BY_ID, "reading a path", ids=[source])
        return [{"length": 0, "nodes": [n["actor"] for n in nodes], "edges": []}]
    rows = _read(
        driver,
        database,
        queries.API_SHORTEST_PATHS,
        "searching paths",
        source=source,
        target=target,
        max_length=max_length,
        limit=limit,
    )
    return [{"length": len(r["edges"]), "nodes": r["nodes"], "edges": r["edges"]} for r in rows]


# --- server, stats ---------------------------------------------------------------------


def stats(driver: neo4j.Driver, database: str) -> Row:
    """Node and report counts, and events by type."""
    row = _read(driver, database, queries.API_STATS, "counting")[0]
    by_type = _read(driver, database, queries.API_EVENTS_BY_TYPE, "counting")
    return {**row, "events_by_type": {r["type"]: r["count"] for r in by_type if r["type"]}}


def graph_version(driver: neo4j.Driver, database: str) -> str:
    """A token that changes whenever a write to ``database`` commits, from any client.

    It is the bookmark of a trivial read transaction: Neo4j answers a read with the position
    of the last committed transaction it saw, so two equal tokens mean the same database
    state. Used by the API's read cache to tell whether a stored answer is still current.
    """
    with _neo4j_errors("reading the graph version"), _session(driver, database) as session:
        session.run(queries.API_VERSION_PROBE).consume()
        return ",".join(sorted(session.last_bookmarks().raw_values))


def server_version(driver: neo4j.Driver, database: str) -> str:
    """``"Neo4j Kernel 5.26.x community"``; raises ``GraphUnavailable`` when unreachable."""
    rows = _read(driver, database, queries.API_COMPONENTS, "asking the server version")
    return ", ".join(f"{r['name']} {r['version']} {r['edition']}" for r in rows)
