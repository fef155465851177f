"""Actor accuracy of the actor components on the PLOVER gold sentences (development data).

For every gold source/target actor with a country code, is that code among the countries of
the mentions the pipeline finds in the sentence? IGO/NGO actors count as found when an
organisation mention (country null) is found. Also reports sector agreement for gold actors
that carry a sector. Then the whole extractor on the same sentences: on the records with a
predicted event of their type, the share whose source and target countries are right
(``ingest.evaluate_actors``).

Usage: .venv/bin/python benchmarks/actors_plover.py [PATH_TO_plover-gsr-dev.jsonl] [-v]
Reads ../shared only here, in a development script; the product never does.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from ingest.components.actor_ruler import add_actor_components
from ingest.evaluate import PredEvent
from ingest.evaluate_actors import GOLD_FIXES, sentence_figures
from ingest.extract import Extractor
from ingest.mentions import get_mentions
from ingest.nlp import load_base, load_pipeline
from ontology.model import ActorKind, Article

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared/eval/dev/plover-gsr-dev.jsonl"
ORG_CODES = {"IGO", "NGO"}
# CAMEO sector codes of the gold records that the ``Sector`` enum names differently; "***"
# is the coders' "unknown" and is not scored.
SECTOR_NAMES = {"CIV": "CVL", "JRN": "MED", "MOS": "REL", "CHR": "REL", "JEW": "REL"}


def gold_sector(value: object) -> str:
    """The gold sector as a ``Sector`` value ("" when unknown)."""
    code = str(value or "")[:3]
    return "" if code == "***" else SECTOR_NAMES.get(code, code)


def gold_actors(record: dict[str, object]) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for key in ("source", "target"):
        value = record.get(key)
        if isinstance(value, list):
            out += [a for a in value if isinstance(a, dict) and a.get("code")]
    return out


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    verbose = "-v" in sys.argv
    path = Path(args[0]) if args else DEFAULT
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    nlp = load_base("en_core_web_sm")
    add_actor_components(nlp)
    found = total = sector_ok = sector_total = 0
    for record in records:
        doc = nlp.make_doc(record["text"])
        doc._.dekg_doc_date = dt.date(2000, 1, 1)
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        mentions = get_mentions(doc)
        countries = {m.actor.country for m in mentions if m.actor.country}
        has_org = any(
            m.actor.kind is ActorKind.ORGANIZATION and m.actor.country is None for m in mentions
        )
        for actor in gold_actors(record):
            code = GOLD_FIXES.get(actor["code"], actor["code"])
            if code in {"IMG", "***"}:
                continue
            total += 1
            ok = has_org if code in ORG_CODES else code in countries
            found += ok
            sector = gold_sector(actor.get("sector"))
            if ok and sector and code not in ORG_CODES:
                sector_total += 1
                sectors = {
                    m.actor.sector.value
                    for m in mentions
                    if m.actor.country == code and m.actor.sector is not None
                }
                sector_ok += sector in sectors
                if verbose and sector not in sectors:
                    print(
                        f"SECTOR {code} {sector} got {sorted(sectors)} {actor.get('actorText')!r}"
                    )
            if verbose and not ok:
                print(f"MISS {code:4} {actor.get('actorText')!r:35} | {record['text'][:110]}")
    print(f"records: {len(records)}")
    print(f"actor country recall: {found}/{total} = {found / total:.3f}")
    print(
        f"sector agreement (found actors with a gold sector): {sector_ok}/{sector_total}"
        f" = {sector_ok / max(sector_total, 1):.3f}"
    )
    event_actors(records)


def event_actors(records: list[dict[str, object]]) -> None:
    """Source and target of the extracted events whose type matches the record's."""
    extractor = Extractor(load_pipeline("en_core_web_sm"))
    articles = [
        Article(id=str(r["id"]), text=str(r["text"]), published=dt.date(2000, 1, 1))
        for r in records
    ]
    predictions = [
        PredEvent.model_validate(event.model_dump(mode="json"))
        for result in extractor.extract_many(articles)
        for event in result.events
    ]
    figures = sentence_figures(records, predictions)
    print(
        f"type-matched events with source and target right: {figures.both_right}/"
        f"{figures.paired} = {figures.actor_accuracy} (source {figures.source_right},"
        f" target {figures.target_right})"
    )


if __name__ == "__main__":
    main()
