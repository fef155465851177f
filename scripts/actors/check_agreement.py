"""Check the built knowledge base against a second source: the PETRARCH2 Phoenix dictionary.

Usage: .venv/bin/python scripts/actors/check_agreement.py [MIRROR_DIR] [--sample N]

Phoenix.Countries.actors.txt (MIT) lists people with date-restricted codes
("[MOZGOV >080401]": Mozambican government from 2008-04-01). For the office holders of the
knowledge base whose full name (ASCII-folded, case-folded) is a Phoenix entry, it reports:

- country agreement: the knowledge-base country is among the person's Phoenix countries;
- date agreement (roles starting 2000 or later, of a matched country): some Phoenix range of
  that country overlaps the knowledge-base role, allowing 90 days at each end.

With ``--sample N`` only the first N matched people (in a fixed, seeded order) are checked.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import kb_rules
import sources

ROOT = Path(__file__).resolve().parents[2]
SLACK = dt.timedelta(days=90)
PHOENIX_END = dt.date(2013, 1, 1)  # the Phoenix person entries were last extended about then
Range = tuple[str, dt.date, dt.date]  # country, start, end (inclusive)


def _key(name: str) -> str:
    return " ".join(kb_rules.ascii_fold(name).replace("_", " ").upper().replace(".", "").split())


def _yymmdd(text: str) -> dt.date | None:
    try:
        year = int(text[:2])
        return dt.date(1900 + year if year > 30 else 2000 + year, int(text[2:4]), int(text[4:6]))
    except ValueError:
        return None


def _range(code: str) -> Range | None:
    m = re.fullmatch(r"\[([A-Z]{3})[A-Z]*\s*(.*)\]", code.strip())
    if not m:
        return None
    country, span = m.group(1), m.group(2).strip()
    lo, hi = dt.date.min, dt.date.max
    if span.startswith(">"):
        lo = _yymmdd(span[1:]) or lo
    elif span.startswith("<"):
        hi = _yymmdd(span[1:]) or hi
    elif "-" in span:
        a, b = span.split("-", 1)
        lo, hi = _yymmdd(a) or lo, _yymmdd(b) or hi
    return country, lo, hi


def phoenix_people(text: str) -> dict[str, list[Range]]:
    """Phoenix name (and alias) keys → the person's dated country codes."""
    people: dict[str, list[Range]] = {}
    names: list[str] = []
    ranges: list[Range] = []

    def flush() -> None:
        for name in names:
            people.setdefault(_key(name), []).extend(ranges)

    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line[0].isalpha():
            flush()
            names, ranges = [line.strip().rstrip("_")], []
        elif line.startswith("+") and names:
            names.append(line[1:].strip().rstrip("_"))
        elif line.strip().startswith("[") and names:
            found = _range(line)
            if found is not None:
                ranges.append(found)
    flush()
    return {k: v for k, v in people.items() if len(k.split()) >= 2 and v}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mirror", nargs="?", default="/work/.mirror", type=Path)
    parser.add_argument("--sample", type=int, default=0)
    args = parser.parse_args()
    kb = json.loads(gzip.decompress((ROOT / "ingest/actors/data/kb.json.gz").read_bytes()))
    phoenix = phoenix_people(sources.phoenix_file(args.mirror, "Phoenix.Countries.actors.txt"))
    matched = [
        (row, phoenix[k])
        for row in kb["people"]
        if (k := next((_key(n) for n in (row[1], *row[4]) if _key(n) in phoenix), None))
    ]
    random.Random(7).shuffle(matched)
    if args.sample:
        matched = matched[: args.sample]
    country_ok = dates_checked = dates_ok = early_checked = early_ok = 0
    for row, ranges in matched:
        countries = {r[1] for r in row[5] if r[1]}
        phoenix_countries = {c for c, _, _ in ranges}
        country_ok += bool(countries & phoenix_countries)
        for role in row[5]:
            if not role[4] or role[4] < "2000" or role[1] not in phoenix_countries:
                continue
            start = dt.date.fromisoformat(role[4])
            end = dt.date.fromisoformat(role[5]) if role[5] else dt.date.max - SLACK
            dated = [(lo, hi) for c, lo, hi in ranges if c == role[1] and lo != dt.date.min]
            if not dated:
                continue
            agree = any(lo - SLACK <= end and start - SLACK <= hi for lo, hi in dated)
            dates_checked += 1
            dates_ok += agree
            if start < PHOENIX_END:
                early_checked += 1
                early_ok += agree
    n = len(matched)
    print(f"knowledge-base people {len(kb['people'])}; Phoenix people {len(phoenix)}")
    print(f"matched by full name: {n}")
    print(f"country agreement: {country_ok}/{n} = {country_ok / max(n, 1):.3f}")
    print(
        f"date agreement (roles since 2000 with a dated Phoenix code of that country): "
        f"{dates_ok}/{dates_checked} = {dates_ok / max(dates_checked, 1):.3f}"
    )
    print(
        f"  of which roles starting before {PHOENIX_END}: "
        f"{early_ok}/{early_checked} = {early_ok / max(early_checked, 1):.3f}"
    )


if __name__ == "__main__":
    main()
