"""Language check: dekg extracts events from English text only.

Most input is English news, so a cheap test on English function words decides first; only
texts that fail it go to ``langdetect`` (seeded, so the answer is the same on every run).
Very short texts carry too little signal and are taken as English.
"""

from __future__ import annotations

import re
from threading import Lock

from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException

from ingest import UnsupportedLanguage

SUPPORTED = frozenset({"en"})
#: Texts with fewer words than this are taken as English.
MIN_WORDS = 8
_SAMPLE_CHARS = 2000
_FUNCTION_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "with",
        "as",
        "was",
        "by",
        "at",
        "from",
        "it",
        "has",
        "have",
        "be",
        "are",
        "said",
        "its",
        "his",
        "their",
        "an",
        "will",
        "not",
        "were",
        "this",
        "would",
        "which",
        "who",
        "had",
        "been",
        "after",
        "but",
        "or",
    ]
)
_WORD = re.compile(r"[^\W\d_]+")
_LOCK = Lock()


def _english_share(words: list[str]) -> float:
    return sum(1 for w in words if w in _FUNCTION_WORDS) / len(words)


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the text's language ("en" for short or clearly English text)."""
    words = [w.lower() for w in _WORD.findall(text[:_SAMPLE_CHARS])]
    if len(words) < MIN_WORDS or _english_share(words) >= 0.2:
        return "en"
    with _LOCK:  # langdetect's seeded factory is shared module state
        DetectorFactory.seed = 0
        try:
            guesses = detect_langs(text[:_SAMPLE_CHARS])
        except LangDetectException:
            return "en"
    return guesses[0].lang.split("-")[0] if guesses else "en"


def ensure_supported(text: str) -> str:
    """The language of ``text`` when dekg supports it.

    Raises:
        UnsupportedLanguage: e.g. "unsupported language: de (only English is supported)".
    """
    language = detect_language(text)
    if language not in SUPPORTED:
        raise UnsupportedLanguage(f"unsupported language: {language} (only English is supported)")
    return language
