"""The batched, idempotent loader: extraction results in, one Neo4j transaction per batch.

All the writes of one article go into one transaction (a batch holds several articles for
throughput; when a batch fails on bad data it is retried article by article, so one bad
article is reported and the others land). Articles already stored with the same content hash
are skipped ("unchanged"), which also makes an interrupted run resumable. A load with a bulk
batch (more than ``changes.SCOPED_MAX_EVENTS`` events) ends by summarising every actor left
without a counterpart summary (``graph.summaries``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import neo4j

from graph import DataRejected, GraphError, changes, queries, summaries
from graph.identity import DATE_WINDOW, Candidate, fingerprint, place_id, resolve
from graph.interactions import addition_rows, event_pairs, recount_interactions
from graph.props import (
    actor_props,
    article_props,
    content_hash,
    event_actors,
    event_props,
    merge_actors,
    place_props,
    reported_in_props,
    stub_actor,
)
from graph.session import Graph
from graph.values import native
from ontology.model import Actor, ActorKind, Article, Event, ExtractionResult
from ontology.outcome import ItemCounts, ItemError


class ItemRejected(GraphError):
    """One input item cannot be written (inconsistent or refused data)."""


@dataclass(slots=True, kw_only=True)
class WriteReport(ItemCounts):
    """What a write did: article outcomes, events and actors written, per-item errors."""

    actors: int = 0
    errors: list[ItemError] = field(default_factory=list)

    def add(self, other: WriteReport) -> None:
        self.written += other.written
        self.unchanged += other.unchanged
        self.failed += other.failed
        self.events += other.events
        self.actors += other.actors
        self.errors.extend(other.errors)

    def fail(self, item: str, error: str, error_kind: str | None) -> None:
        self.failed += 1
        self.errors.append(ItemError(item, error, error_kind))


@dataclass(frozen=True, slots=True)
class _Prepared:
    item: str
    article: Article
    events: tuple[Event, ...]
    actors: tuple[Actor, ...]
    hash: str


def _prepare(result: ExtractionResult) -> _Prepared:
    article = result.article
    if article is None:
        raise ItemRejected("the result has neither an article nor an error")
    for event in result.events:
        if not isinstance(event, Event):
            raise ItemRejected(f"not an ontology Event: {type(event).__name__}")
        if event.article_id != article.id:
            raise ItemRejected(
                f"event {event.id} belongs to article {event.article_id!r}, not {article.id!r}"
            )
    return _Prepared(result.item, article, result.events, result.actors, content_hash(result))


class GraphWriter:
    """Loads articles and their events into Neo4j.

    Args:
        graph: the driver (the caller owns it) and the database.
        batch_size: events per transaction (articles are never split across transactions).

    Example:
        >>> writer = GraphWriter(Graph(driver, "neo4j"))  # doctest: +SKIP
        >>> writer.write_results(extractor.extract_many(articles))  # doctest: +SKIP
        WriteReport(written=..., unchanged=0, failed=0, ...)
    """

    def __init__(self, graph: Graph, batch_size: int = 1000) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self._graph = graph
        self._batch_size = batch_size

    def write_article(
        self, article: Article, events: Sequence[Event], actors: Sequence[Actor] = ()
    ) -> WriteReport:
        """Write one article with its events in one transaction."""
        result = ExtractionResult(
            item=article.id, article=article, events=tuple(events), actors=tuple(actors)
        )
        return self.write_results([result])

    def write_results(self, results: Iterable[ExtractionResult]) -> WriteReport:
        """Write every successful result; failed or rejected items are counted with their error.

        Only data Neo4j refuses (``DataRejected``) fails an article; anything else stops the
        run, so a busy or unreachable database is never reported as bad articles.

        Raises:
            GraphUnavailable: Neo4j went away or stayed busy (what was committed before
                stays; run again).
        """
        report = WriteReport()
        bulk = False
        for batch in self._batches(results, report):
            report.add(self._flush(batch))
            bulk = bulk or sum(len(p.events) for p in batch) > changes.SCOPED_MAX_EVENTS
        if bulk:  # bulk batches dropped the summaries they may have changed: put them back
            summaries.rebuild_missing(self._graph)
        return report

    def _batches(
        self, results: Iterable[ExtractionResult], report: WriteReport
    ) -> Iterator[list[_Prepared]]:
        batch: list[_Prepared] = []
        ids: set[str] = set()
        size = 0
        for result in results:
            if not result.ok:
                report.fail(result.item, result.error or "", result.error_kind or "Error")
                continue
            try:
                prepared = _prepare(result)
            except ItemRejected as e:
                report.fail(result.item, str(e), type(e).__name__)
                continue
            if prepared.article.id in ids:  # the same article twice: the later one in a later tx
                yield batch
                batch, ids, size = [], set(), 0
            batch.append(prepared)
            ids.add(prepared.article.id)
            size += max(1, len(prepared.events))
            if size >= self._batch_size:
                yield batch
                batch, ids, size = [], set(), 0
        if batch:
            yield batch

    def _flush(self, batch: list[_Prepared]) -> WriteReport:
        try:
            return self._graph.write_tx(_write_batch, "writing articles", batch)
        except DataRejected as e:
            if len(batch) == 1:
                cause = e.__cause__ or e
                report = WriteReport()
                error = f"Neo4j refused the article: {cause}"
                report.fail(batch[0].item, error, type(cause).__name__)
                return report
        report = WriteReport()
        for prepared in batch:
            report.add(self._flush([prepared]))
        return report


def _write_batch(tx: neo4j.ManagedTransaction, batch: list[_Prepared]) -> WriteReport:
    report = WriteReport()
    ids = sorted(p.article.id for p in batch)
    stored = {r["id"]: r["content_hash"] for r in tx.run(queries.LOCK_ARTICLES, ids=ids)}
    todo = [p for p in batch if stored.get(p.article.id) != p.hash]
    unchanged = [p.article.id for p in batch if stored.get(p.article.id) == p.hash]
    report.unchanged = len(unchanged)
    if unchanged:
        tx.run(queries.UNLOCK_ARTICLES, ids=unchanged).consume()
    if not todo:
        changes.record(tx, todo, None)
        return report

    pairs: set[tuple[str, str]] = set()
    touched: set[str] = set()
    replaced = [p.article.id for p in todo if stored.get(p.article.id) is not None]
    before = changes.before(tx, todo, replaced)  # for the change record (graph.changes)
    if replaced:
        lost = [r["id"] for r in tx.run(queries.DETACH_REPORTS, ids=replaced)]
        pairs |= {(r["s"], r["t"]) for r in tx.run(queries.EVENT_PAIRS, ids=lost)}
        tx.run(queries.DELETE_UNREPORTED_EVENTS, ids=lost).consume()
        touched |= set(lost)

    actors = _write_nodes(tx, todo)
    events = [e for p in todo for e in p.events]
    candidates, existing = _lookup(tx, events)
    mapping = resolve(events, candidates)
    touched |= _merged_events(events, mapping)  # an event created from one report has its counts
    created = [e for e in events if mapping[e.id] == e.id]  # merged reports add no pair
    tx.run(
        queries.WRITE_EVENTS,
        _event_rows(events, mapping, existing),
        touched=sorted(touched),
        pairs=[] if replaced else addition_rows(created),
    ).consume()
    if replaced:
        recount_interactions(tx, pairs | {pair for e in created for pair in event_pairs(e)})
    changes.record(tx, todo, before)  # the change record; refreshes the summaries too

    report.written = len(todo)
    report.events = len(events)
    report.actors = actors
    return report


def _write_nodes(tx: neo4j.ManagedTransaction, todo: list[_Prepared]) -> int:
    """The batch's articles, actors, affiliations and places (``WRITE_NODES``)."""
    every = [a for p in todo for a in (*p.actors, *(x for e in p.events for x in event_actors(e)))]
    actors = merge_actors(every)
    # Every affiliation stated in the batch, in input order (not only the merged actor's):
    # the same edges as when the articles come in separate transactions.
    stated = (
        a for a in every if a.kind == ActorKind.PERSON and a.affiliation and a.affiliation != a.id
    )
    rows_seen = {(a.id, a.affiliation, a.role, a.sector): a for a in stated}
    places = {
        place_id(e.place): place_props(e.place, place_id(e.place))
        for p in todo
        for e in p.events
        if e.place is not None
    }
    tx.run(
        queries.WRITE_NODES,
        articles=[article_props(p.article, p.hash, len(p.events)) for p in todo],
        actors=[actor_props(actors[k]) for k in sorted(actors)],
        affiliations=[_affiliation_row(a) for a in rows_seen.values()],
        places=[places[k] for k in sorted(places)],
    ).consume()
    return len(actors)


def _affiliation_row(person: Actor) -> dict[str, Any]:
    """The org a person acts for (id, name, kind: a stub when it is unknown so far) with the
    person's role and sector, which go on the ``AFFILIATED_WITH`` relationship."""
    org = stub_actor(person.affiliation or "")
    update = {"role": person.role, "sector": person.sector}
    return {"person": person.id, **actor_props(org.model_copy(update=update))}


def _lookup(tx: neo4j.ManagedTransaction, events: list[Event]) -> tuple[list[Candidate], set[str]]:
    """The stored events that may be the same happening as one of ``events`` (each once,
    however many reports looked it up), and which of the events' ids are stored already
    (``LOOKUP_EVENTS``)."""
    rows = []
    for event in events:
        fp = fingerprint(event)
        if fp is not None and event.date is not None:
            rows.append(
                {
                    "fingerprint": fp,
                    "date_from": event.date - DATE_WINDOW,
                    "date_to": event.date + DATE_WINDOW,
                }
            )
    ids = sorted({e.id for e in events})
    record = tx.run(queries.LOOKUP_EVENTS, lookups=rows, event_ids=ids).single(strict=True)
    found = [
        Candidate(
            c["id"], c["fingerprint"], native(c["date"]), c["place_id"], frozenset(c["article_ids"])
        )
        for c in record["candidates"]
    ]
    return found, set(record["existing"])


def _event_rows(
    events: list[Event], mapping: dict[str, str], existing: set[str]
) -> dict[str, list[dict[str, Any]]]:
    """``$created`` (new graph events, CREATEd) and ``$added`` (MERGEd: the reports joining a
    graph event, and the events stored already) of ``WRITE_EVENTS``."""
    stored = set(existing)
    created, added = [], []
    placed: set[str] = set()
    for e in events:
        gid = mapping[e.id]
        place = None
        if e.place is not None and gid not in placed:  # the first known place of the batch
            placed.add(gid)
            place = place_id(e.place)
        if gid == e.id and gid not in stored:
            stored.add(gid)  # the same id again (one article naming it twice) is MERGEd
            created.append(_created_row(e, place))
        else:
            added.append(_added_row(e, gid, place))
    return {"created": created, "added": added}


def _created_row(e: Event, place: str | None) -> dict[str, Any]:
    return {
        "article_id": e.article_id,
        "props": event_props(e),
        "report": reported_in_props(e),
        "source": sorted({a.id for a in e.source}),
        "target": sorted({a.id for a in e.target}),
        "attributed_to": sorted({a.id for a in e.attributed_to}),
        "place": [place] if place else [],
    }


def _added_row(e: Event, gid: str, place: str | None) -> dict[str, Any]:
    roles = [("ATTRIBUTED_TO", e.attributed_to)]
    if gid == e.id:
        roles += [("SOURCE", e.source), ("TARGET", e.target)]
    return {
        "event_id": gid,
        "article_id": e.article_id,
        "props": event_props(e),
        "report": reported_in_props(e),
        "links": [{"actor_id": a.id, "rel": rel} for rel, group in roles for a in group],
        "place_id": place,
    }


def _merged_events(events: list[Event], mapping: dict[str, str]) -> set[str]:
    """Graph events whose counts change beyond their first report: a stored event that got a
    new report, or a new one reported by several articles of the batch."""
    reports: dict[str, int] = defaultdict(int)
    for e in events:
        reports[mapping[e.id]] += 1
    return {gid for e in events if (gid := mapping[e.id]) != e.id or reports[gid] > 1}
