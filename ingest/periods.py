"""What the clause of a trigger says about its time besides a dated expression: tense, vague
times, background aspect and periods named elsewhere in the clause (used by
``ingest.event_time``).
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Span, Token

from ingest import clauses
from ingest.dates import ResolvedDate, resolve
from ontology.model import DatePrecision

VAGUE = re.compile(
    r"\b(?:at some (?:point|stage)|eventually|some ?day|one day|soon|sooner or later|"
    r"in (?:the )?(?:near |distant |foreseeable )?future|in due course|at a later (?:date|stage)|"
    r"in the (?:coming|next few) (?:days|weeks|months|years))\b",
    re.IGNORECASE,
)
_VAGUE_DEPS = frozenset({"advmod", "prep", "npadvmod", "advcl"})
_PRESENT_TAGS = frozenset({"VBZ", "VBP", "MD"})
# Prepositions before a period that place the event in it ("in August", "during 2023"); others
# only bound it ("since March", "until May", "by June") or date another event.
_PERIOD_PREPS = frozenset({"in", "during", "earlier", "late", "early", "mid", "this", "last"})
_BOUNDING = frozenset({"since", "until", "till", "by", "before", "after", "through", "from", "to"})
_COARSE = frozenset({DatePrecision.WEEK, DatePrecision.MONTH, DatePrecision.YEAR})


def is_vague(token: Token) -> bool:
    """A vague time modifies the token ("will meet at some point", "eventually")."""
    for child in token.children:
        if child.dep_ in _VAGUE_DEPS and VAGUE.search(
            " ".join(t.text for t in child.subtree if t.i - child.i < 8)
        ):
            return True
    return False


def _tensed(token: Token) -> Token | None:
    """The token carrying the tense of the trigger's clause: its own auxiliaries or the verbs
    governing it inside the clause ("is scheduled to meet" → "is")."""
    for tok in clauses.clause_chain(token):
        auxes = [c for c in tok.children if c.dep_ in {"aux", "auxpass"} and c.tag_ != "TO"]
        if auxes:
            return auxes[0]
        if tok.pos_ in {"VERB", "AUX"} and tok.tag_ in {"VBD"} | _PRESENT_TAGS:
            return tok
    return None


def forward_tense(token: Token) -> bool:
    """The trigger's clause is told in the present or future ("will meet Tuesday", "hold talks
    Tuesday", "is scheduled to meet on Wednesday"): a bare weekday then points forward. The
    past, a perfect, or no tense at all (untagged text) points back."""
    tensed = _tensed(token)
    if tensed is None or tensed.lemma_ == "have":
        return False
    return tensed.tag_ in _PRESENT_TAGS


def undatable_perfect(token: Token) -> bool:
    """The past perfect ("had shelled": before the story's time) or the perfect progressive
    ("has been fighting": ongoing), which date no single day."""
    for tok in clauses.clause_chain(token):
        auxes = [c for c in tok.children if c.dep_ in {"aux", "auxpass"}]
        if any(a.lower_ == "had" for a in auxes) and tok.tag_ == "VBN":
            return True
        if tok.tag_ == "VBG" and any(a.lemma_ == "have" for a in auxes):
            return True
    return False


def _date_spans(token: Token) -> list[Span]:
    region = {t.i for t in clauses.clause_top(token).subtree}
    return [e for e in token.doc.ents if e.label_ == "DATE" and e.start in region]


def clause_period(token: Token, anchor: dt.date, *, future: bool) -> ResolvedDate | None:
    """A week, month or year named in the trigger's clause that the event happened in
    ("accused … of violating its airspace in August"), past unless ``future``."""
    for span in _date_spans(token):
        before = token.doc[span.start - 1].lower_ if span.start > 0 else ""
        if before in _BOUNDING or span[0].lower_ in _BOUNDING:
            continue
        text = f"{before} {span.text}" if before in _PERIOD_PREPS else span.text
        found = resolve(text, anchor, future=future)
        if found.date is None or found.precision not in _COARSE:
            continue
        if future or found.date <= anchor:
            return found
    return None


# Dependencies of a date that modifies a thing, not the time of a clause ("the 1995 Dayton
# Accords", "its 2015 agreement", "Sunday's elections").
_NOUN_MODIFIER_DEPS = frozenset({"compound", "amod", "nummod", "poss", "nmod"})
_DURATION_PREPS = frozenset({"for", "over", "within"})


def other_time(token: Token, anchor: dt.date) -> bool:
    """The trigger's sentence names a time adjunct that resolves to another day or period
    than the story's day (the trigger's own clause chain named none)."""
    for span in token.doc.ents:
        if span.label_ != "DATE" or not (token.sent.start <= span.start < token.sent.end):
            continue
        root = span.root
        if root.dep_ in _NOUN_MODIFIER_DEPS or span.text.lower().endswith(("'s", "’s")):
            continue
        before = token.doc[span.start - 1].lower_ if span.start > 0 else ""
        if before in _DURATION_PREPS or before in _BOUNDING:
            continue
        text = f"{before} {span.text}" if before in _PERIOD_PREPS else span.text
        found = resolve(text, anchor)
        if found.date is not None and found.date != anchor:
            return True
    return False
