"""The shipped CAMEO verb lexicon file (``ingest/data/cameo_verbs.json``) and its reader."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from ingest.lexicon_verbs import LexiconFileError, default_verb_lexicon, parse_lexicon
from ontology.plover import cameo_table
from scripts.triggers.cameo_lexicon import STATEMENT_VERBS


def _shipped() -> dict[str, object]:
    text = resources.files("ingest").joinpath("data/cameo_verbs.json").read_text("utf-8")
    data = json.loads(text)
    assert isinstance(data, dict)
    return data


def test_shipped_file_names_its_source_and_licence() -> None:
    about = _shipped()["about"]
    assert isinstance(about, dict)
    assert "openeventdata/petrarch2" in about["source"]
    assert about["licence"].startswith("MIT")
    assert len(about["commit"]) == 40


def test_shipped_codes_all_map_to_plover_types_and_no_statement_verbs() -> None:
    lexicon = default_verb_lexicon()
    tables = (lexicon.verbs, lexicon.phrases, lexicon.objects)
    assert all(code in cameo_table() for table in tables for code in table.values())
    assert not any(code.startswith("01") for table in tables for code in table.values())
    assert not STATEMENT_VERBS & {key.split()[0] for table in tables for key in table}
    assert len(lexicon.verbs) > 500 and lexicon.phrases["call off"].startswith("16")


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "[]",
        '{"verbs": {}, "phrases": {}}',
        '{"verbs": {"x": 1}, "phrases": {}, "objects": {}}',
        '{"verbs": {"x": "999"}, "phrases": {}, "objects": {}}',
    ],
)
def test_malformed_files_are_refused(text: str) -> None:
    with pytest.raises(LexiconFileError):
        parse_lexicon(text)
