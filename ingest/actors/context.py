"""Actors the sentence or the article places: passes over the linker's mentions.

- Titled people without a country take the nearest state of their sentence, else the
  article's dominant state.
- State bodies named without their state ("the foreign ministry") belong to the nearest state
  of their sentence (its subject first), else to the dominant state; otherwise dropped.
- Rebels, police, opposition and officials named without a state ("the rebels in Darfur",
  "Militants loyal to Iraq's ...", "a government spokesman said") belong to the nearest state
  of their sentence, else to the dominant state: PLOVER's REB are armed *opposition* (to a
  government), COP and OPP are domestic, like the state bodies above. Officials of no state
  the context gives are dropped.
- Soldiers, courts and lawmakers named without a state belong, like officials, to the state
  the sentence is about (its subject), else to the dominant state; protesters, workers,
  students and other people to the state of the place they are in ("protesters in Almaty"),
  else to the dominant state when their sentence names no other state. Unplaced, they are
  dropped.
- "ethnic Albanians" with another state in the sentence are that state's people: an
  ethnicity is not a nationality (CAMEO codes ethnic groups by the state they live in).
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from ingest.actors.groups import COUNTRYLESS, PLACED_BY_CONTEXT, country_group, group_actor
from ingest.components.places import place_context
from ingest.mentions import Mention
from ingest.places import get_gazetteer
from ontology.model import Actor, ActorKind, Sector

STATE_BODIES = frozenset({"department", "ministry", "office", "cabinet", "government"})


def fill_person_countries(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Titled people without a country take the nearest country named in their sentence,
    else the article's dominant state (named in at least half of its state mentions)."""
    states = [m for m in mentions if m.actor.kind is not ActorKind.PERSON and m.actor.country]
    dominant = _dominant_country(mentions)
    out: list[Mention] = []
    for mention in mentions:
        actor = mention.actor
        if actor.kind is not ActorKind.PERSON or actor.country or actor.affiliation:
            out.append(mention)
            continue
        if not actor.role:
            out.append(mention)
            continue
        sent = doc[mention.head].sent
        near = [s for s in states if sent.start <= s.head < sent.end]
        country = (
            min(near, key=lambda s: abs(s.head - mention.head)).actor.country if near else dominant
        )
        if country is None:
            out.append(mention)
            continue
        updated = actor.model_copy(update={"country": country, "affiliation": f"state:{country}"})
        out.append(
            Mention(mention.start, mention.end, mention.head, updated, mention.via, mention.text)
        )
    return out


def context_governments(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A state body named without its state ("the foreign ministry") belongs to the nearest
    state of its sentence, else to the article's dominant state; otherwise it is dropped."""
    states = [m for m in mentions if m.actor.kind is ActorKind.STATE and m.actor.country]
    dominant = _dominant_country(mentions)
    out: list[Mention] = []
    for mention in mentions:
        actor = mention.actor
        body = actor.kind is ActorKind.ORGANIZATION and actor.country is None
        if not (body and actor.name.split()[-1].lower() in STATE_BODIES):
            out.append(mention)
            continue
        sent = doc[mention.head].sent
        near = [s for s in states if sent.start <= s.head < sent.end]
        subjects = [s for s in near if doc[s.head].dep_ in {"nsubj", "nsubjpass"}]
        pool = subjects or near  # "Sri Lanka opened ..., the foreign ministry said" → LKA
        state = min(pool, key=lambda s: abs(s.head - mention.head)).actor if pool else None
        if state is None and dominant is not None:
            state = next(s.actor for s in states if s.actor.country == dominant)
        if state is not None:
            governed = state.model_copy(update={"sector": Sector.GOV, "aliases": ()})
            out.append(
                Mention(mention.start, mention.end, mention.head, governed, "nominal", mention.text)
            )
    return out


def _dominant_country(mentions: list[Mention]) -> str | None:
    counts = Counter(m.actor.country for m in mentions if m.actor.kind is ActorKind.STATE)
    if not counts:
        return None
    country, count = counts.most_common(1)[0]
    return country if count * 2 >= sum(counts.values()) else None


# Mentions whose country places a group of their sentence: states and state groups
# ("students in Kenya"), not people (a foreign minister's visit) nor armed groups.
_PLACING = frozenset({ActorKind.STATE, ActorKind.GROUP})
_KEPT_COUNTRYLESS = frozenset({Sector.REB, Sector.COP, Sector.OPP})
_GENERIC = frozenset(group_actor(None, s).id for s in COUNTRYLESS | PLACED_BY_CONTEXT)
_GOVERNMENT = group_actor(None, Sector.GOV).id
# Organs of a state: like officials, the state the sentence is about (its subject), else the
# article's.
_ORGANS = frozenset({Sector.GOV, Sector.MIL, Sector.JUD, Sector.LEG})
# People: the state they are in ("protesters in Minsk"), else the article's when the sentence
# names no other state ("Russian strikes killed people" does not make them Russians).
_PEOPLE = frozenset({Sector.CVL, Sector.LAB, Sector.EDU})
_LOCATIVE = frozenset({"in", "across", "throughout", "inside", "within", "at", "near"})


def _sentence_states(doc: Doc, mention: Mention, mentions: list[Mention]) -> list[Mention]:
    sent = doc[mention.head].sent
    return [
        m
        for m in mentions
        if m.actor.kind in _PLACING and m.actor.country and sent.start <= m.head < sent.end
    ]


def _state_name(iso3: str, mentions: list[Mention]) -> str:
    named = next((m.actor.name for m in mentions if m.actor.id == f"state:{iso3}"), None)
    place = get_gazetteer().country(iso3)
    return named or (place.name if place is not None else iso3)


def place_domestic_groups(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Countryless groups take the state their sentence or the article gives (see the
    module docstring); rebels, police and opposition stay countryless when none does."""
    dominant = _dominant_country(mentions)
    out: list[Mention] = []
    for mention in mentions:
        actor = mention.actor
        if actor.id not in _GENERIC or actor.sector is None:  # never "al Qaeda" (no state)
            out.append(mention)
            continue
        country = _placing_country(doc, mention, mentions, actor.sector, dominant)
        if country is None:
            if actor.sector in _KEPT_COUNTRYLESS:  # "officials" of no known state are no actor
                out.append(mention)
            continue
        placed = country_group(country, _state_name(country, mentions), actor.sector)
        out.append(_replaced(mention, placed))
    return out


def _placing_country(
    doc: Doc, mention: Mention, mentions: list[Mention], sector: Sector, dominant: str | None
) -> str | None:
    """The state a countryless group belongs to (see ``place_domestic_groups``)."""
    near = _sentence_states(doc, mention, mentions)
    if sector in _PEOPLE:
        placed = [(s.head, s.actor.country) for s in near if _is_locative(doc, s.head)]
        placed = placed or _named_places(doc, mention)
        if not placed:
            return None if near else dominant
        return min(placed, key=lambda p: abs(p[0] - mention.head))[1]
    elif sector in _ORGANS:
        near = [s for s in near if doc[s.head].dep_ in {"nsubj", "nsubjpass"}]
    if not near:
        return dominant
    return min(near, key=lambda s: abs(s.head - mention.head)).actor.country


def _named_places(doc: Doc, mention: Mention) -> list[tuple[int, str | None]]:
    """Places of the mention's sentence the gazetteer knows ("in Almaty" → KAZ), as
    (token, country)."""
    sent = doc[mention.head].sent
    gazetteer = get_gazetteer()
    out: list[tuple[int, str | None]] = []
    for ent in sent.ents:
        if ent.label_ not in {"GPE", "LOC"} or place_context(ent.root) is None:
            continue
        place = gazetteer.lookup(ent.text)
        if place is not None and place.country:
            out.append((ent.root.i, place.country))
    return out


def _is_locative(doc: Doc, i: int) -> bool:
    token = doc[i]
    while token.dep_ in {"compound", "amod", "conj"} and token.head.i != token.i:
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE


def ethnic_minorities(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """ "ethnic Albanians" in a sentence naming another state: that state's civilians."""
    out: list[Mention] = []
    for mention in mentions:
        actor = mention.actor
        before = doc[mention.start - 1].lower_ if mention.start > 0 else ""
        ethnic = before == "ethnic" or doc[mention.start].lower_ == "ethnic"
        if not ethnic or actor.kind is not ActorKind.GROUP or actor.sector is not Sector.CVL:
            out.append(mention)
            continue
        others = [
            m for m in _sentence_states(doc, mention, mentions) if m.actor.country != actor.country
        ]
        if not others:
            out.append(mention)
            continue
        home = str(min(others, key=lambda s: abs(s.head - mention.head)).actor.country)
        out.append(_replaced(mention, country_group(home, _state_name(home, mentions), Sector.CVL)))
    return out


def _replaced(mention: Mention, actor: Actor) -> Mention:
    return Mention(mention.start, mention.end, mention.head, actor, mention.via, mention.text)
