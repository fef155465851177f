"""Fixtures shared by the ingest tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from ingest.components.actor_ruler import add_actor_components
from ingest.extract import Extractor
from ingest.nlp import load_base, load_pipeline


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The English base pipeline with the actor components (no event components)."""
    pipeline = load_base("en_core_web_sm")
    add_actor_components(pipeline)
    return pipeline


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    """The full pipeline's extractor (one per test module)."""
    return Extractor(load_pipeline("en_core_web_sm"))
