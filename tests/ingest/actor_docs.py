"""Run the actor pipeline on a text with a document date, as the Extractor does."""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc


def run(nlp: Language, text: str, day: dt.date | None = dt.date(2021, 12, 2)) -> Doc:
    doc = nlp.make_doc(text)
    doc._.dekg_doc_date = day
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc
