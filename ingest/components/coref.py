"""``dekg_coref_v1``: in-document coreference for actor mentions (placeholder, filled below)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class Coref:
    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory("dekg_coref_v1", assigns=["doc._.dekg_mentions"])
def make_coref(nlp: Language, name: str) -> Coref:
    return Coref(name)
