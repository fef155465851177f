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
_HABITUAL = frozenset({"repeatedly", "routinely", "regularly", "often", "frequently", "usually"})
_BACKGROUND = frozenset({"always", "constantly", "persistently", "recently", "previously"})
UNDATED_ADVERBS = _HABITUAL | _BACKGROUND | {"formerly", "later", "subsequently"}
_SAME_DAY = frozenset({"hours", "minutes", "moments", "shortly"})
_STRETCHES = frozenset({"days", "weeks", "months", "years", "decades"})
_VAGUE_DEPS = frozenset({"advmod", "prep", "npadvmod", "advcl"})
_PRESENT_TAGS = frozenset({"VBZ", "VBP", "MD"})
# Prepositions before a period that place the event in it ("in August", "during 2023"); others
# only bound it ("since March", "until May", "by June") or date another event.
_PERIOD_PREPS = frozenset({"in", "during", "earlier", "late", "early", "mid", "this", "last"})
_BOUNDING = frozenset({"since", "until", "till", "by", "before", "after", "through", "from", "to"})


def undated_adverb(token: Token) -> bool:
    """An adverb or measure among the token's dependents says the event is no single day of
    the story: habitual ("repeatedly", "routinely", "five times"), a stretch ("for weeks"),
    background ("recently", "previously") or a later happening the text does not date
    ("later")."""
    for child in token.children:
        if child.dep_ == "advmod" and child.lower_ in UNDATED_ADVERBS:
            # "hours later" is still the day of the story; "years later", "later" are not.
            return not any(g.lower_ in _SAME_DAY for g in child.children)
        if child.dep_ in {"npadvmod", "dobj"} and child.lower_ == "times":
            return True
        if child.dep_ == "prep" and child.lower_ in {"for", "over"}:
            words = {t.lower_ for t in child.subtree}
            if words & _STRETCHES:
                return True
    return False


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
    return [e for e in token.doc.ents if e.label_ in {"DATE", "TIME"} and e.start in region]


def clause_period(token: Token, anchor: dt.date, *, future: bool) -> ResolvedDate | None:
    """A week, month or year named in the trigger's clause that the event happened in
    ("accused … of violating its airspace in August"), past unless ``future``."""
    return _clause_time(token, anchor, future=future, day=False)


def clause_day(token: Token, anchor: dt.date, *, future: bool) -> ResolvedDate | None:
    """A day named anywhere in the trigger's clause, also on a noun or a conjoined verb
    ("signed agreements at a White House ceremony on Tuesday", "resigned and fled the country
    on Monday"): in news the day of a clause dates its events. Not a noun's own date
    ("Tuesday's attack", "the 2015 accord") nor a bound ("since", "by")."""
    return _clause_time(token, anchor, future=future, day=True)


def _clause_time(token: Token, anchor: dt.date, *, future: bool, day: bool) -> ResolvedDate | None:
    for span in _date_spans(token):
        before = token.doc[span.start - 1].lower_ if span.start > 0 else ""
        if before in _BOUNDING or span[0].lower_ in _BOUNDING:
            continue
        if day and _modifies_a_thing(span):
            continue
        text = f"{before} {span.text}" if before in _PERIOD_PREPS else span.text
        found = resolve(text, anchor, future=future)
        if found.date is None or (found.precision is DatePrecision.DAY) != day:
            continue
        if day or future or found.date <= anchor:
            return found
    return None


# Dependencies of a date that modifies a thing, not the time of a clause ("the 1995 Dayton
# Accords", "its 2015 agreement", "Sunday's elections").
_NOUN_MODIFIER_DEPS = frozenset({"compound", "amod", "nummod", "poss", "nmod"})
_DURATION_PREPS = frozenset({"for", "over", "within"})


def _modifies_a_thing(span: Span) -> bool:
    return span.root.dep_ in _NOUN_MODIFIER_DEPS or span.text.lower().endswith(("'s", "’s"))


def other_time(token: Token, anchor: dt.date) -> bool:
    """The trigger's sentence names a time adjunct that resolves to another day or period
    than the story's day (the trigger's own clause chain named none)."""
    for span in token.doc.ents:
        if span.label_ != "DATE" or not (token.sent.start <= span.start < token.sent.end):
            continue
        if _modifies_a_thing(span):
            continue
        before = token.doc[span.start - 1].lower_ if span.start > 0 else ""
        if before in _DURATION_PREPS or before in _BOUNDING:
            continue
        text = f"{before} {span.text}" if before in _PERIOD_PREPS else span.text
        found = resolve(text, anchor)
        if found.date is not None and found.date != anchor:
            return True
    return False
