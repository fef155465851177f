"""Hand-written sentences through the real pipeline: the helper of the case tests
(``test_arguments_reach``, ``test_framing``); their ``extractor`` fixture is in ``conftest``."""

from __future__ import annotations

import datetime as dt

from ingest.extract import Extractor
from ontology.model import Article, Event

#: The publication date of every case (relative dates resolve against it).
DAY = dt.date(2024, 6, 3)


def events(extractor: Extractor, text: str) -> list[Event]:
    """The events the pipeline finds in ``text`` (published on ``DAY``)."""
    result = extractor.extract(Article(id="case", text=text, published=DAY))
    assert result.ok, result.error
    return list(result.events)
