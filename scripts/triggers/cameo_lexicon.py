"""Derive ``ingest/data/cameo_verbs.json`` from the PETRARCH2 CAMEO verb dictionary.

Source: ``petrarch2/data/dictionaries/CAMEO.2.0.txt`` of github.com/openeventdata/petrarch2
(MIT licence, (c) 2015 Open Event Data Alliance; see docs/decisions/0019). Only the verb
pattern section is read, and only three kinds of entry are kept:

- a verb with a code (its own ``[code]`` or its block's default) → ``verbs``;
- a multi-word verb (``+CALL_OFF``) → ``phrases`` ("call off": the verb and its particle or
  preposition);
- a one-word object pattern of a block (``- * SANCTIONS [163]``) applied to each one-word verb
  of the block → ``objects`` ("add sanctions").

A ``[a:b]`` code keeps its first non-empty part. Codes that do not map to a PLOVER type in
``ontology.plover.cameo_table`` (e.g. the 01x public statements) and the plain statement verbs
in ``STATEMENT_VERBS`` are dropped; when two blocks give a key different codes, the first wins.

Usage: ``git -C <petrarch2 mirror> show HEAD:petrarch2/data/dictionaries/CAMEO.2.0.txt >
/tmp/CAMEO.2.0.txt && python scripts/triggers/cameo_lexicon.py /tmp/CAMEO.2.0.txt
--commit <sha>`` (writes ``ingest/data/cameo_verbs.json``).
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ontology.plover import cameo_table

OUT = Path(__file__).resolve().parents[2] / "ingest" / "data" / "cameo_verbs.json"
SOURCE = "https://github.com/openeventdata/petrarch2 petrarch2/data/dictionaries/CAMEO.2.0.txt"
LICENCE = "MIT License, Copyright (c) 2015 Open Event Data Alliance"
STATEMENT_VERBS = frozenset(
    [
        "say",
        "tell",
        "note",
        "state",
        "add",
        "comment",
        "remark",
        "mention",
        "reply",
        "respond",
        "write",
        "speak",
        "talk",
        "announce",
        "report",
        "claim",
        "declare",
        "describe",
        "explain",
        "stress",
        "emphasize",
        "insist",
    ]
)

# The second word of a kept multi-word verb: a particle or preposition ("call off").
PARTICLES = frozenset(
    [
        "off",
        "up",
        "down",
        "out",
        "over",
        "back",
        "in",
        "on",
        "with",
        "at",
        "to",
        "for",
        "by",
        "from",
        "into",
        "away",
        "against",
        "about",
        "through",
        "along",
        "around",
        "apart",
        "aside",
        "forward",
    ]
)

_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
_CODE = re.compile(r"\[([^\]]*)\]")
_OBJECT = re.compile(r"^-\s+\*\s+([A-Z]+)\s*\[([^\]]*)\]")


def parse_code(raw: str) -> str | None:
    """The code of a ``[...]`` field: its first non-empty ``:`` part when all digits."""
    for part in (p.strip() for p in raw.split(":")):
        if part:
            return part if part.isdigit() else None
    return None


@dataclass
class Lexicon:
    verbs: dict[str, str] = field(default_factory=dict)
    phrases: dict[str, str] = field(default_factory=dict)
    objects: dict[str, str] = field(default_factory=dict)
    conflicts: int = 0

    def keep(self, table: dict[str, str], key: str, code: str | None) -> None:
        if code is None or not _codes_plover(code) or key.split(maxsplit=1)[0] in STATEMENT_VERBS:
            return
        old = table.setdefault(key, code)
        self.conflicts += old != code


def _codes_plover(code: str) -> bool:
    return code in cameo_table() and not code.startswith("01")


def _verb_line(line: str) -> tuple[str, bool, str | None]:
    """(lower-case words, is multi-word, own code) of a verb line."""
    body = re.sub(r"\{[^}]*\}", " ", line.split("#", 1)[0])
    own = _CODE.search(body)
    word = body.split()[0]
    words = " ".join(w for w in word.lstrip("+").lower().split("_") if w)
    return words, word.startswith("+"), parse_code(own[1]) if own else None


def _keep_objects(out: Lexicon, block: list[str], pattern: re.Match[str] | None) -> None:
    """A one-word object pattern, for each one-word verb of its block."""
    if pattern is not None:
        for verb in block:
            out.keep(out.objects, f"{verb} {pattern[1].lower()}", parse_code(pattern[2]))


def derive(text: str) -> Lexicon:
    """The lexicon of the verb-pattern section of a PETRARCH verb dictionary's text."""
    out = Lexicon()
    in_verbs, default, block = False, None, list[str]()
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("#######"):
            in_verbs = "VERB PATTERNS" in line
            continue
        if not in_verbs or not line or line.startswith("#"):
            continue
        header = _HEADER.match(line)
        if header:
            default, block = parse_code(header[2]), []
        elif line.startswith("-"):
            _keep_objects(out, block, _OBJECT.match(line))
        elif line[0].isalpha() or line[0] == "+":
            words, multi, own = _verb_line(line)
            if multi and " " in words:
                if len(words.split()) == 2 and words.split()[1] in PARTICLES:
                    out.keep(out.phrases, words, own or default)
            elif words:
                block.append(words)
                out.keep(out.verbs, words, own or default)
    return out


def document(lexicon: Lexicon, commit: str) -> dict[str, object]:
    """The JSON document written to the data file."""
    return {
        "about": {
            "source": SOURCE,
            "commit": commit,
            "licence": LICENCE,
            "derived_by": "scripts/triggers/cameo_lexicon.py",
            "counts": {
                "verbs": len(lexicon.verbs),
                "phrases": len(lexicon.phrases),
                "objects": len(lexicon.objects),
            },
        },
        "verbs": dict(sorted(lexicon.verbs.items())),
        "phrases": dict(sorted(lexicon.phrases.items())),
        "objects": dict(sorted(lexicon.objects.items())),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("dictionary", type=Path)
    parser.add_argument("--commit", default="unknown")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    lexicon = derive(args.dictionary.read_text("utf-8", errors="replace"))
    text = json.dumps(document(lexicon, args.commit), indent=0, ensure_ascii=False)
    args.out.write_text(text + "\n", "utf-8")
    print(
        f"verbs {len(lexicon.verbs)}, phrases {len(lexicon.phrases)}, "
        f"objects {len(lexicon.objects)}, conflicting keys {lexicon.conflicts}"
    )


if __name__ == "__main__":
    main()
