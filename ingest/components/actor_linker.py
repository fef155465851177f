"""``dekg_actor_linker_v1``: entities, dictionary hits and group nouns → ``Mention``s.

Reads ``doc.spans["dekg_actor_hits"]`` (from ``dekg_actor_ruler_v1``) and ``doc.ents``, and
writes ``Doc._.dekg_mentions`` / ``Doc._.dekg_actors``. The article date
(``Doc._.dekg_doc_date``) picks the role of dictionary people that held several offices.
"""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ingest.actors.appositions import own_state_missions, place_by_apposition
from ingest.actors.context import (
    STATE_BODIES,
    context_governments,
    ethnic_minorities,
    fill_person_countries,
    place_domestic_groups,
)
from ingest.actors.dictionary import (
    CAPITAL,
    DEMONYM,
    METONYM,
    ActorDictionary,
    get_dictionary,
    slugify,
)
from ingest.actors.groups import group_actor, nominals_at, people_group
from ingest.actors.hits import Hit, HitIndex
from ingest.actors.people import (
    is_credit,
    name_head,
    person_from_hit,
    person_from_text,
    read_title,
)
from ingest.components.places import place_context
from ingest.mentions import Mention, get_doc_date, set_mentions
from ingest.places import get_gazetteer
from ingest.sectors import sector_of_noun, title_head_sector
from ontology.model import Actor, ActorKind, Sector

# A capital governed by one of these is a place ("a meeting in Stockholm"), not an actor.
PLACE_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "outside",
        "inside",
        "from",
        "to",
        "into",
        "across",
        "around",
        "toward",
        "towards",
        "via",
        "through",
        "throughout",
        "within",
        "between",
        "outskirts",
    }
)
_ORG_SECTORS = {
    "party": Sector.PTY,
    "union": Sector.LAB,
    "ministry": Sector.GOV,
    "army": Sector.MIL,
    "court": Sector.JUD,
    "agency": Sector.GOV,
    "front": Sector.REB,
    "forum": Sector.NGO,
    "council": Sector.GOV,
    "newspaper": Sector.MED,
}


class ActorLinker:
    """Build the doc's actor mentions."""

    def __init__(self, name: str, dictionary: ActorDictionary) -> None:
        self.name = name
        self.dictionary = dictionary

    def __call__(self, doc: Doc) -> Doc:
        day = get_doc_date(doc)
        hits = HitIndex(doc, self.dictionary, day)
        claimed: set[int] = set()
        mentions = self.people(doc, hits, day, claimed)
        mentions += self.nominals(doc, hits, claimed)
        mentions += self.organizations(doc, hits, claimed)
        mentions += self.named(doc, hits, claimed)
        mentions += self.bare_bodies(doc, claimed)
        mentions = own_state_missions(doc, place_by_apposition(doc, mentions))
        mentions = fill_person_countries(doc, mentions)
        mentions = context_governments(doc, mentions)
        mentions = ethnic_minorities(doc, place_domestic_groups(doc, mentions))
        set_mentions(doc, mentions)
        return doc

    def people(
        self, doc: Doc, hits: HitIndex, day: dt.date | None, claimed: set[int]
    ) -> list[Mention]:
        """Named people (dictionary first, then PERSON entities) with their titles."""
        spans: list[tuple[Span, Hit | None]] = [(h.span, h) for h in hits.hits if h.is_person]
        spans += [
            (e, None)
            for e in doc.ents
            if (e.label_ == "PERSON" or _titled_name(e))
            and hits.at(e.start) is None
            and hits.at(e.end - 1) is None
            and any(c.isupper() for c in e.text)
        ]
        out: list[Mention] = []
        for span, hit in sorted(spans, key=lambda x: x[0].start):
            if is_credit(doc, span, hits) or _touches(span, hits.non_actor_tokens):
                continue
            window = read_title(doc, span.start, hits)
            if hit is None and window.title is None and _is_place_name(span):
                continue  # "the port of Bandar Abbas" tagged PERSON
            if hit is not None:
                actor = person_from_hit(hit, window, self.dictionary, day)
                via = "dictionary"
            else:
                actor = person_from_text(_clean_name(span.text), window)
                via = "ner"
            claimed.update(range(window.start, span.end))
            head = name_head(span)
            text = doc[window.start : span.end].text
            out.append(Mention(window.start, span.end, head.i, actor, via, text))
        return out

    def nominals(self, doc: Doc, hits: HitIndex, claimed: set[int]) -> list[Mention]:
        """Group nouns with their owner states/organisations, and unnamed office holders."""
        out: list[Mention] = []
        for token in doc:
            if token.i in claimed:
                continue
            for nominal in nominals_at(token, hits):
                if any(i in claimed for i in range(nominal.start, nominal.end) if i != token.i):
                    continue
                text = doc[nominal.start : nominal.end].text
                out.append(
                    Mention(
                        nominal.start, nominal.end, nominal.head, nominal.actor, "nominal", text
                    )
                )
        for mention in out:
            for i in range(mention.start, mention.end):
                hit = hits.at(i)
                if hit is not None:
                    claimed.update(range(hit.span.start, hit.span.end))
            claimed.update(range(mention.start, mention.end))
        return out

    def bare_bodies(self, doc: Doc, claimed: set[int]) -> list[Mention]:
        """ "the foreign ministry said": a state body whose state the context gives."""
        out: list[Mention] = []
        for token in doc:
            if token.i in claimed or token.lower_ not in STATE_BODIES or token.pos_ != "NOUN":
                continue
            if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
                continue
            start = token.left_edge.i
            actor = Actor(
                id=f"org:{slugify(token.text)}", name=token.text, kind=ActorKind.ORGANIZATION
            )
            out.append(
                Mention(
                    start, token.i + 1, token.i, actor, "nominal", doc[start : token.i + 1].text
                )
            )
            claimed.update(range(start, token.i + 1))
        return out

    def named(self, doc: Doc, hits: HitIndex, claimed: set[int]) -> list[Mention]:
        """States (names, capitals, metonyms, demonyms) and dictionary organisations."""
        out: list[Mention] = []
        for hit in hits.hits:
            span = hit.span
            if hit.is_person or any(i in claimed for i in range(span.start, span.end)):
                continue
            mention = self.named_mention(doc, hit, hits)
            if mention is not None:
                out.append(mention)
                claimed.update(range(span.start, span.end))
        return out

    def named_mention(self, doc: Doc, hit: Hit, hits: HitIndex) -> Mention | None:
        span = hit.span
        head = span.root
        kind = hit.form.kind
        actor = hit.actor
        if kind == CAPITAL:
            if in_place_context(head) or modifies_thing(head):
                return None
            actor = actor.model_copy(update={"sector": Sector.GOV})
            return Mention(span.start, span.end, head.i, actor, "capital", span.text)
        if kind == DEMONYM:
            if _is_pro_anti(doc, span.start):
                return None
            people = people_group(span, hit, hits)  # "Iraqi Kurds": the state's civilians
            if people is not None:
                return people
            if head.tag_ in {"NNS", "NNPS"} and head.dep_ not in {"amod", "compound"}:
                owner = _modifying_state(head, hits) or hit  # "Bosnian Serbs" live in Bosnia
                actor = group_actor(owner, Sector.CVL)  # "Young Algerians blocked roads"
                start = min(span.start, owner.span.start)
                return Mention(
                    start, span.end, head.i, actor, "nominal", doc[start : span.end].text
                )
            return Mention(span.start, span.end, head.i, actor, "demonym", span.text)
        if kind == METONYM:
            actor = actor.model_copy(update={"sector": hit.form.sector})
        return Mention(span.start, span.end, head.i, actor, "dictionary", span.text)

    def organizations(self, doc: Doc, hits: HitIndex, claimed: set[int]) -> list[Mention]:
        """ORG entities the dictionary does not know ("Serbian Workers' Union")."""
        out: list[Mention] = []
        for ent in doc.ents:
            if ent.label_ != "ORG" or any(i in claimed for i in range(ent.start, ent.end)):
                continue
            if all(hits.at(t.i) is not None or t.dep_ == "det" for t in ent):
                continue  # "the U.S. State Department" is made of dictionary names
            if any((h := hits.at(t.i)) is not None and h.is_org for t in ent):
                continue  # "Group of Seven (G-7) finance ministers": the dictionary's G7
            if any(i in hits.non_actor_tokens for i in range(ent.start, ent.end)):
                continue
            actor = org_from_entity(ent, hits)
            if actor is not None:
                out.append(Mention(ent.start, ent.end, ent.root.i, actor, "ner", ent.text))
                claimed.update(range(ent.start, ent.end))
        return out


def org_from_entity(ent: Span, hits: HitIndex) -> Actor | None:
    """An organisation from an ORG entity, or None when it does not look like one."""
    text = _clean_name(ent.text)
    if len(text) < 2 or not any(c.isalpha() for c in text):
        return None
    if len(ent) == 1 and not text.isupper():
        return None
    state = next((h for t in ent if (h := hits.at(t.i)) is not None and h.is_state), None)
    country = state.actor.country if state is not None else None
    if state is not None and ent[-1].lower_ in STATE_BODIES:
        return state.actor.model_copy(update={"sector": Sector.GOV})  # "the U.S. Treasury ..."
    sector = _ORG_SECTORS.get(ent[-1].lower_) or sector_of_noun(ent[-1].text)
    if country is None and sector is None and len(ent) > 1 and ent[0].lower_ == "the":
        return None
    return Actor(
        id=f"org:{_org_slug(text)}",
        name=text,
        kind=ActorKind.ORGANIZATION,
        country=country,
        sector=sector,
    )


def in_place_context(token: Token) -> bool:
    """True when a name is the object of a locative preposition ("in Moscow"), unless the
    preposition names who acts ("warnings from Beijing", "a visit to Pyongyang")."""
    current = token
    for _ in range(3):
        if current.dep_ == "pobj" and current.head.lower_ in PLACE_PREPS:
            return not acting_capital(current.head)
        if current.dep_ in {"conj", "appos", "compound"} and current.head.i != current.i:
            current = current.head
            continue
        return False
    return False


# "from" names a source unless motion is meant ("returned from Moscow"); "to" names a host
# after a visit ("a visit to Pyongyang", "flew to Beijing for talks").
_MOTION = frozenset(
    {"return", "fly", "travel", "come", "arrive", "flee", "escape", "withdraw", "move"}
    | {"leave", "depart", "drive", "sail", "evacuate", "flight", "journey", "route", "road"}
    | {"mile", "kilometre", "kilometer", "km", "way", "distance", "far", "away", "refugee"}
)
_VISITS = frozenset({"visit", "trip", "fly", "travel", "journey", "tour"})


def acting_capital(prep: Token) -> bool:
    """A capital after "from" or "to" standing for its government."""
    head = prep.head.lemma_.lower()
    if prep.lower_ == "from":
        return head not in _MOTION and prep.head.pos_ in {"NOUN", "VERB"}
    return prep.lower_ == "to" and head in _VISITS


def modifies_thing(token: Token) -> bool:
    """A name used as a modifier of a non-actor noun ("the Minsk peace process")."""
    return token.dep_ in {"compound", "nmod", "amod"} and sector_of_noun(token.head.text) is None


def _is_place_name(span: Span) -> bool:
    """A name the gazetteer knows as a city, written as one or used in a place context."""
    city = get_gazetteer().city(span.text)
    return city is not None and (len(span) > 1 or place_context(span.root) is not None)


def _modifying_state(token: Token, hits: HitIndex) -> Hit | None:
    for child in token.children:
        hit = hits.at(child.i)
        if child.dep_ in {"amod", "compound"} and hit is not None and hit.is_state:
            return hit
    return None


def _titled_name(ent: Span) -> bool:
    """A mis-labelled name right after a title ("Vice-President [Moody Awori]" as ORG)."""
    if ent.label_ not in {"ORG", "GPE", "NORP"} or ent.start == 0 or len(ent) > 4:
        return False
    before = ent.doc[ent.start - 1]
    return title_head_sector(before.text) is not None and all(
        t.pos_ == "PROPN" and t.is_title for t in ent
    )


def _touches(span: Span, tokens: set[int]) -> bool:
    return any(i in tokens for i in range(span.start, span.end))


def _is_pro_anti(doc: Doc, i: int) -> bool:
    prev = doc[i - 1].lower_ if i >= 1 else ""
    prev2 = doc[i - 2].lower_ if i >= 2 else ""
    return prev in {"pro", "anti"} or (prev == "-" and prev2 in {"pro", "anti"})


def _clean_name(text: str) -> str:
    text = " ".join(text.split())
    for suffix in ("'s", "’s"):
        text = text.removesuffix(suffix)
    if text.count("(") != text.count(")"):
        text = text.split("(")[0] if "(" in text else text.replace(")", "")
    return text.strip(" ,.;:\"'“”‘’")


def _org_slug(text: str) -> str:
    bare = text.replace(".", "")
    if bare.isascii() and bare.isalnum() and text.isupper():
        return text.replace(".", "")
    return slugify(text)


@Language.factory(
    "dekg_actor_linker_v1",
    default_config={"dictionaries": []},
    requires=["doc.ents", "doc.spans"],
    assigns=["doc._.dekg_mentions", "doc._.dekg_actors"],
)
def make_actor_linker(nlp: Language, name: str, dictionaries: list[str]) -> ActorLinker:
    return ActorLinker(name, get_dictionary(dictionaries))
