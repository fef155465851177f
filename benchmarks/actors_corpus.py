"""Actor resolution on our own labelled corpus (``data/training``), by class of mention.

For every labelled source/target span with a code (ISO3 or ``org:NAME``), does dekg's actor
resolution (the actor components' mentions overlapping that span, the sentence read after its
previous sentence as in the article) give the labelled country or organisation? The spans
are classed from their own words (person with a title, bare title,
demonym, capital, state name, organisation acronym, organisation name, armed group, ministry
or state body, pronoun, person name, other), and the accuracy is printed per class for two
parts split by document: ``dev`` (may be studied to pick which class to fix) and ``held-out``
(only measured). The labels come from annotators who never saw dekg's output.

Usage: .venv/bin/python benchmarks/actors_corpus.py [--part dev|held-out|both] [--show CLASS]
[--limit N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ingest.actors.dictionary import CAPITAL, DEMONYM, ActorDictionary, get_dictionary
from ingest.components.actor_ruler import add_actor_components
from ingest.dates import parse_published
from ingest.eval_gold import GoldActor, PredActor
from ingest.mentions import Mention, get_mentions
from ingest.nlp import load_base
from ingest.sectors import TITLE_SECTORS, sector_of_noun
from ontology.model import Actor, Sector

CORPUS = Path(__file__).resolve().parents[1] / "data" / "training"
HELD_OUT_EVERY = 4  # documents whose crc32 % 4 == 0 are held out
PRONOUNS = frozenset(
    {"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "its", "their"}
    | {"his", "our", "hers", "theirs"}
)
BODIES = frozenset(
    {"ministry", "government", "embassy", "department", "cabinet", "administration"}
    | {"office", "council"}
)


@dataclass(frozen=True, slots=True)
class Span:
    sentence: str
    text: str
    start: int
    end: int
    code: str
    published: dt.date | None


def spans(corpus: Path = CORPUS) -> list[Span]:
    """The labelled actor spans of the first-pass labels (the a1 files)."""
    out: list[Span] = []
    for labels in sorted((corpus / "labels").glob("*.a1.jsonl")):
        pool = corpus / "pool" / f"{labels.name.split('.')[0]}.jsonl"
        sentences = {
            r["id"]: r for r in map(json.loads, pool.read_text(encoding="utf-8").splitlines())
        }
        for line in labels.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            sentence = sentences.get(row["id"])
            if sentence is None:
                continue
            for event in row["events"]:
                for side in ("source", "target"):
                    found = _locate(sentence, event, side)
                    if found is not None:
                        out.append(found)
    return out


def _locate(sentence: dict[str, str], event: dict[str, object], side: str) -> Span | None:
    text, code = event.get(side), event.get(f"{side}_code")
    if not isinstance(text, str) or not isinstance(code, str) or not text:
        return None
    occurrence = event.get(f"{side}_occurrence")
    start = -1
    for _ in range(occurrence if isinstance(occurrence, int) else 1):
        start = sentence["text"].find(text, start + 1)
        if start < 0:
            return None
    # The previous sentence goes in front, as in the article: pronouns and surnames resolve.
    prefix = f"{sentence['context']} " if sentence.get("context") else ""
    return Span(
        sentence["id"] + "\t" + prefix + sentence["text"],
        text,
        len(prefix) + start,
        len(prefix) + start + len(text),
        code,
        parse_published(sentence.get("published")),
    )


def part_of(span: Span) -> str:
    doc = span.sentence.split("\t", 1)[0].rsplit("-", 1)[0]
    return "held-out" if zlib.crc32(doc.encode()) % HELD_OUT_EVERY == 0 else "dev"


def span_class(span: Span, doc: Doc, dictionary: ActorDictionary) -> str:
    """The class of a labelled span, from its own words (never from dekg's answer)."""
    tokens = [t for t in doc.char_span(span.start, span.end, alignment_mode="expand") or []]
    words = [t.text for t in tokens if not t.is_punct]
    lower = [w.lower() for w in words]
    if not words:
        return "other"
    if len(words) <= 2 and lower[-1] in PRONOUNS:
        return "pronoun"
    forms = {f.kind for f in dictionary.lookup(span.text.removeprefix("the ").strip())}
    titled = any(w in TITLE_SECTORS for w in lower)
    named = any(t.ent_type_ == "PERSON" for t in tokens)
    if titled and named:
        return "person with title"
    if named:
        return "person name"
    if CAPITAL in forms:
        return "capital"
    if DEMONYM in forms or (len(words) == 1 and any(t.ent_type_ == "NORP" for t in tokens)):
        return "demonym"
    if any(w in BODIES for w in lower):
        return "ministry or state body"
    if any(sector_of_noun(w) is Sector.REB for w in lower):
        return "armed group"
    if titled:
        return "bare title"
    if span.code.startswith("org:"):
        bare = span.text.replace(".", "")
        return "organisation acronym" if bare.isupper() and len(bare) <= 6 else "organisation"
    if any(f.startswith("state:") for f in (x.actor_id for x in dictionary.lookup(span.text))):
        return "state name"
    return "other"


def resolved(span: Span, doc: Doc) -> list[Actor]:
    """The actors of the mentions overlapping the span."""
    region = doc.char_span(span.start, span.end, alignment_mode="expand")
    if region is None:
        return []
    first, last = region.start, region.end
    mentions: list[Mention] = get_mentions(doc)
    return [m.actor for m in mentions if m.start < last and first < m.end]


def right(span: Span, actors: list[Actor]) -> bool:
    """The labelled state among the actors' countries; an ``org:NAME`` matched by name or
    acronym as the article scorer matches organisations (``ingest.eval_gold``)."""
    if not span.code.startswith("org:"):
        return any(a.country == span.code for a in actors)
    gold = GoldActor(name=span.code.removeprefix("org:").replace("_", " "))
    return any(
        gold.matches(PredActor(name=a.name, country=a.country, id=a.id, aliases=a.aliases))
        or (a.affiliation is not None and gold.matches(PredActor(id=a.affiliation)))
        for a in actors
    )


def run(nlp: Language, span: Span, cache: dict[str, Doc]) -> Doc:
    doc = cache.get(span.sentence)
    if doc is None:
        doc = nlp.make_doc(span.sentence.split("\t", 1)[1])
        doc._.dekg_doc_date = span.published
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        cache.clear()  # spans of one sentence come together
        cache[span.sentence] = doc
    return doc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--part", default="both", choices=["dev", "held-out", "both"])
    parser.add_argument("--show", default="", help="print the misses of this class (dev only)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N spans")
    args = parser.parse_args()
    nlp = load_base("en_core_web_sm")
    add_actor_components(nlp)
    dictionary = get_dictionary([])
    all_spans = spans()
    if args.limit:
        all_spans = all_spans[: args.limit]
    totals: dict[str, Counter[str]] = {"dev": Counter(), "held-out": Counter()}
    hits: dict[str, Counter[str]] = {"dev": Counter(), "held-out": Counter()}
    cache: dict[str, Doc] = {}
    for span in all_spans:
        part = part_of(span)
        if args.part not in {"both", part}:
            continue
        doc = run(nlp, span, cache)
        cls = span_class(span, doc, dictionary)
        actors = resolved(span, doc)
        ok = right(span, actors)
        totals[part][cls] += 1
        hits[part][cls] += ok
        if not ok and part == "dev" and args.show in {cls, "all"}:
            got = ", ".join(f"{a.id}/{a.country}" for a in actors) or "-"
            print(f"MISS [{cls}] {span.text!r} want {span.code} got {got}")
            print(f"     {span.sentence.split(chr(9), 1)[1][-200:]}")
    classes = sorted(set(totals["dev"]) | set(totals["held-out"]), key=lambda c: -totals["dev"][c])
    print(f"{'class':26}{'dev':>22}{'held-out':>22}")
    for cls in [*classes, "ALL"]:
        cells = []
        for part in ("dev", "held-out"):
            n = sum(totals[part].values()) if cls == "ALL" else totals[part][cls]
            k = sum(hits[part].values()) if cls == "ALL" else hits[part][cls]
            cells.append(f"{k}/{n} = {k / n:.3f}" if n else "-")
        print(f"{cls:26}" + "".join(f"{c:>22}" for c in cells))


if __name__ == "__main__":
    main()
