"""Draw the sentences of the training corpus from the shared corpora (a development tool).

Usage: ``python scripts/training/draw_pool.py [--shared ../shared] [--out data/training/pool]``

- VOA stories (public domain): every sentence of the 51 stories that are NOT development
  articles (the 24 ids of ``eval/dev/voa/`` are excluded by reading that directory's file
  names; their text is never opened).
- Reuters-21578 (research licence): sentences that name a state, a government body or an
  armed force (a fixed word list built from ISO 3166 names, not from dekg's rules or output),
  at most three per article, drawn with a fixed seed.

Sentences are split by spaCy's rule-based ``sentencizer`` (no dekg component), cleaned of
Reuters' ``&\\t`` paragraph marks, and written in batches of 250 in the layout of
``data/training/DATASHEET.md``. Re-running with the same inputs writes the same files.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pycountry
import spacy

SEED = 20261201
BATCH = 250
REUTERS_SENTENCES = 3500
# The second Reuters draw (batches reuters2-NN): sentences that name a state or government AND
# a word of political action (a fixed list from the PLOVER category names and their everyday
# verbs, not from dekg's rules or output), so that more of them carry an event.
POLITICAL_SENTENCES = 1500
_ACTION_WORDS = [
    "talks",
    "met",
    "meet",
    "meeting",
    "visit",
    "visited",
    "agreed",
    "agreement",
    "accord",
    "treaty",
    "signed",
    "accused",
    "accuses",
    "condemned",
    "criticised",
    "criticized",
    "protest",
    "protested",
    "demonstrators",
    "strike",
    "rejected",
    "refused",
    "denied",
    "warned",
    "threatened",
    "threat",
    "sanctions",
    "embargo",
    "boycott",
    "ban",
    "banned",
    "troops",
    "army",
    "attack",
    "attacked",
    "fighting",
    "killed",
    "bombed",
    "shelled",
    "war",
    "arrested",
    "detained",
    "expelled",
    "released",
    "withdrew",
    "withdrawal",
    "ceasefire",
    "aid",
    "loan",
    "grant",
    "urged",
    "called on",
    "appealed",
    "demanded",
    "asked",
    "supported",
    "backed",
    "praised",
    "cooperation",
    "negotiations",
    "envoy",
    "summit",
]
_GOV_WORDS = [
    "government",
    "minister",
    "ministry",
    "president",
    "prime",
    "premier",
    "officials",
    "official",
    "army",
    "troops",
    "forces",
    "military",
    "police",
    "rebels",
    "guerrillas",
    "parliament",
    "congress",
    "senate",
    "diplomat",
    "ambassador",
    "embassy",
    "spokesman",
    "talks",
    "treaty",
    "sanctions",
]


def _actor_pattern() -> re.Pattern[str]:
    names: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and len(value) > 3:
                names.add(value.split(",")[0])
    names |= {"U.S.", "Washington", "Moscow", "Tokyo", "Peking", "Beijing", "EC", "OPEC", "GATT"}
    words = sorted({re.escape(n) for n in names} | set(_GOV_WORDS), key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(words) + r")(?!\w)")


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("&\\t", " ").replace("&lt;", "<")).strip()


def _sentences(nlp: spacy.language.Language, text: str) -> list[str]:
    doc = nlp(_clean(text))
    # The sentencizer leaves the next sentence's opening quote at the end of a sentence.
    sents = [re.sub(r'\s*["\u201c]$', "", s.text.strip()) for s in doc.sents]
    return [s for s in sents if 25 <= len(s) <= 400]


def _records(
    doc_id: str, prefix: str, origin: str, published: str, sents: list[str]
) -> Iterator[dict]:
    for i, sent in enumerate(sents):
        yield {
            "id": f"{prefix}-{i}",
            "origin": origin,
            "doc": doc_id,
            "published": published[:10],
            "context": sents[i - 1] if i else "",
            "text": sent,
        }


def voa_records(shared: Path, nlp: spacy.language.Language) -> list[dict]:
    dev_ids = {p.stem.removeprefix("voa-") for p in (shared / "eval/dev/voa").glob("voa-*.json")}
    out: list[dict] = []
    with (shared / "corpus/voa-stories.jsonl").open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if str(row["id"]) in dev_ids:
                continue
            sents = _sentences(nlp, row["text"])
            out.extend(
                _records(f"voa-{row['id']}", f"voa-{row['id']}", "voa", row["published"], sents)
            )
    return out


def _draw_reuters(
    shared: Path,
    nlp: spacy.language.Language,
    rng: random.Random,
    *,
    keep: Callable[[dict], bool],
    per_article: int,
    limit: int,
) -> list[dict]:
    """Up to ``limit`` kept sentences of the shuffled Reuters articles, ``per_article`` each."""
    with gzip.open(shared / "corpus/reuters21578.jsonl.gz", "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    rng.shuffle(rows)
    out: list[dict] = []
    for row in rows:
        if len(out) >= limit:
            break
        sents = _sentences(nlp, row.get("text") or "")
        numbered = _records(
            row["id"],
            row["id"].replace("reuters21578", "reu"),
            "reuters21578",
            row.get("published") or "",
            sents,
        )
        hits = [r for r in numbered if keep(r)]
        out.extend(rng.sample(hits, min(per_article, len(hits))))
    return out[:limit]


def reuters_records(shared: Path, nlp: spacy.language.Language, rng: random.Random) -> list[dict]:
    """Sentences naming an actor, at most three per article."""
    actors = _actor_pattern()
    return _draw_reuters(
        shared,
        nlp,
        rng,
        keep=lambda r: bool(actors.search(r["text"])),
        per_article=3,
        limit=REUTERS_SENTENCES,
    )


def political_records(
    shared: Path, nlp: spacy.language.Language, rng: random.Random, exclude: set[str]
) -> list[dict]:
    """Sentences naming an actor and a political action, at most two per article."""
    actors = _actor_pattern()
    action = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, _ACTION_WORDS)) + r")(?!\w)")

    def keep(r: dict) -> bool:
        return (
            r["id"] not in exclude
            and bool(actors.search(r["text"]))
            and bool(action.search(r["text"]))
        )

    return _draw_reuters(shared, nlp, rng, keep=keep, per_article=2, limit=POLITICAL_SENTENCES)


def write_batches(records: list[dict], out: Path, name: str) -> None:
    for n, start in enumerate(range(0, len(records), BATCH), start=1):
        path = out / f"{name}-{n:02d}.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for record in records[start : start + BATCH]:
                f.write(json.dumps(record, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[3] / "shared"
    )
    parser.add_argument("--out", type=Path, default=Path("data/training/pool"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    rng = random.Random(SEED)
    voa = voa_records(args.shared, nlp)
    reuters = reuters_records(args.shared, nlp, rng)
    political = political_records(
        args.shared, nlp, random.Random(SEED + 1), {r["id"] for r in reuters}
    )
    write_batches(voa, args.out, "voa")
    write_batches(reuters, args.out, "reuters")
    write_batches(political, args.out, "reuters2")
    print(
        f"voa: {len(voa)} sentences; reuters: {len(reuters)}; "
        f"reuters2 (political): {len(political)} -> {args.out}"
    )


if __name__ == "__main__":
    main()
