"""Labelled sentences → spaCy training documents (trigger spans labelled with PLOVER types).

For the NER-style tagger the triggers are ``doc.ents`` (overlapping triggers keep the first);
for the span categorizer they are ``doc.spans["sc"]``. Spans are aligned to tokens by
expanding to token boundaries ("will send" → two tokens), so a label never falls between.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span
from spacy.util import filter_spans

from ingest.training.corpus import Sentence

SPANCAT_KEY = "sc"


def blank() -> Language:
    """The tokenizer the model sees: spaCy's English rules, as in the base pipeline."""
    return spacy.blank("en")


def trigger_spans(doc: Doc, sentence: Sentence) -> list[Span]:
    spans: list[Span] = []
    seen: set[tuple[int, int, str]] = set()
    for event in sentence.events:
        span = doc.char_span(*event.trigger, label=event.type, alignment_mode="expand")
        if span is not None and (span.start, span.end, event.type) not in seen:
            seen.add((span.start, span.end, event.type))
            spans.append(span)
    return spans


def to_doc(nlp: Language, sentence: Sentence) -> Doc:
    doc = nlp.make_doc(sentence.text)
    spans = trigger_spans(doc, sentence)
    doc.ents = filter_spans(spans)
    doc.spans[SPANCAT_KEY] = spans
    return doc


def write_docbin(sentences: Iterable[Sentence], path: Path) -> int:
    """Write the sentences as a ``.spacy`` file; returns how many documents."""
    nlp = blank()
    docs = [to_doc(nlp, s) for s in sentences]
    DocBin(docs=docs, store_user_data=False).to_disk(path)
    return len(docs)
