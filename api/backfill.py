"""Backfills on Dask: extraction spread over a cluster, loading through one batched writer.

The input files are cut into partitions (consecutive runs of files, in the order ``dekg
ingest`` reads them). Each partition is read and extracted on a Dask worker, which loads the
spaCy pipeline once per process. At most ``in_flight`` partitions are out at a time, so a
slow database holds the workers back instead of piling results up in memory (backpressure).
The results are written through the ingest path (``api.usecases.ingestion.load_results``:
one batched ``GraphWriter``) on the client, partition after partition in input order: Neo4j
never sees more than one writer from a backfill, and the graph is the one ``dekg ingest``
builds from the same input (same counts, same ids: which report names a merged event depends
on the order reports arrive in). Why Dask and why one writer: docs/decisions/0014-backfill.md.

Example:
    >>> with dask_client(None, workers=2) as client:  # doctest: +SKIP
    ...     report = backfill(client, graph, paths, BackfillOptions(model="en_core_web_sm"))
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from api import ApiError

if TYPE_CHECKING:
    from graph.session import Graph
    from graph.writer import WriteReport
    from ontology.model import ExtractionResult

INSTALL_HINT = "install the backfill extra: pip install 'dekg[backfill]'"


class BackfillUnavailable(ApiError):
    """Dask is not installed, or the scheduler cannot be reached."""


@dataclass(frozen=True, slots=True)
class BackfillOptions:
    """How the workers read and extract (the same knobs as ``dekg ingest``)."""

    model: str
    actor_dictionaries: tuple[str, ...] = ()
    triggers: str = "both"  # ``settings.triggers``: the same proposers as ``dekg ingest``
    published: dt.date | None = None
    files_per_partition: int = 8
    in_flight: int | None = None  # default: two partitions per worker


@dataclass(frozen=True, slots=True)
class PartitionDone:
    """Progress after one partition was written."""

    index: int
    partitions: int
    articles: int


def partitions(paths: Sequence[Path], files_per_partition: int) -> list[list[str]]:
    """Consecutive runs of at most ``files_per_partition`` input files, in reading order.

    Example:
        >>> partitions([Path("a.txt"), Path("b.txt"), Path("c.txt")], 2)
        [['a.txt', 'b.txt'], ['c.txt']]
    """
    from ingest.readers import expand_paths

    if files_per_partition < 1:
        raise ValueError("files_per_partition must be at least 1")
    files = [str(p) for p in expand_paths(paths)]
    return [files[i : i + files_per_partition] for i in range(0, len(files), files_per_partition)]


def extract_partition(
    files: list[str],
    model: str,
    actor_dictionaries: tuple[str, ...],
    published: dt.date | None,
    triggers: str = "rules",
) -> list[ExtractionResult]:
    """Read and extract one partition (runs on a worker; the pipeline is cached per process)."""
    from ingest.extract import Extractor
    from ingest.nlp import load_pipeline
    from ingest.readers import iter_items

    nlp = load_pipeline(model, [Path(p) for p in actor_dictionaries], triggers)
    items = iter_items([Path(f) for f in files], published=published)
    return list(Extractor(nlp).extract_many(items))


@contextlib.contextmanager
def dask_client(scheduler: str | None, *, workers: int = 2) -> Iterator[Any]:
    """A Dask client of the scheduler at ``scheduler``, else of a local cluster of ``workers``
    single-threaded worker processes (closed on exit).

    Raises:
        BackfillUnavailable: Dask is not installed or the scheduler does not answer.
    """
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as e:
        raise BackfillUnavailable(f"dask is not installed: {INSTALL_HINT}") from e
    if scheduler is not None:
        try:
            client = Client(scheduler, timeout="10s")
        except OSError as e:
            raise BackfillUnavailable(f"the Dask scheduler {scheduler} does not answer: {e}") from e
        with client:
            yield client
        return
    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with cluster, Client(cluster) as client:
        yield client


def _workers(client: Any) -> int:
    return max(1, len(client.scheduler_info().get("workers", {})))


def backfill(
    client: Any,
    graph: Graph,
    paths: Sequence[Path],
    options: BackfillOptions,
    on_partition: Callable[[PartitionDone], None] | None = None,
    *,
    batch_size: int = 1000,
) -> WriteReport:
    """Extract ``paths`` on the cluster and write the results in input order.

    Raises:
        GraphUnavailable: Neo4j went away (what was committed stays; run again to resume:
            unchanged articles are skipped).
    """
    from api.usecases.ingestion import load_results
    from graph.writer import WriteReport

    parts = partitions(paths, options.files_per_partition)
    window = options.in_flight or 2 * _workers(client)
    pending: deque[Any] = deque()
    report = WriteReport()
    submitted = 0

    def submit_next() -> None:
        nonlocal submitted
        if submitted < len(parts):
            files = parts[submitted]
            pending.append(
                client.submit(
                    extract_partition,
                    files,
                    options.model,
                    options.actor_dictionaries,
                    options.published,
                    options.triggers,
                    pure=False,
                    key=f"dekg-extract-{submitted}-{len(files)}-{id(parts)}",
                )
            )
            submitted += 1

    for _ in range(min(window, len(parts))):
        submit_next()
    done = 0
    while pending:
        future = pending.popleft()
        results = future.result()
        future.release()
        submit_next()  # the workers go on while this partition is written
        report.add(load_results(graph, results, batch_size=batch_size))
        done += 1
        if on_partition is not None:
            on_partition(PartitionDone(done, len(parts), len(results)))
    return report
