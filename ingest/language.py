"""Language check: dekg extracts events from English text only.

Most input is English news, so a cheap test on English function words decides first; only
texts that fail it go to ``langdetect`` (seeded, so the answer is the same on every run).
Very short texts carry too little signal and are taken as English.
"""

from __future__ import annotations

import importlib
import re
from functools import cache
from threading import Lock

from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException

from ingest import UnsupportedLanguage

SUPPORTED = frozenset({"en"})
#: Texts with fewer words than this are taken as English.
MIN_WORDS = 8
#: Share of English function words above which a text is English without further tests.
ENGLISH_SHARE = 0.12
#: Share of the detected language's stop words a text needs before it is refused: tables of
#: figures ("Shr 34 cts vs 1.19 dlrs") fool character n-grams, not stop words.
FOREIGN_SHARE = 0.15
#: Languages told apart by their stop words (spaCy's lists), English first.
STOP_WORD_LANGUAGES = (
    "en",
    "de",
    "fr",
    "es",
    "it",
    "nl",
    "pt",
    "sv",
    "da",
    "nb",
    "fi",
    "pl",
    "tr",
    "ro",
    "hu",
    "cs",
    "id",
    "ca",
    "hr",
)
_SAMPLE_CHARS = 2000
_DETECT_CHARS = 600
_FUNCTION_TEXT = (
    "the of and to in a is that for on with as was by at from it has have be are said its his "
    "their an will not were this would which who had been after but or"
)
_FUNCTION_WORDS = frozenset(_FUNCTION_TEXT.split())
_WORD = re.compile(r"[^\W\d_]+")
_NON_LATIN = re.compile(r"[^\u0000-\u024f]")
_LOCK = Lock()


def _share(words: list[str], vocabulary: frozenset[str] | set[str]) -> float:
    return sum(1 for w in words if w in vocabulary) / len(words)


@cache
def _stop_words(language: str) -> frozenset[str] | None:
    """spaCy's stop word list of a language, when spaCy has one."""
    try:
        module = importlib.import_module(f"spacy.lang.{language}.stop_words")
    except ImportError:
        return None
    return frozenset(getattr(module, "STOP_WORDS", ()))


def _guess(text: str) -> str:
    with _LOCK:  # langdetect's seeded factory is shared module state
        DetectorFactory.seed = 0
        try:
            guesses = detect_langs(text[:_DETECT_CHARS])
        except LangDetectException:
            return "en"
    return guesses[0].lang.split("-")[0] if guesses else "en"


def _non_latin_share(words: list[str]) -> float:
    letters = "".join(words)
    return len(_NON_LATIN.findall(letters)) / max(1, len(letters))


@cache
def _own_stop_words(language: str) -> frozenset[str]:
    """A language's stop words that are not English stop words as well."""
    return (_stop_words(language) or frozenset()) - (_stop_words("en") or frozenset())


def _best_stop_word_language(words: list[str]) -> tuple[str, float]:
    """The language whose own stop words are most frequent in ``words``, and their share."""
    best, best_share = "en", 0.0
    for language in STOP_WORD_LANGUAGES[1:]:
        share = _share(words, _own_stop_words(language))
        if share > best_share:
            best, best_share = language, share
    return best, best_share


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the text's language ("en" for short, tabular or English text).

    English function words decide most texts at once. Otherwise the language whose stop words
    (spaCy's lists) are most frequent wins when they make up a real share of the words, so
    tables of figures ("Shr 34 cts vs 1.19 dlrs") stay English; texts in non-Latin scripts go to
    ``langdetect`` (seeded).
    """
    words = [w.lower() for w in _WORD.findall(text[:_SAMPLE_CHARS])]
    if sum(map(len, words)) >= 4 * MIN_WORDS and _non_latin_share(words) >= 0.5:
        return _guess(text)  # Cyrillic, Arabic, CJK...: few spaces, so counted in letters
    if len(words) < MIN_WORDS or _share(words, _FUNCTION_WORDS) >= ENGLISH_SHARE:
        return "en"
    language, share = _best_stop_word_language(words)
    return language if share >= FOREIGN_SHARE else "en"


def ensure_supported(text: str) -> str:
    """The language of ``text`` when dekg supports it.

    Raises:
        UnsupportedLanguage: e.g. "unsupported language: de (only English is supported)".
    """
    language = detect_language(text)
    if language not in SUPPORTED:
        raise UnsupportedLanguage(f"unsupported language: {language} (only English is supported)")
    return language
