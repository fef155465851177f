"""``dekg_actor_ruler_v1``: dictionary matches for actor names, and repaired entities.

Runs after the statistical ``ner``. Every surface form of the actor dictionary (states, short
forms, demonyms, capitals, metonyms, organisations, armed groups, known people, and the
non-actors such as news agencies) is matched case-sensitively; the longest match wins. The
matches go to ``doc.spans["dekg_actor_hits"]`` (label = the matched form) and replace the
entities they overlap, which repairs the small model's typical errors ("Blinken" as GPE,
"Kyiv" as PERSON, "Lavrov" as ORG, "Luhansk People's Republic" as PERSON).

``add_actor_components(nlp, dictionaries)`` inserts every actor component in order.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ingest.actors.dictionary import DEMONYM, ActorDictionary, get_dictionary
from ingest.sectors import is_title_word

HITS_KEY = "dekg_actor_hits"
NON_ACTOR_LABEL = "NON_ACTOR"
# Entities that legitimately contain a country word ("Serbian Workers' Union", "Cold War").
_CONTAINERS = frozenset({"ORG", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"})


class ActorRuler:
    """Match dictionary forms and fix ``doc.ents`` with them."""

    def __init__(self, nlp: Language, name: str, dictionary: ActorDictionary) -> None:
        self.name = name
        self.dictionary = dictionary
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        forms = sorted(set(dictionary.surface_forms()))
        for text in forms:
            self.matcher.add(text, [nlp.make_doc(text)])

    def __call__(self, doc: Doc) -> Doc:
        hits = self.match(doc)
        doc.spans[HITS_KEY] = hits
        self.repair_entities(doc, hits)
        return doc

    def match(self, doc: Doc) -> list[Span]:
        """Longest non-overlapping dictionary matches, labelled with the matched form."""
        spans = [Span(doc, start, end, label=key) for key, start, end in self.matcher(doc)]
        spans += self.entity_form_hits(doc)
        kept = [s for s in filter_spans(spans) if not self.inside_other_name(s)]
        return sorted(kept, key=lambda s: s.start)

    def entity_form_hits(self, doc: Doc) -> list[Span]:
        """Entities and runs of capitalised words whose whole text is a knowledge-base name
        (those names are looked up, not phrase-matched: see ``ActorDictionary.entity_forms``)."""
        forms = self.dictionary.entity_forms
        if not forms:
            return []
        runs = _capitalised_runs(doc)
        # a title in front of a name is capitalised too: "Foreign Minister Ana Lopes"
        tails = [r[i:] for r in runs for i in range(1, len(r) - 1)]
        candidates = [*doc.ents, *runs, *tails]
        return [
            Span(doc, c.start, c.end, label=c.text)
            for c in candidates
            if c.text in forms and self.dictionary.lookup(c.text)
        ]

    def inside_other_name(self, span: Span) -> bool:
        """A one-word person alias inside a longer name ("Bandar Abbas", "Abbas Araghchi")."""
        forms = self.dictionary.lookup(span.label_)
        if len(span) != 1 or not forms or not forms[0].actor_id.startswith("person:"):
            return False
        doc = span.doc
        neighbours = [doc[i] for i in (span.start - 1, span.end) if 0 <= i < len(doc)]
        return any(
            t.is_title and t.pos_ == "PROPN" and not is_title_word(t.text) for t in neighbours
        )

    def entity_label(self, form_text: str) -> str:
        if self.dictionary.is_non_actor(form_text):
            return "ORG"
        forms = self.dictionary.lookup(form_text)
        if not forms:
            return "ORG"
        form = forms[0]
        if form.kind == DEMONYM:
            return "NORP"
        if form.actor_id.startswith("person:"):
            return "PERSON"
        if form.actor_id.startswith("state:") and form.kind in {"name", "capital"}:
            return "GPE"
        return "ORG"

    def repair_entities(self, doc: Doc, hits: list[Span]) -> None:
        """Hits replace the entities they overlap, except entities that contain them."""
        kept_hits: list[Span] = []
        ents = list(doc.ents)
        for hit in hits:
            container = next(
                (
                    e
                    for e in ents
                    if e.start <= hit.start
                    and hit.end <= e.end
                    and (e.start, e.end) != (hit.start, hit.end)
                    and e.label_ in _CONTAINERS
                ),
                None,
            )
            if container is None:
                kept_hits.append(Span(doc, hit.start, hit.end, label=self.entity_label(hit.label_)))
        others = [e for e in ents if not any(_overlaps(e, h) for h in kept_hits)]
        doc.ents = filter_spans([*kept_hits, *others])


def _capitalised_runs(doc: Doc) -> list[Span]:
    """Maximal runs of two or more capitalised (or particle-joined) words: "Fu Cong",
    "Carlos Agostinho do Rosário"."""
    runs: list[Span] = []
    start: int | None = None
    for token in [*doc, None]:
        joins = token is not None and (
            token.is_title or (start is not None and token.lower_ in _NAME_PARTICLES)
        )
        if joins:
            start = token.i if start is None else start
            continue
        if start is not None:
            end = token.i if token is not None else len(doc)
            while end > start and doc[end - 1].lower_ in _NAME_PARTICLES:
                end -= 1
            if end - start >= 2:
                runs.append(doc[start:end])
        start = None
    return runs


_NAME_PARTICLES = frozenset(
    {"de", "da", "do", "dos", "das", "del", "van", "von", "bin", "al", "el"}
)


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


@Language.factory(
    "dekg_actor_ruler_v1",
    default_config={"dictionaries": []},
    requires=["doc.ents"],
    assigns=["doc.ents", "doc.spans"],
)
def make_actor_ruler(nlp: Language, name: str, dictionaries: list[str]) -> ActorRuler:
    return ActorRuler(nlp, name, get_dictionary(dictionaries))


def add_actor_components(nlp: Language, dictionaries: Sequence[str | Path] = ()) -> None:
    """Insert the actor ruler, linker, coreference and places components after "ner"."""
    # Imported here so that registering the ruler does not need the other modules.
    from ingest.components import actor_linker, coref, places  # noqa: F401

    config = {"dictionaries": [str(Path(p).resolve()) for p in dictionaries]}
    anchor = {"after": "ner"} if "ner" in nlp.pipe_names else {"last": True}
    nlp.add_pipe("dekg_actor_ruler_v1", config=config, **anchor)
    nlp.add_pipe("dekg_actor_linker_v1", config=config, after="dekg_actor_ruler_v1")
    nlp.add_pipe("dekg_coref_v1", config=config, after="dekg_actor_linker_v1")
    nlp.add_pipe("dekg_places_v1", config=config, after="dekg_coref_v1")
