"""Readers for the public sources of the actor knowledge base (see ingest/actors/data/SOURCES.md).

Every reader takes the directory that holds the repository snapshots brought in with the
search tool's ``fetch`` (``<owner>+<name>/repo``, bare or not) and reads files from their
newest commit with ``git show``, so nothing has to be checked out.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

EP_OWNER = "every-politician-scrapers"


@dataclass(frozen=True)
class Holding:
    """One office held, as a row of a Wikidata position-holder table."""

    position: str
    person: str
    qid: str
    start: str
    end: str
    gender: str
    enwiki: str
    jurisdiction_qid: str
    jurisdiction_name: str
    repo: str


def git_dir(snapshot: Path) -> Path:
    repo = snapshot / "repo"
    return repo / ".git" if (repo / ".git").is_dir() else repo


def git_show(snapshot: Path, path: str) -> str | None:
    """The text of ``path`` at HEAD of a snapshot, or None when it has no such file."""
    result = subprocess.run(
        ["git", "--git-dir", str(git_dir(snapshot)), "show", f"HEAD:{path}"],
        capture_output=True,
        check=False,
    )
    return result.stdout.decode("utf-8") if result.returncode == 0 else None


def head_date(snapshot: Path) -> str:
    result = subprocess.run(
        ["git", "--git-dir", str(git_dir(snapshot)), "log", "-1", "--format=%cs"],
        capture_output=True,
        check=True,
    )
    return result.stdout.decode().strip()


def every_politician_snapshots(mirror: Path) -> list[Path]:
    return sorted(p for p in mirror.glob(f"{EP_OWNER}+*") if (p / "repo").exists())


def _holdings_table(
    table: str, *, repo: str, jurisdiction: dict[str, Any] | None = None, details: bool = True
) -> Iterator[Holding]:
    """The rows of a ``holders21.csv`` table that name a person with a QID.

    ``details``: read the holder's gender and English Wikipedia title (the world repository's
    table of international offices is read without them).
    """
    jurisdiction = jurisdiction or {}
    for row in csv.DictReader(io.StringIO(table)):
        if not row.get("personID") or not row.get("person"):
            continue
        yield Holding(
            position=row["position"].strip(),
            person=row["person"].strip(),
            qid=row["personID"].strip(),
            start=(row.get("start") or "").strip(),
            end=(row.get("end") or "").strip(),
            gender=(row.get("gender") or "").strip() if details else "",
            enwiki=(row.get("enwiki") or "").strip() if details else "",
            jurisdiction_qid=str(jurisdiction.get("id", "")),
            jurisdiction_name=str(jurisdiction.get("name", "")),
            repo=repo,
        )


def holdings(snapshot: Path) -> Iterator[Holding]:
    """Rows of ``html/holders21.csv`` (office holders since 2000) of one country repository."""
    meta_text = git_show(snapshot, "meta.json")
    table = git_show(snapshot, "html/holders21.csv")
    if not meta_text or not table:
        return
    yield from _holdings_table(
        table,
        repo=snapshot.name.split("+", 1)[1],
        jurisdiction=json.loads(meta_text).get("jurisdiction") or {},
    )


def foreign_ministers_countries(mirror: Path) -> dict[str, str]:
    """Country QID → label, from the world repository's table of current foreign ministers."""
    text = git_show(mirror / f"{EP_OWNER}+world", "sources/foreign/wikidata.csv") or ""
    return {
        row["country"]: row["countryLabel"]
        for row in csv.DictReader(io.StringIO(text))
        if row.get("country")
    }


def international_holdings(mirror: Path) -> Iterator[Holding]:
    """Holders of international offices (UN Secretary-General, ICJ judges, ...)."""
    text = git_show(mirror / f"{EP_OWNER}+world", "html/holders21.csv") or ""
    return _holdings_table(text, repo="world", details=False)


def supranational_bodies(mirror: Path) -> list[dict[str, Any]]:
    """International organisations with Wikidata codes, names and abbreviations (SupraVerden)."""
    text = git_show(mirror / "confirmordeny+supraverden", "data/general_list.yaml") or "{}"
    data = yaml.safe_load(text) or {}
    return [dict(v, key=k) for k, v in data.items() if isinstance(v, dict)]


def phoenix_file(mirror: Path, name: str) -> str:
    return git_show(mirror / "openeventdata+petrarch2", f"petrarch2/data/dictionaries/{name}") or ""
