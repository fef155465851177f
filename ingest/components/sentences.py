"""``dekg_sentences_v1``: sentence starts the parser misses after abbreviations and handles.

Runs first, before the parser, which keeps the starts it is given. The English tokenizer
keeps a final period inside abbreviations ("U.S.", "Corp.", "p.m.") and single-letter initials
("J.", "X."), so "… in the U.K. But officials …" or "… posted on X. Militants attacked …" give
the parser no period to end the sentence on. A start is set where:

- an abbreviation (not a title such as "Gen." or "Dr.") is followed by a capitalised word
  that begins sentences and never continues a name ("The", "It", "But", "In" …);
- a single capital letter closes the phrase "on/via <letter>." (the platform X, formerly
  Twitter) and a capitalised word follows; that letter is split from its period so that the
  parse sees a noun and a full stop;
- "a.m."/"p.m." is followed by a capitalised word that is not a day, month or time zone.

Initials inside names ("J. Smith", "U.S. Embassy", "Gen. Ali") are left alone.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Token

# Capitalised words that start a sentence and are not part of a name ("And" is left out:
# older wire copy capitalises it after "U.S." inside sentences).
OPENERS = frozenset(
    {
        "the",
        "a",
        "an",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "this",
        "these",
        "those",
        "there",
        "but",
        "yet",
        "so",
        "in",
        "on",
        "at",
        "after",
        "before",
        "meanwhile",
        "however",
        "his",
        "her",
        "its",
        "their",
        "our",
        "some",
        "many",
        "most",
        "under",
        "when",
        "while",
        "if",
        "since",
        "during",
        "earlier",
        "later",
        "according",
        "also",
        "both",
        "each",
        "instead",
        "still",
        "then",
        "what",
        "why",
        "how",
    }
)
# Abbreviations that come before a name, not at the end of a sentence.
TITLES = frozenset(
    {
        "mr.",
        "mrs.",
        "ms.",
        "dr.",
        "gen.",
        "lt.",
        "col.",
        "maj.",
        "sgt.",
        "capt.",
        "adm.",
        "gov.",
        "sen.",
        "rep.",
        "rev.",
        "prof.",
        "st.",
        "mt.",
        "ft.",
        "no.",
        "nos.",
        "vs.",
        "v.",
        "pres.",
        "sec.",
        "amb.",
        "cmdr.",
        "brig.",
        "hon.",
    }
)
HANDLE_PREPS = frozenset({"on", "via"})
_TIMES = frozenset({"a.m.", "p.m."})
_NOT_AFTER_TIME = frozenset(
    {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "et",
        "est",
        "edt",
        "gmt",
        "utc",
        "pt",
        "pst",
        "pdt",
        "cet",
        "cest",
        "local",
        "jan.",
        "feb.",
        "aug.",
        "sept.",
        "oct.",
        "nov.",
        "dec.",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    }
)
_ABBREVIATION = re.compile(r"^[A-Za-z][A-Za-z.]*\.$")
_LETTER = re.compile(r"^[A-Z]\.$")


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


def _ends_sentence(token: Token, following: Token) -> bool:
    """The abbreviation ``token`` ends its sentence before ``following``."""
    if not token.whitespace_ or not _capitalised(following):
        return False
    lower = token.lower_
    if lower in _TIMES:
        return following.lower_ not in _NOT_AFTER_TIME and not (
            following.i + 1 < len(token.doc) and token.doc[following.i + 1].lower_ == "time"
        )
    if lower in TITLES or not _ABBREVIATION.match(token.text):
        return False
    if following.lower_ in OPENERS:
        return True
    return is_handle(token) and not _ABBREVIATION.match(following.text)


def is_handle(token: Token) -> bool:
    """A single capital letter with its period after "on"/"via" ("posted on X.")."""
    return (
        bool(_LETTER.match(token.text))
        and token.i > 0
        and token.doc[token.i - 1].lower_ in HANDLE_PREPS
    )


def sentence_ends(doc: Doc) -> list[int]:
    """Indexes of the abbreviation tokens that end a sentence."""
    return [t.i for t in doc[:-1] if _ends_sentence(t, doc[t.i + 1])]


def split_sentences(doc: Doc) -> Doc:
    """Set the sentence starts (and split "X." into "X" + ".") in place."""
    ends = sentence_ends(doc)
    handles = [i for i in ends if is_handle(doc[i])]
    if handles:
        with doc.retokenize() as retokenizer:
            for i in handles:
                token = doc[i]
                retokenizer.split(token, [token.text[:-1], "."], heads=[(token, 0), (token, 1)])
    for i in ends:
        moved = i + sum(1 for h in handles if h <= i)  # each split before it adds a token
        doc[moved + 1].is_sent_start = True
    return doc


@Language.factory("dekg_sentences_v1")
def make_sentence_splitter(nlp: Language, name: str) -> object:
    """Build the sentence-start component (add it first)."""
    return split_sentences
