"""Change records: what each write transaction may have changed, for the API's read cache.

The writer ends every transaction with one ``:GraphChange`` record (:func:`record`, in the same
transaction, so the record commits exactly when the write does); :func:`record` also
refreshes the counterpart summaries (``graph.summaries``) of the actors it names. A record's
scope is

* ``none``: nothing changed (every article was already stored with the same content);
* ``scoped``: the events of the written articles (before and after), their actors and the
  orgs those act for, the written actors, and the countries and PLOVER types of those events
  are the only things that changed;
* ``all``: anything may have changed: an actor or place that answers show about others was
  renamed (name, kind, country, coordinates), or the batch is a bulk load (more than
  ``SCOPED_MAX_EVENTS`` events: it touches most answers anyway).

Readers (:func:`read_changes`) see the records after a sequence number, plus the position of
the last committed transaction (from the bookmark, :func:`bookmark_position`). When the
number of transactions between two positions equals the number of records between them, every
write in between was one of dekg's and its record says what it changed; otherwise (a write by
Neo4j Browser, a schema change, an internal token transaction, pruned records) the reader must
treat everything as changed. Correctness never depends on a writer recording: a write without
a record only costs the cache its answers.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import neo4j

from graph import queries, summaries
from graph.identity import place_id
from graph.props import event_actors, stub_actor
from graph.session import Graph, neo4j_errors
from ontology.model import Actor, ActorKind, Article, Event

#: Larger batches are recorded as ``all`` without looking at what they touched.
SCOPED_MAX_EVENTS = 200
#: Records kept (older ones are deleted by the writer; a reader that fell behind further
#: treats everything as changed).
KEEP = 10_000
SCOPES = ("none", "scoped", "all")


class _Item(Protocol):
    @property
    def article(self) -> Article: ...
    @property
    def events(self) -> tuple[Event, ...]: ...
    @property
    def actors(self) -> tuple[Actor, ...]: ...


@dataclass(slots=True)
class Before:
    """What a batch looked like before the write (taken after its articles were locked)."""

    articles: list[str]
    actors: dict[str, list[Any]]
    places: dict[str, list[Any]]
    lost: tuple[set[str], set[str], set[str]]  # actors, countries, types of replaced events
    bulk: bool = False  # more than SCOPED_MAX_EVENTS: only ``lost`` was read


def _actor_ids(items: Sequence[_Item]) -> list[str]:
    ids: set[str] = set()
    for item in items:
        for actor in (*item.actors, *(a for e in item.events for a in event_actors(e))):
            ids.add(actor.id)
            if actor.kind == ActorKind.PERSON and actor.affiliation:
                ids.add(stub_actor(actor.affiliation).id)
    return sorted(ids)


def _place_ids(items: Sequence[_Item]) -> list[str]:
    return sorted({place_id(e.place) for i in items for e in i.events if e.place is not None})


def _fields(tx: neo4j.ManagedTransaction, query: str, ids: list[str]) -> dict[str, Any]:
    return {r["id"]: r for r in tx.run(query, ids=ids)} if ids else {}


def _article_events(
    tx: neo4j.ManagedTransaction, ids: list[str]
) -> tuple[set[str], set[str], set[str]]:
    if not ids:
        return set(), set(), set()
    row = tx.run(queries.CHANGE_ARTICLE_EVENTS, ids=ids).single()
    if row is None:
        return set(), set(), set()
    return set(row["actors"]), set(row["countries"]), set(row["types"])


def before(
    tx: neo4j.ManagedTransaction, items: Sequence[_Item], replaced: Sequence[str]
) -> Before | None:
    """The state :func:`record` compares with; for a bulk batch (recorded as ``all``) only
    what the replaced articles' events were (whose actors' summaries go)."""
    if sum(len(i.events) for i in items) > SCOPED_MAX_EVENTS:
        return Before([], {}, {}, _article_events(tx, sorted(replaced)), bulk=True)
    actors = _fields(tx, queries.CHANGE_ACTORS, _actor_ids(items))
    places = _fields(tx, queries.CHANGE_PLACES, _place_ids(items))
    return Before(
        articles=sorted(i.article.id for i in items),
        actors={k: r["fields"] for k, r in actors.items()},
        places={k: r["fields"] for k, r in places.items()},
        lost=_article_events(tx, sorted(replaced)),
    )


def _renamed(old: dict[str, list[Any]], new: dict[str, Any]) -> bool:
    return any(k in new and new[k]["fields"] != fields for k, fields in old.items())


def record(tx: neo4j.ManagedTransaction, items: Sequence[_Item], state: Before | None) -> None:
    """Write the change record of this transaction (its last statement).

    ``state`` is what :func:`before` returned; with no ``items`` (or no ``state``) the record
    says nothing changed. A bulk batch drops the summaries of the actors it may have changed
    (the batch's actors, the replaced events' actors and the orgs of both; the others stay
    exact) instead of recomputing them: reads use the live query until the next small write
    of the actor or ``summaries.rebuild``.
    """
    if not items or state is None:
        _write(tx, "none", (), (), ())
        return
    if state.bulk:
        summaries.drop(tx, {*_actor_ids(items), *state.lost[0]})
        _write(tx, "all", (), (), ())
        return
    actors = _fields(tx, queries.CHANGE_ACTORS, _actor_ids(items))
    places = _fields(tx, queries.CHANGE_PLACES, _place_ids(items))
    renamed = _renamed(state.actors, actors) or _renamed(state.places, places)
    now_actors, now_countries, types = _article_events(tx, state.articles)
    lost_actors, lost_countries, lost_types = state.lost
    ids = set(actors) | now_actors | lost_actors
    ids |= {o for r in actors.values() for o in r["orgs"]}
    summaries.refresh(tx, ids)  # derived from what changed: the same actors
    if renamed:
        _write(tx, "all", (), (), ())
        return
    countries = now_countries | lost_countries | {r["fields"][2] for r in actors.values()}
    _write(tx, "scoped", ids, countries, types | lost_types)


def _write(
    tx: neo4j.ManagedTransaction,
    scope: str,
    actors: Iterable[str],
    countries: Iterable[str | None],
    types: Iterable[str | None],
) -> None:
    tx.run(
        queries.RECORD_CHANGE,
        scope=scope,
        actors=sorted(actors),
        countries=sorted(c for c in countries if c),
        types=sorted(t for t in types if t),
        keep=KEEP,
    ).consume()


# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Change:
    seq: int
    scope: str
    actors: frozenset[str]
    countries: frozenset[str]
    types: frozenset[str]


@dataclass(frozen=True, slots=True)
class Position:
    """Where the database stands: its bookmark, the last committed transaction's number
    (``None`` when the bookmark cannot be decoded) and the last change record's number."""

    bookmark: str
    tx: int | None
    seq: int


def _bookmark(session: neo4j.Session) -> str:
    return ",".join(sorted(session.last_bookmarks().raw_values))


def read_changes(graph: Graph, since: int, *, limit: int = 1000) -> tuple[list[Change], str]:
    """The change records after ``since`` (at most ``limit``), and a bookmark taken after
    they were read (every record read committed at or before it)."""
    with neo4j_errors("reading changes"), graph.session() as session:
        rows = list(session.run(queries.CHANGES_SINCE, since=since, limit=limit))
        session.run(queries.API_VERSION_PROBE).consume()
        bookmark = _bookmark(session)
    changes = [
        Change(
            int(r["seq"]),
            str(r["scope"]),
            frozenset(r["actors"] or ()),
            frozenset(r["countries"] or ()),
            frozenset(r["types"] or ()),
        )
        for r in rows
    ]
    return changes, bookmark


def read_head(graph: Graph) -> Position:
    """The current position (the last record's number read before the bookmark)."""
    with neo4j_errors("reading changes"), graph.session() as session:
        seq = int(session.run(queries.CHANGE_HEAD).single(strict=True)["seq"])
        bookmark = _bookmark(session)
    return Position(bookmark, bookmark_position(bookmark), seq)


def observe(graph: Graph, since: Position | None) -> tuple[Position, list[Change] | None]:
    """Where the graph stands now and what changed since ``since``.

    Returns:
        (the new position, the changes in between: empty when the bookmark did not move,
        ``None`` when they cannot be accounted for — treat everything as changed).

    Raises:
        GraphError: Neo4j cannot be read (``graph.session`` translates the driver's errors).
    """
    with neo4j_errors("reading changes"), graph.session() as session:
        session.run(queries.API_VERSION_PROBE).consume()
        probe = _bookmark(session)
    if since is not None and probe == since.bookmark:
        return since, []
    if since is None:
        return read_head(graph), None
    found, bookmark = read_changes(graph, since.seq)
    tx = bookmark_position(bookmark)
    seq = max([since.seq, *(c.seq for c in found)])
    return Position(bookmark, tx, seq), scoped_changes(since, found, tx)


def scoped_changes(
    old: Position, changes: Sequence[Change], new_tx: int | None
) -> list[Change] | None:
    """The changes between ``old`` and a position at transaction ``new_tx``, or ``None`` when
    they do not account for every transaction in between (treat everything as changed).

    Example:
        >>> c = Change(6, "scoped", frozenset({"state:MLI"}), frozenset(), frozenset())
        >>> scoped_changes(Position("b", 41, 5), [c], 42) == [c]
        True
        >>> scoped_changes(Position("b", 41, 5), [c], 43) is None  # one write without a record
        True
    """
    if old.tx is None or new_tx is None:
        return None
    if [c.seq for c in changes] != list(range(old.seq + 1, old.seq + 1 + len(changes))):
        return None
    if new_tx - old.tx != len(changes) or any(c.scope not in SCOPES for c in changes):
        return None
    return list(changes)


def bookmark_position(bookmark: str) -> int | None:
    """The number of the last committed transaction a bookmark names, ``None`` if unknown.

    Neo4j 5 bookmarks are ``FB:`` and base64 of a PackStream list with one
    (database uuid bytes, transaction number) pair and an empty list of external graphs.
    The format is Neo4j's own: anything else gives ``None`` (the reader then treats every
    new bookmark as "everything changed").

    Example:
        >>> bookmark_position("FB:kcwQBbEA1gzxSkSlP5sAQA7ngskBDJA=")
        268
        >>> bookmark_position("something else") is None
        True
    """
    if "," in bookmark or not bookmark.startswith("FB:"):
        return None
    try:
        raw = base64.b64decode(bookmark[3:], validate=True)
    except ValueError:
        return None
    if len(raw) < 20 or raw[0] != 0x91 or raw[1:3] != b"\xcc\x10":
        return None
    tx, end = _packstream_int(raw, 19)
    return tx if tx is not None and raw[end:] == b"\x90" else None


def _packstream_int(raw: bytes, at: int) -> tuple[int | None, int]:
    if at >= len(raw):
        return None, at
    marker = raw[at]
    if marker < 0x80:
        return marker, at + 1
    sizes = {0xC8: 1, 0xC9: 2, 0xCA: 4, 0xCB: 8}
    size = sizes.get(marker)
    if size is None or at + 1 + size > len(raw):
        return None, at
    return int.from_bytes(raw[at + 1 : at + 1 + size], "big", signed=True), at + 1 + size
