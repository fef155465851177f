"""``dekg_places_v1``: place mentions (placeholder)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class Places:
    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.dekg_places = []
        return doc


@Language.factory(
    "dekg_places_v1", default_config={"dictionaries": []}, assigns=["doc._.dekg_places"]
)
def make_places(nlp: Language, name: str, dictionaries: list[str]) -> Places:
    return Places(name)
