"""`dekg extract` (articles → PLOVER events) and `dekg eval` (score events against gold)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from api.commands import ModelOpt, PathsArg, PublishedOpt, WorkersOpt

if TYPE_CHECKING:
    from rich.table import Table

    from ingest.evaluate import EvaluationReport
    from ingest.readers import ReadItem
    from ingest.scoring import TypeCounts
    from ontology.model import Event, ExtractionResult


class ExtractFormat(StrEnum):
    JSONL = "jsonl"
    JSON = "json"
    TABLE = "table"


class EvalFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


EXIT_ITEMS_FAILED = 1
EXIT_USAGE = 2


def _say_error(label: str, message: str) -> None:
    from tqdm import tqdm

    tqdm.write(f"error: {label}: {message}", file=sys.stderr)


def _event_json(event: Event) -> str:
    return json.dumps(event.model_dump(mode="json"), ensure_ascii=False)


def _result_json(result: ExtractionResult) -> dict[str, object]:
    return {
        "item": result.item,
        "article": result.article.model_dump(mode="json") if result.article else None,
        "events": [e.model_dump(mode="json") for e in result.events],
    }


def _names(actors: tuple[object, ...]) -> str:
    return ", ".join(getattr(a, "name", "") for a in actors)


def _events_table(result: ExtractionResult) -> Table:
    from rich.table import Table

    table = Table(title=f"Events of {result.item}", expand=True)
    for column in ("type", "cameo", "source", "target", "date", "place", "modality"):
        table.add_column(column, no_wrap=column in {"type", "cameo", "date", "modality"})
    table.add_column("evidence", ratio=3)
    for e in result.events:
        table.add_row(
            e.type.value,
            e.cameo,
            _names(e.source),
            _names(e.target),
            str(e.date) if e.date else f"({e.date_precision.value})",
            e.place.name if e.place else "",
            e.modality.value,
            e.evidence[0].text,
        )
    return table


def extract(
    paths: PathsArg,
    output_format: Annotated[
        ExtractFormat,
        typer.Option(
            "--format",
            "-f",
            help="jsonl: one event a line (the contract); json: one "
            "document with articles and events; table: a readable table.",
        ),
    ] = ExtractFormat.JSONL,
    published: PublishedOpt = None,
    workers: WorkersOpt = 1,
    model: ModelOpt = None,
) -> None:
    """Extract PLOVER events from news articles and print them to stdout.

    Errors of single items go to stderr, one line each; the other items are still processed.
    Exit status: 0 when every item was processed, 1 when some failed, 2 on usage errors.
    """
    from tqdm import tqdm

    from api.commands import usage
    from api.settings import get_settings
    from api.usecases.filters import parse_day
    from ingest import ModelNotInstalled
    from ingest.extract import Extractor
    from ingest.nlp import load_pipeline
    from ingest.readers import iter_items

    day = usage(lambda: parse_day(published, "--published"))
    settings = get_settings()
    try:
        nlp = load_pipeline(
            model or settings.spacy_model, settings.actor_dictionaries, settings.triggers
        )
    except ModelNotInstalled as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(EXIT_USAGE) from e

    failures = 0
    seen = 0

    def items() -> Iterator[ReadItem]:
        nonlocal seen
        for item in iter_items(paths, published=day):
            seen += 1
            yield item

    collected: list[ExtractionResult] = []
    extractor = Extractor(nlp)
    progress = tqdm(desc="articles", unit=" art", file=sys.stderr, disable=None, leave=False)
    with progress:
        for result in extractor.extract_many(items(), n_process=workers):
            progress.update(1)
            if not result.ok:
                failures += 1
                _say_error(result.item, f"{result.error_kind}: {result.error}")
                continue
            if output_format is ExtractFormat.JSONL:
                for event in result.events:
                    typer.echo(_event_json(event))
            else:
                collected.append(result)
    _finish(output_format, collected)
    if seen == 0:
        typer.echo("error: no input items found", err=True)
        raise typer.Exit(EXIT_ITEMS_FAILED)
    if failures:
        typer.echo(f"{failures} of {seen} items failed", err=True)
        raise typer.Exit(EXIT_ITEMS_FAILED)


def _finish(output_format: ExtractFormat, results: list[ExtractionResult]) -> None:
    if output_format is ExtractFormat.JSON:
        document = {"articles": [_result_json(r) for r in results]}
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
    elif output_format is ExtractFormat.TABLE:
        from rich.console import Console

        console = Console()
        for result in results:
            console.print(_events_table(result))


def _type_table(title: str, by_type: dict[str, TypeCounts]) -> Table:
    from rich.table import Table

    from ingest.scoring import f1, rate

    table = Table(title=title)
    for column in ("type", "P", "R", "F1", "correct/predicted", "recalled/gold"):
        table.add_column(column, justify="left" if column == "type" else "right")
    for name, c in by_type.items():
        p, r = rate(c.correct, c.predicted), rate(c.recalled, c.gold)
        table.add_row(
            name,
            str(p),
            str(r),
            str(f1(p, r)),
            f"{c.correct}/{c.predicted}",
            f"{c.recalled}/{c.gold}",
        )
    return table


def _confusion_table(confusion: dict[str, dict[str, int]]) -> Table:
    from rich.table import Table

    from ingest.scoring import NONE

    predicted = [*sorted({p for row in confusion.values() for p in row} - {NONE}), NONE]
    table = Table(title="Confusion: gold type (rows) x predicted type (columns)")
    table.add_column("gold")
    for name in predicted:
        table.add_column(name[:6], justify="right")
    for gold in [*sorted(set(confusion) - {NONE}), NONE]:
        row = confusion.get(gold, {})
        table.add_row(gold, *(str(row.get(p, "")) for p in predicted))
    return table


def _report_tables(report: EvaluationReport) -> list[Table]:
    from rich.table import Table

    tables = []
    if report.sentences is not None:
        s = report.sentences
        table = Table(title="Sentence-level scores (PLOVER records)")
        table.add_column("measure")
        table.add_column("value")
        table.add_row("records", str(s.records))
        table.add_row("predictions", str(s.predictions))
        table.add_row("event recall", f"{s.event_recall} ({s.matched}/{s.records})")
        table.add_row("type accuracy", f"{s.type_accuracy} ({s.right_type}/{s.with_right_source})")
        tables += [
            table,
            _type_table("Per type (recall)", s.by_type),
            _confusion_table(s.confusion),
        ]
    for a in report.articles:
        table = Table(title=f"Article-level scores: {a.article_id}")
        table.add_column("measure")
        table.add_column("value")
        table.add_row(
            "precision",
            f"{a.precision} ({a.matched_predictions}/{a.predictions - a.optional_predictions})",
        )
        table.add_row("recall", f"{a.recall} ({a.recalled}/{a.gold_events})")
        table.add_row("date accuracy", f"{a.date_accuracy} ({a.date_correct}/{a.date_checked})")
        table.add_row("place accuracy", f"{a.place_accuracy} ({a.place_correct}/{a.place_checked})")
        table.add_row("optional matches", str(a.optional_predictions))
        table.add_row("missed gold", " ".join(a.missed) or "-")
        table.add_row("false positives", "\n".join(a.false_positives) or "-")
        table.add_row("must not (check by hand)", "\n".join(a.must_not) or "-")
        tables.append(table)
    t = report.totals
    if t is not None:
        table = Table(title=f"All {t.articles} articles (one-to-one pairing)")
        table.add_column("measure")
        table.add_column("value")
        table.add_row(
            "precision",
            f"{t.precision} ({t.matched_predictions}/{t.predictions - t.optional_predictions})",
        )
        table.add_row("recall", f"{t.recall} ({t.recalled}/{t.gold_events})")
        table.add_row("F1", str(t.f1))
        table.add_row("date accuracy", f"{t.date_accuracy} ({t.date_correct}/{t.date_checked})")
        tables += [table, _type_table("Per type", t.by_type), _confusion_table(t.confusion)]
    return tables


def evaluate(
    predictions: Annotated[
        Path,
        typer.Argument(
            help="Events as printed by `dekg extract --format jsonl`.", show_default=False
        ),
    ],
    gold: Annotated[
        Path,
        typer.Option(
            help="Article gold (.json like seed-gold.json, or a directory of them) or "
            "PLOVER records (.jsonl); the kind is detected.",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        EvalFormat, typer.Option("--format", "-f", help="table or json.")
    ] = EvalFormat.TABLE,
) -> None:
    """Score extracted events against gold: precision, recall, date and place accuracy,
    per-type P/R/F1 and a type confusion table (predictions and gold paired one to one)."""
    from rich.console import Console

    from ingest.evaluate import EvaluationError, evaluate_files

    try:
        report = evaluate_files(gold, predictions)
    except (EvaluationError, OSError) as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(EXIT_ITEMS_FAILED) from e
    if output_format is EvalFormat.JSON:
        typer.echo(report.model_dump_json(indent=2))
        return
    console = Console(width=max(120, Console().width))
    for table in _report_tables(report):
        console.print(table)


def register(app: typer.Typer) -> None:
    """Add `extract` and `eval` to the dekg app."""
    app.command("extract")(extract)
    app.command("eval")(evaluate)
