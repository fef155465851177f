"""Build the actor knowledge base ``ingest/actors/data/kb.json.gz`` from public sources.

Usage: .venv/bin/python scripts/actors/build_kb.py [MIRROR_DIR] [--out PATH]

MIRROR_DIR (default /work/.mirror) holds the repository snapshots listed in
ingest/actors/data/SOURCES.md. The output is one gzip'd JSON object:

- ``people``: one compact row per office holder since 2000,
  ``[id, name, wikidata, gender, [aliases], [[role, country, sector, affiliation, start, end]]]``
  (dates ISO, end exclusive, null = open);
- ``states``: ISO3 → Wikidata id, for every state pycountry knows that Wikidata names;
- ``organizations`` and ``armed_groups``: entries of the dictionary-file shape plus ``wikidata``;
- ``compiled_people``: ids of the people known only from ``compiled/recent_office_holders.json``
  (no Wikidata id: the base had no one of that name).

Hand-curated dictionary entries (people.json, organizations.json, armed_groups.json) keep their
ids; the build gives them the Wikidata id of the record they match and leaves them out of the
generated lists, so one actor never has two ids.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import kb_rules
import sources

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "ingest/actors/data"
COMPILED = Path(__file__).parent / "compiled"
SINCE = "2000-01-01"
# Abbreviations that are English words or too ambiguous to match on their own.
AMBIGUOUS_ABBREVIATIONS = frozenset(
    {"ERA", "ESA", "EP", "FRA", "ETF", "ELA", "EDA", "ECA", "CoR", "CdT", "SRB", "EEA", "EMA"}
)


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", kb_rules.ascii_fold(text).lower()).strip("-")
    return slug or "unknown"


def curated(name: str) -> dict[str, Any]:
    return dict(json.loads((DATA / name).read_text(encoding="utf-8")))


def country_qids(mirror: Path) -> dict[str, str]:
    """ISO3 → Wikidata id, from the source repositories' jurisdictions and country tables."""
    labels = dict(sources.foreign_ministers_countries(mirror))
    for snapshot in sources.every_politician_snapshots(mirror):
        meta = sources.git_show(snapshot, "meta.json")
        if meta:
            jurisdiction = json.loads(meta).get("jurisdiction") or {}
            if jurisdiction.get("id"):
                labels.setdefault(jurisdiction["id"], jurisdiction.get("name", ""))
    compiled = json.loads((COMPILED / "states.json").read_text(encoding="utf-8"))
    out: dict[str, str] = dict(compiled["states"])
    for qid, label in sorted(labels.items()):
        iso3 = kb_rules.iso3_of(label)
        if iso3:
            out.setdefault(iso3, qid)
    return out


def _role_row(h: sources.Holding, country: str | None, affiliation: str | None) -> list[Any]:
    start, end = kb_rules.start_date(h.start), kb_rules.end_date(h.end)
    sector = (
        "IGO" if affiliation and affiliation.startswith("org:") else kb_rules.sector_of(h.position)
    )
    return [
        h.position,
        country,
        sector,
        affiliation,
        start.isoformat() if start else None,
        end.isoformat() if end else None,
    ]


def _holding_rows(mirror: Path, qid_iso3: dict[str, str]) -> dict[str, list[Any]]:
    """Person QID → [name, gender, aliases set, role rows] over every source table."""
    people: dict[str, list[Any]] = {}
    tables = [sources.holdings(s) for s in sources.every_politician_snapshots(mirror)]
    for table in [*tables, sources.international_holdings(mirror)]:
        for h in table:
            if not kb_rules.usable_name(h.person):
                continue
            start, end = kb_rules.start_date(h.start), kb_rules.end_date(h.end)
            if end is not None and end.isoformat() < SINCE:
                continue
            if start is not None and end is not None and start >= end:
                continue  # inverted dates in the source
            country = qid_iso3.get(h.jurisdiction_qid) or kb_rules.iso3_of(h.jurisdiction_name)
            affiliation = None
            if h.repo == "world":
                affiliation = next(
                    (o for p, o in kb_rules.INTERNATIONAL_POSTS if re.search(p, h.position, re.I)),
                    None,
                )
            elif not country:
                continue  # sub-national or unrecognised jurisdiction
            entry = people.setdefault(h.qid, [h.person, h.gender, set(), []])
            entry[2].update(_aliases(h))
            row = _role_row(h, country, affiliation)
            if row not in entry[3]:
                entry[3].append(row)
    return people


def _aliases(h: sources.Holding) -> set[str]:
    names = {h.person, kb_rules.ascii_fold(h.person)}
    title = kb_rules.clean_wiki_title(h.enwiki) if h.enwiki else ""
    if title:
        names |= {title, kb_rules.ascii_fold(title)}
    return {n for n in names if kb_rules.usable_name(n)}


def _add_recent_roles(rows: dict[str, list[Any]], curated_aliases: set[str]) -> list[str]:
    """Roles compiled by hand for the years after the snapshots, added to the person of that
    name (a new person without a Wikidata id when the base has none); returns the new keys."""
    compiled = json.loads((COMPILED / "recent_office_holders.json").read_text(encoding="utf-8"))
    by_name: dict[str, str] = {}
    for qid, (_, _, aliases, _) in rows.items():
        for alias in aliases:
            by_name.setdefault(alias, qid)
    added: list[str] = []
    for role in compiled["roles"]:
        name = role["name"]
        if name in curated_aliases:
            continue
        key = by_name.get(name) or by_name.get(kb_rules.ascii_fold(name))
        if key is None:
            key = by_name[name] = f"compiled:{slugify(name)}"
            rows[key] = [name, "", {name, kb_rules.ascii_fold(name)}, []]
            added.append(key)
        row = [role["role"], role["country"], role["sector"], role["affiliation"]]
        row += [role["start"], role["end"]]
        if row not in rows[key][3]:
            rows[key][3].append(row)
    return added


def build_people(mirror: Path, qid_iso3: dict[str, str]) -> tuple[list[list[Any]], int]:
    """Compact people rows, and how many hand-curated people got a Wikidata id."""
    rows = _holding_rows(mirror, qid_iso3)
    curated_people = curated("people.json")
    by_alias = {a: p for p in curated_people["people"] for a in (p["name"], *p.get("aliases", []))}
    _add_recent_roles(rows, set(by_alias))
    linked = 0
    out: list[list[Any]] = []
    used_ids: dict[str, str] = {}
    for key in sorted(
        rows, key=lambda q: (not q.startswith("Q"), int(q[1:]) if q[1:].isdigit() else 0, q)
    ):
        name, gender, aliases, roles = rows[key]
        qid = key if key.startswith("Q") else None
        match = next((by_alias[a] for a in sorted(aliases) if a in by_alias), None)
        if match is not None:
            if qid and not match.get("wikidata"):
                match["wikidata"] = qid
                linked += 1
            continue
        slug = f"person:{slugify(name)}"
        person_id = slug if used_ids.setdefault(slug, key) == key else f"{slug}-{key.lower()}"
        roles.sort(key=lambda r: r[4] or "")
        gender_code = {"male": "m", "female": "f"}.get(gender)
        out.append([person_id, name, qid, gender_code, sorted(aliases - {name}), roles])
    _write_curated("people.json", curated_people)
    return out, linked


def build_organizations(mirror: Path) -> tuple[list[dict[str, Any]], int]:
    curated_orgs = curated("organizations.json")
    by_name = {
        a.lower(): o for o in curated_orgs["organizations"] for a in (o["name"], *o["aliases"])
    }
    out: list[dict[str, Any]] = []
    linked = 0
    seen: set[str] = set()
    for body in sources.supranational_bodies(mirror):
        qid = str(body.get("Wikidata_code") or "")
        name = str(body.get("Name_en") or body["key"])
        if not re.fullmatch(r"Q\d+", qid) or qid in seen:
            continue
        seen.add(qid)
        aliases = [str(body[k]) for k in ("Name_other_en", "Name_other_2_en") if body.get(k)]
        abbreviation = str(body.get("Abbreviation_en") or "")
        if abbreviation and abbreviation not in AMBIGUOUS_ABBREVIATIONS and len(abbreviation) > 1:
            aliases.append(abbreviation)
        match = next((by_name[n.lower()] for n in (name, *aliases) if n.lower() in by_name), None)
        if match is not None:
            if not match.get("wikidata"):
                match["wikidata"] = qid
                linked += 1
            continue
        org_id = "org:" + re.sub(r"[^A-Za-z0-9._-]+", "_", abbreviation or slugify(name))
        if any(o["id"] == org_id for o in out) or org_id in {o["id"] for o in by_name.values()}:
            org_id = f"org:{slugify(name)}"
        out.append(
            {"id": org_id, "name": name, "aliases": aliases, "sector": "IGO", "wikidata": qid}
        )
    _write_curated("organizations.json", curated_orgs)
    return out, linked


def _write_curated(name: str, data: dict[str, Any]) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    (DATA / name).write_text(text, encoding="utf-8")


def build_armed_groups() -> tuple[list[dict[str, Any]], int]:
    """Compiled armed groups (not already hand-curated); curated ones get their Wikidata id."""
    compiled = json.loads((COMPILED / "armed_groups.json").read_text(encoding="utf-8"))
    curated_groups = curated("armed_groups.json")
    by_alias = {
        a.lower(): g for g in curated_groups["armed_groups"] for a in (g["name"], *g["aliases"])
    }
    out: list[dict[str, Any]] = []
    linked = 0
    for group in compiled["armed_groups"]:
        names = (group["name"], *group["aliases"])
        match = next((by_alias[a.lower()] for a in names if a.lower() in by_alias), None)
        if match is not None:
            if group.get("wikidata") and not match.get("wikidata"):
                match["wikidata"] = group["wikidata"]
                linked += 1
            continue
        out.append(group)
    _write_curated("armed_groups.json", curated_groups)
    return out, linked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mirror", nargs="?", default="/work/.mirror", type=Path)
    parser.add_argument("--out", default=DATA / "kb.json.gz", type=Path)
    args = parser.parse_args()
    states = country_qids(args.mirror)
    qid_iso3 = {q: iso for iso, q in states.items()}
    people, linked_people = build_people(args.mirror, qid_iso3)
    orgs, linked_orgs = build_organizations(args.mirror)
    groups, linked_groups = build_armed_groups()
    kb = {
        "states": states,
        "people": people,
        "organizations": orgs,
        "armed_groups": groups,
        "compiled_people": sorted(p[0] for p in people if p[2] is None),
    }
    payload = json.dumps(kb, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    args.out.write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))
    roles = sum(len(p[5]) for p in people)
    print(
        f"states {len(states)}; people {len(people)} (+{linked_people} curated linked), "
        f"roles {roles}; organisations {len(orgs)} (+{linked_orgs} curated linked); "
        f"armed groups {len(groups)} (+{linked_groups} curated linked); "
        f"{args.out} {args.out.stat().st_size} bytes"
    )


if __name__ == "__main__":
    main()
