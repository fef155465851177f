"""Language check: English passes, other languages are refused with a clear message."""

from __future__ import annotations

import pytest

from ingest import UnsupportedLanguage
from ingest.language import detect_language, ensure_supported

GERMAN = (
    "Der Bundeskanzler hat am Donnerstag in Berlin mit dem französischen Präsidenten über die "
    "Lage in der Ukraine gesprochen und weitere Hilfen für das Land angekündigt."
)
SPANISH = (
    "El presidente de Francia se reunió el jueves con el canciller alemán para hablar sobre "
    "la guerra en Ucrania y las nuevas sanciones contra Rusia."
)


def test_english_news_is_english() -> None:
    text = (
        "U.S. Secretary of State Antony Blinken met his Russian opposite number on Thursday to "
        "warn him of the serious consequences Russia would suffer if it invaded Ukraine."
    )
    assert ensure_supported(text) == "en"


def test_upper_case_wire_copy_is_english() -> None:
    assert detect_language("SHOWERS CONTINUED THROUGHOUT THE WEEK IN THE BAHIA COCOA ZONE") == "en"


def test_german_is_refused_with_its_code() -> None:
    with pytest.raises(UnsupportedLanguage, match=r"unsupported language: de \(only English"):
        ensure_supported(GERMAN)


def test_spanish_is_detected() -> None:
    assert detect_language(SPANISH) == "es"


def test_detection_is_deterministic() -> None:
    assert {detect_language(SPANISH) for _ in range(5)} == {"es"}


def test_very_short_text_defaults_to_english() -> None:
    assert detect_language("Guten Tag") == "en"
    assert detect_language("") == "en"
    assert detect_language("12345 !!!") == "en"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Le président français a rencontré jeudi le chancelier allemand pour discuter de la "
            "guerre en Ukraine et des nouvelles sanctions contre la Russie.",
            "fr",
        ),
        (
            "De Nederlandse regering heeft donderdag besloten om extra wapens naar Oekraïne te "
            "sturen, zo meldde het ministerie van Defensie.",
            "nl",
        ),
        (
            "Президент России Владимир Путин провел в четверг переговоры с президентом Франции о "
            "ситуации на Украине.",
            "ru",
        ),
    ],
)
def test_other_languages(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_tables_of_figures_are_not_foreign() -> None:
    table = "Shr one dlr vs 73 cts\n\nNet 12.6 mln vs 15.8 mln\n\nRevs 337.3 mln vs 315.2 mln"
    assert detect_language(table) == "en"
    assert (
        detect_language("Net 52.9 mln vs 21.9 mln\n\nNOTE: Company is mutual savings bank.") == "en"
    )
