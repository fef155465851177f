"""``dekg_places_v1``: spans used as locations, geocoded offline.

A GPE/LOC/FAC entity or a dictionary state/capital is a place when the parse puts it in a
place context: object of a locative preposition ("at a meeting in Stockholm", "near the border
in Belgorod"), attached to a place noun ("the outskirts of Kirovsk"), or in apposition to a
place ("in Luhansk Region, Ukraine"). Cities are disambiguated by the countries named in the
sentence, then in the article (Kirovsk → Ukraine, not Russia).
"""

from __future__ import annotations

from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ingest.actors.dictionary import ActorDictionary, get_dictionary
from ingest.mentions import Mention, PlaceMention, get_mentions, set_mentions
from ingest.places import Gazetteer, get_gazetteer
from ontology.model import ActorKind, Place

LOCATIVE_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "outside",
        "inside",
        "across",
        "around",
        "into",
        "throughout",
        "within",
        "toward",
        "towards",
        "over",
        "along",
    }
)
MOTION_VERBS = frozenset({"return", "travel", "go", "arrive", "fly", "head", "come", "deploy"})
PLACE_NOUNS = frozenset(
    {
        "outskirts",
        "suburbs",
        "suburb",
        "city",
        "town",
        "village",
        "region",
        "province",
        "capital",
        "centre",
        "center",
        "east",
        "west",
        "north",
        "south",
        "part",
        "area",
        "streets",
        "port",
        "district",
    }
)
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entities whose label may be wrong; they count only when the gazetteer knows them.
_MAYBE_PLACE_LABELS = frozenset({"PERSON", "ORG", "NORP"})
_CHAIN_DEPS = frozenset({"conj", "appos", "compound"})
_HITS_KEY = "dekg_actor_hits"


class Places:
    def __init__(self, name: str, dictionary: ActorDictionary) -> None:
        self.name = name
        self.dictionary = dictionary

    def __call__(self, doc: Doc) -> Doc:
        gazetteer = get_gazetteer()
        doc_countries = _doc_countries(doc)
        out: list[PlaceMention] = []
        for span in self.candidates(doc):
            via = place_context(span.root)
            if via is None:
                continue
            context = [*_sentence_countries(doc, span), *doc_countries]
            place = geocode(span, gazetteer, context)
            if place.country is None and span.label_ not in _PLACE_LABELS:
                continue
            out.append(PlaceMention(span.start, span.end, place, via))
        doc._.dekg_places = out
        if out:
            set_mentions(doc, countries_from_places(doc, get_mentions(doc), out))
        return doc

    def maybe_place(self, ent: Span) -> bool:
        """A place the NER mislabelled ("Minsk" as ORG), not an agency ("CNN")."""
        return (
            ent.label_ in _MAYBE_PLACE_LABELS
            and not ent.text.isupper()
            and not self.dictionary.is_non_actor(ent.text)
        )

    def candidates(self, doc: Doc) -> list[Span]:
        """Place-like entities and dictionary states/capitals, without overlaps."""
        spans: dict[tuple[int, int], Span] = {}
        for ent in doc.ents:
            if ent.label_ in _PLACE_LABELS or self.maybe_place(ent):
                spans[(ent.start, ent.end)] = ent
        for hit in doc.spans.get(_HITS_KEY, []):
            forms = self.dictionary.lookup(hit.label_)
            if forms and forms[0].actor_id.startswith("state:") and forms[0].kind != "demonym":
                spans[(hit.start, hit.end)] = hit
        taken = {i for span in spans.values() for i in range(span.start, span.end)}
        taken.update(i for ent in doc.ents for i in range(ent.start, ent.end))
        for token in doc:
            if _bare_place_name(token, taken):
                start = token.left_edge.i if token.left_edge.dep_ == "compound" else token.i
                spans[(start, token.i + 1)] = doc[start : token.i + 1]
        ordered = sorted(spans.values(), key=lambda s: (s.start, -len(s)))
        out: list[Span] = []
        for span in ordered:
            if not out or span.start >= out[-1].end:
                out.append(span)
        return out


def _bare_place_name(token: Token, taken: set[int]) -> bool:
    """A proper noun the NER missed, in a place context ("the town of Soroti")."""
    return (
        token.pos_ == "PROPN"
        and token.is_title
        and token.i not in taken
        and token.dep_ != "compound"
        and place_context(token) is not None
    )


def place_context(token: Token) -> str | None:
    """Why ``token`` is a place ("preposition", "place-noun", "apposition"), or None."""
    current = token
    for _ in range(4):
        head = current.head
        if current.dep_ == "pobj":
            if head.lower_ in LOCATIVE_PREPS:
                return "preposition"
            if head.lower_ == "of" and head.head.lower_ in PLACE_NOUNS:
                return "place-noun"
            if head.lower_ == "to" and head.head.lemma_ in MOTION_VERBS:
                return "preposition"
            if head.lower_ == "in" or head.head.i == head.i:
                return None
        if current.dep_ in _CHAIN_DEPS and head.i != current.i:
            current = head
            continue
        if current.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in {"NOUN", "PROPN"}:
            current = head.head
            continue
        return None
    return None


def geocode(span: Span, gazetteer: Gazetteer, context: list[str]) -> Place:
    """The place a span names; a bare Place(name) when the gazetteer does not know it."""
    name = span.text.removeprefix("the ").strip()
    place = gazetteer.lookup(name, _unique(context))
    return place if place is not None else Place(name=name)


def countries_from_places(
    doc: Doc, mentions: list[Mention], places: list[PlaceMention]
) -> list[Mention]:
    """A titled person still without a country takes the country of the nearest place in the
    sentence ("President X threatened a curfew in Algiers" → DZA)."""
    out: list[Mention] = []
    for mention in mentions:
        actor = mention.actor
        if (
            actor.kind is not ActorKind.PERSON
            or actor.country
            or actor.affiliation
            or not actor.role
        ):
            out.append(mention)
            continue
        sent = doc[mention.head].sent
        near = [p for p in places if p.place.country and sent.start <= p.start < sent.end]
        if not near:
            out.append(mention)
            continue
        country = min(near, key=lambda p: abs(p.start - mention.head)).place.country
        updated = actor.model_copy(update={"country": country, "affiliation": f"state:{country}"})
        out.append(
            Mention(mention.start, mention.end, mention.head, updated, mention.via, mention.text)
        )
    return out


def _doc_countries(doc: Doc) -> list[str]:
    counts = Counter(
        m.actor.country
        for m in get_mentions(doc)
        if m.actor.country and m.actor.kind in {ActorKind.STATE, ActorKind.ARMED_GROUP}
    )
    return [c for c, _ in counts.most_common()]


def _sentence_countries(doc: Doc, span: Span) -> list[str]:
    sent = span.sent
    found = [
        m.actor.country
        for m in get_mentions(doc)
        if m.actor.country
        and sent.start <= m.head < sent.end
        and m.actor.kind in {ActorKind.STATE, ActorKind.ARMED_GROUP}
    ]
    return sorted(set(found), key=lambda c: min(abs(span.start - i) for i in _heads(doc, c, sent)))


def _heads(doc: Doc, country: str, sent: Span) -> list[int]:
    return [
        m.head
        for m in get_mentions(doc)
        if m.actor.country == country and sent.start <= m.head < sent.end
    ]


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


@Language.factory(
    "dekg_places_v1",
    default_config={"dictionaries": []},
    requires=["doc.ents", "doc._.dekg_mentions"],
    assigns=["doc._.dekg_places", "doc._.dekg_mentions"],
)
def make_places(nlp: Language, name: str, dictionaries: list[str]) -> Places:
    return Places(name, get_dictionary(dictionaries))
