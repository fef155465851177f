"""The one entry point of extraction: articles in, ``ExtractionResult``s out.

For each article: ``prepare_article`` (cleaning, language, document date) → the body and each
photo caption as separate docs through the pipeline (``nlp.pipe`` batches) → candidates →
dated, placed ``Event``s → merged per happening. An ``IngestError`` of one item becomes that
item's error result; the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import Protocol

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ingest import IngestError, clauses
from ingest.candidate import Candidate, get_candidates
from ingest.dates import explicit_dates
from ingest.event_time import event_date
from ingest.mentions import get_actors, places_in
from ingest.merge import event_id, merge_events
from ingest.prepare import prepare_article
from ontology.model import (
    Actor,
    Article,
    DatePrecision,
    Event,
    Evidence,
    ExtractionResult,
    Modality,
    Place,
)
from ontology.plover import EventType, goldstein, mode_of, quad_class

# Types that need a target unless the source is compound ("Russia and Ukraine clashed").
TARGET_REQUIRED = frozenset(
    {
        EventType.CONSULT,
        EventType.SUPPORT,
        EventType.REQUEST,
        EventType.ACCUSE,
        EventType.THREATEN,
        EventType.SANCTION,
        EventType.COERCE,
        EventType.ASSAULT,
        EventType.AID,
        EventType.COOPERATE,
    }
)
_RECIPROCAL = frozenset(
    {EventType.CONSULT, EventType.COOPERATE, EventType.AGREE, EventType.SUPPORT, EventType.ASSAULT}
)


# Verbs whose compound subject acts on each other ("Russia and Ukraine clashed").
RECIPROCAL_VERBS = frozenset(
    {
        "meet",
        "talk",
        "agree",
        "clash",
        "fight",
        "cooperate",
        "negotiate",
        "sign",
        "confer",
        "consult",
        "collaborate",
    }
)


class ExtractionFailed(IngestError):
    """A pipeline component failed on this item's text (the batch goes on without it)."""


class ReadItemLike(Protocol):
    @property
    def label(self) -> str: ...
    @property
    def article(self) -> Article | None: ...
    @property
    def error(self) -> Exception | None: ...


Item = Article | ReadItemLike


@dataclass(frozen=True, slots=True)
class _Job:
    """One item after preparation: its article, or the error that stopped it."""

    label: str
    article: Article | None
    error: str | None = None
    error_kind: str | None = None


def _prepare(item: Item | _Job) -> _Job:
    if isinstance(item, _Job):
        return item
    article: Article | None
    error: Exception | None
    if isinstance(item, Article):
        label, article, error = item.id, item, None
    else:
        label, article, error = item.label, item.article, item.error
    if error is not None or article is None:
        message = str(error) if error is not None else "no article"
        return _Job(label, None, message, type(error).__name__ if error else "InputError")
    try:
        return _Job(label, prepare_article(article))
    except IngestError as e:
        return _Job(label, None, str(e), type(e).__name__)


def keep(candidate: Candidate, token: Token | None = None) -> bool:
    """Precision filter: a source, and a target where the type needs one; an agreement
    without a target needs two parties or a stated content ("agreed to share information")."""
    if not candidate.source:
        return False
    if candidate.target:
        return True
    if len(candidate.source) >= 2 and candidate.type in _RECIPROCAL:
        return True
    if candidate.type is EventType.AGREE:
        stated = token is None or any(
            c.dep_ in {"xcomp", "ccomp", "prep", "acomp"} for c in token.children
        )
        return candidate.modality is Modality.ASSERTED and stated
    return candidate.type not in TARGET_REQUIRED


def _evidence(doc: Doc, candidate: Candidate, offset: int) -> Evidence:
    sent: Span = doc[candidate.sent_start : candidate.sent_end]
    text = sent.text
    lead = len(text) - len(text.lstrip())
    stripped = text.strip()
    start = sent.start_char + lead + offset
    return Evidence(
        text=stripped, start=start, end=start + len(stripped), trigger=candidate.trigger_text
    )


_CLAUSE_TOPS = frozenset({"ccomp", "advcl", "pcomp", "relcl", "acl", "conj", "parataxis"})


def clause_top(token: Token) -> Token:
    """The head of the smallest clause containing the token."""
    current = token
    for _ in range(32):
        head, dep = clauses.effective_head(current)
        if head.i == current.i or dep in _CLAUSE_TOPS:
            return current
        current = head
    return current


def _place(doc: Doc, candidate: Candidate) -> Place | None:
    """The place named in the trigger's own clause, nearest to the trigger."""
    found = places_in(doc, candidate.sent_start, candidate.sent_end)
    if not found:
        return None
    region = {t.i for t in clause_top(doc[candidate.token]).subtree}
    inside = [p for p in found if p.start in region and not clauses.in_condition(doc[p.start])]
    if not inside:
        return None
    return min(inside, key=lambda p: abs(p.start - candidate.token)).place


def _registry_version(actors: tuple[Actor, ...], registry: dict[str, Actor]) -> tuple[Actor, ...]:
    return tuple(registry.get(a.id, a) for a in actors)


def doc_events(
    doc: Doc, article: Article, anchor: dt.date | None, *, offset: int = 0
) -> tuple[list[Event], set[str]]:
    """The events of one processed doc (body or caption), not yet merged, and the ids of
    those whose date is only the assumed document date."""
    loose: set[str] = set()
    registry = get_actors(doc)
    events: list[Event] = []
    for candidate in get_candidates(doc):
        token = doc[candidate.token]
        if not keep(candidate, token):
            continue
        future = candidate.modality in {Modality.FUTURE, Modality.HYPOTHETICAL}
        date, precision, explicit = event_date(token, anchor, future=future)
        if candidate.modality is Modality.HISTORICAL and not explicit:
            date, precision = None, DatePrecision.UNKNOWN
        evidence = _evidence(doc, candidate, offset)
        # Two events of one type in one sentence would share the contract id; the loose set
        # must tell them apart ("delivered the warning …, a day after declaring …").
        key = _unique_id(event_id(article.id, evidence, candidate.type), events)
        if not explicit:
            loose.add(key)
        target = candidate.target
        if not target and len(candidate.source) >= 2 and token.lemma_.lower() in RECIPROCAL_VERBS:
            target = candidate.source[1:]
        events.append(
            Event(
                id=key,
                article_id=article.id,
                type=candidate.type,
                mode=mode_of(candidate.cameo),
                cameo=candidate.cameo,
                quad_class=quad_class(candidate.type),
                goldstein=goldstein(candidate.cameo),
                source=_registry_version(candidate.source, registry),
                target=_registry_version(target, registry),
                date=date,
                date_precision=precision if date is not None else DatePrecision.UNKNOWN,
                place=_place(doc, candidate),
                modality=candidate.modality,
                attributed_to=_registry_version(candidate.attributed_to, registry),
                confidence=_confidence(candidate),
                evidence=(evidence,),
            )
        )
    return events, loose


def _unique_id(base: str, events: Iterable[Event]) -> str:
    """``base``, numbered ``-2``, ``-3`` … when one of the events already has it."""
    taken = {e.id for e in events}
    unique, suffix = base, 2
    while unique in taken:
        unique, suffix = f"{base}-{suffix}", suffix + 1
    return unique


def _confidence(candidate: Candidate) -> float:
    value = candidate.confidence
    if not candidate.target:
        value *= 0.8
    if candidate.modality in {Modality.NEGATED, Modality.HYPOTHETICAL}:
        value *= 0.9
    return round(max(0.05, min(1.0, value)), 3)


def _caption_date(caption: str, fallback: dt.date | None) -> dt.date | None:
    found = explicit_dates(caption)
    return max(found) if found else fallback


def third_party(event: Event) -> Event:
    """A meeting in a country none of its participants belongs to is CAMEO 044."""
    if event.type is not EventType.CONSULT or event.cameo != "040" or event.place is None:
        return event
    countries = {a.country for a in (*event.source, *event.target) if a.country}
    if not countries or event.place.country is None or event.place.country in countries:
        return event
    return event.model_copy(
        update={"cameo": "044", "mode": mode_of("044"), "goldstein": goldstein("044")}
    )


def _unique_ids(events: list[Event]) -> list[Event]:
    """Two happenings of one type in one sentence share an evidence span: number the later."""
    out: list[Event] = []
    for event in events:
        unique = _unique_id(event.id, out)
        out.append(event if unique == event.id else event.model_copy(update={"id": unique}))
    return out


class Extractor:
    """Articles → events with a dekg pipeline (see ``ingest.nlp.load_pipeline``)."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        if "dekg_event_arguments_v1" not in nlp.pipe_names:
            raise IngestError(
                "the pipeline has no dekg_event_arguments_v1 component; use load_pipeline"
            )

    def extract(self, article: Article) -> ExtractionResult:
        """Events of one article (or its error as a result)."""
        return next(self.extract_many([article]))

    def extract_many(
        self, articles: Iterable[Item], *, batch_size: int = 32, n_process: int = 1
    ) -> Iterator[ExtractionResult]:
        """Results in input order; ``n_process > 1`` spreads batches over worker processes."""
        chunks = _chunks(iter(articles), max(1, batch_size))
        if n_process > 1:
            yield from self._parallel(chunks, batch_size, n_process)
            return
        for chunk in chunks:
            yield from self.process_chunk(chunk, batch_size)

    def process_chunk(self, chunk: Sequence[Item], batch_size: int = 32) -> list[ExtractionResult]:
        jobs = [_prepare(item) for item in chunk]
        docs: list[Doc] = []
        owners: list[tuple[int, int]] = []  # (job index, caption index or -1)
        for index, job in enumerate(jobs):
            if job.article is None:
                continue
            texts = [(job.article.text, job.article.published, -1)]
            texts.extend(
                (c, _caption_date(c, job.article.published), k)
                for k, c in enumerate(job.article.captions)
            )
            for text, day, part in texts:
                doc = self.nlp.make_doc(text)
                doc._.dekg_doc_date = day
                docs.append(doc)
                owners.append((index, part))
        processed: dict[int, list[tuple[int, Doc]]] = {}
        for (index, part), out in zip(owners, self._pipe(docs, batch_size), strict=True):
            if isinstance(out, ExtractionFailed):
                job = jobs[index]
                jobs[index] = _Job(job.label, None, str(out), type(out).__name__)
            else:
                processed.setdefault(index, []).append((part, out))
        return [_result(job, processed.get(i, [])) for i, job in enumerate(jobs)]

    def _pipe(self, docs: list[Doc], batch_size: int) -> list[Doc | ExtractionFailed]:
        """The docs through the pipeline in batches; if a component fails on the batch, doc
        by doc, so that only the failing item becomes an error."""
        try:
            return list(self.nlp.pipe(docs, batch_size=batch_size))
        except ValueError:
            return [self._one(doc) for doc in docs]

    def _one(self, doc: Doc) -> Doc | ExtractionFailed:
        fresh = self.nlp.make_doc(doc.text)
        fresh._.dekg_doc_date = doc._.dekg_doc_date
        try:
            return self.nlp(fresh)
        except ValueError as e:
            first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            return ExtractionFailed(f"the NLP pipeline failed on this text: {first}")

    def _parallel(
        self, chunks: Iterator[list[Item]], batch_size: int, n_process: int
    ) -> Iterator[ExtractionResult]:
        global _WORKER  # noqa: PLW0603 - the forked workers inherit the loaded pipeline
        _WORKER = self
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=n_process, mp_context=context) as pool:
            window: list[object] = []
            for chunk in chunks:
                window.append(pool.submit(_work, [_prepare_portable(i) for i in chunk], batch_size))
                if len(window) >= 2 * n_process:
                    yield from window.pop(0).result()  # type: ignore[attr-defined]
            for future in window:
                yield from future.result()  # type: ignore[attr-defined]


_WORKER: Extractor | None = None


def _prepare_portable(item: Item) -> Item:
    """Items as sent to worker processes (exceptions are pickled as their message)."""
    if isinstance(item, Article):
        return item
    if item.error is not None or item.article is None:
        return _Job(item.label, None, str(item.error), type(item.error).__name__)  # type: ignore[return-value]
    return item.article


def _work(chunk: list[Item], batch_size: int) -> list[ExtractionResult]:
    if _WORKER is None:
        raise IngestError("worker process has no pipeline")
    return _WORKER.process_chunk(chunk, batch_size)


def _chunks(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    while chunk := list(islice(items, size)):
        yield chunk


def _result(job: _Job, docs: list[tuple[int, Doc]]) -> ExtractionResult:
    if job.article is None:
        return ExtractionResult(item=job.label, error=job.error, error_kind=job.error_kind)
    article = job.article
    events: list[Event] = []
    loose: set[str] = set()
    actors: dict[str, Actor] = {}
    for part, doc in sorted(docs, key=lambda pd: pd[0]):
        anchor = doc._.dekg_doc_date if isinstance(doc._.dekg_doc_date, dt.date) else None
        found, assumed = doc_events(doc, article, anchor)
        events.extend(found)
        loose |= assumed
        for key, actor in get_actors(doc).items():
            actors.setdefault(key, actor)
        del part
    merged = _unique_ids([third_party(e) for e in merge_events(events, loose)])
    return ExtractionResult(
        item=job.label, article=article, events=tuple(merged), actors=tuple(actors.values())
    )
