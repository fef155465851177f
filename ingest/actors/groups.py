"""Nominal actors: a group noun with its country ("Israeli troops", "Sudan's government",
"Rebels in the Ivory Coast", "UN peacekeepers", "A militant of the ... Luhansk People's
Republic") and unnamed office holders ("the president of Armenia", "Taiwan's Vice Foreign
Minister").

Government nouns give the state itself with sector GOV (``state:HUN``); armed-group nouns
give ``armed_group:<iso3>-reb``; other sectors give ``group:<iso3>-<sector>``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ingest.actors.hits import Hit, HitIndex
from ingest.mentions import Mention
from ingest.sectors import TITLE_SECTORS, sector_of_noun
from ontology.model import Actor, ActorKind, Sector

# Heads that take their sector from a modifier ("rebel leaders", "opposition groups").
GENERIC_HEADS = frozenset(
    {
        "leader",
        "leaders",
        "official",
        "officials",
        "group",
        "groups",
        "member",
        "members",
        "faction",
        "factions",
        "spokesman",
        "spokeswoman",
        "side",
        "sides",
        "source",
        "sources",
        "commander",
        "commanders",
        "movement",
        "supporters",
        "chief",
        "head",
    }
)
# Countryless group nouns still worth a mention ("rebels said", "police fired"); government
# ones ("officials said", "a government spokesman") only once the context gives their state
# (``ingest.actors.context``).
COUNTRYLESS = frozenset({Sector.REB, Sector.OPP, Sector.COP, Sector.GOV})
# Countryless groups kept only once the context places them (``ingest.actors.context``): state
# organs ("soldiers opened fire", "the court sentenced") and people ("protesters stormed",
# "workers struck"); PLOVER codes them with the state they belong to or act in.
PLACED_BY_CONTEXT = frozenset(
    {Sector.MIL, Sector.JUD, Sector.LEG, Sector.CVL, Sector.LAB, Sector.EDU}
)
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss", "npadvmod"})
_LOCATIVE_PREPS = frozenset({"of", "in", "from", "throughout", "across", "inside", "within"})
# Groups of people described by where they flee from or live ("refugees fleeing ... Liberia").
_PEOPLE_SECTORS = frozenset({Sector.REF, Sector.CVL, Sector.EDU, Sector.LAB})
_CLAUSE_REACH = 8
# Participles that seat a group in a place ("a newspaper based in Beirut").
_SEATED = frozenset({"base", "based", "headquarter", "headquartered", "station", "stationed"})
_SECTOR_WORDS = {
    Sector.GOV: "government",
    Sector.MIL: "military",
    Sector.COP: "police",
    Sector.JUD: "judiciary",
    Sector.LEG: "legislature",
    Sector.OPP: "opposition",
    Sector.REB: "rebels",
    Sector.SPY: "intelligence",
    Sector.CVL: "civilians",
    Sector.REF: "refugees",
    Sector.MED: "media",
    Sector.BUS: "business",
    Sector.REL: "religious",
    Sector.LAB: "labour",
    Sector.HLH: "health",
    Sector.EDU: "education",
    Sector.ELI: "elites",
}


@dataclass(frozen=True, slots=True)
class Nominal:
    """One actor of a nominal phrase: tokens ``[start, end)`` with ``head`` as its noun."""

    start: int
    end: int
    head: int
    actor: Actor


# Two-word group nouns whose sector differs from their head's ("security forces" → COP).
PHRASE_SECTORS = {
    ("security", "forces"): Sector.COP,
    ("security", "force"): Sector.COP,
    ("riot", "police"): Sector.COP,
    ("border", "guards"): Sector.MIL,
    ("peacekeeping", "troops"): Sector.MIL,
    ("paper", "workers"): Sector.LAB,
}


# Modifiers that make a newspaper, radio or agency the government's own voice: CAMEO codes
# state media ("the official Syrian newspaper", "state television") as the government.
STATE_MEDIA = frozenset({"official", "state", "state-run", "state-owned", "government"})


def group_sector(token: Token, hits: HitIndex | None = None) -> Sector | None:
    """The sector of a group noun, taking it from a modifier for generic heads (never from a
    word of a dictionary name: "the West Bank city" is no bank)."""
    for child in token.children:
        phrase = PHRASE_SECTORS.get((child.lower_, token.lower_))
        if phrase is not None and child.i < token.i:
            return phrase
    own = sector_of_noun(token.text)
    if own is Sector.MED and any(c.lower_ in STATE_MEDIA for c in token.children if c.i < token.i):
        return Sector.GOV
    if own is not None and token.lower_ not in GENERIC_HEADS:
        return own
    for child in token.children:
        named = hits is not None and hits.at(child.i) is not None
        if child.dep_ in {"compound", "amod"} and child.i < token.i and not named:
            modifier = sector_of_noun(child.text)
            if modifier is not None:
                return modifier
    return own


def is_untitled_office(token: Token) -> bool:
    """A title noun used without a name ("the president of Armenia")."""
    return token.lower_ in TITLE_SECTORS and token.pos_ in {"NOUN", "PROPN"}


def _is_pro_anti(token: Token) -> bool:
    doc = token.doc
    i = token.i
    prev = doc[i - 1].lower_ if i >= 1 else ""
    prev2 = doc[i - 2].lower_ if i >= 2 else ""
    return prev in {"pro", "anti"} or (prev == "-" and prev2 in {"pro", "anti"})


def _with_conjuncts(token: Token) -> list[Token]:
    out = [token]
    for conj in token.conjuncts:
        if conj.i < token.head.i or conj.head.i != token.head.i:
            out.append(conj)
    return out


def owners(token: Token, hits: HitIndex) -> list[Hit]:
    """The states or organisations a group noun belongs to, from its modifiers."""
    found: list[Hit] = []
    for child in token.children:
        if child.dep_ == "amod" and child.lower_ == "led" and child.i < token.i:
            for leader in child.children:  # "Vietnamese-led forces", "U.S.-led troops"
                hit = hits.at(leader.i)
                if leader.dep_ in {"npadvmod", "compound"} and hit is not None:
                    found.append(hit)
        elif child.dep_ in _MODIFIER_DEPS and child.i < token.i:
            for candidate in _with_conjuncts(child):
                hit = hits.at(candidate.i)
                if hit is not None and not hit.is_person and not _is_pro_anti(hit.span[0]):
                    found.append(hit)
        elif child.dep_ == "prep" and child.lower_ in _LOCATIVE_PREPS and not found:
            found += _objects(child, hits)
        elif child.dep_ == "acl" and child.lemma_.lower() in _SEATED and not found:
            for prep in child.children:  # "a group based in Trinidad"
                if prep.dep_ == "prep" and prep.lower_ in _LOCATIVE_PREPS:
                    found += _objects(prep, hits)
    unique: dict[str, Hit] = {}
    for hit in found or clause_states(token, hits):
        unique.setdefault(hit.actor.id, hit)
    return list(unique.values())


def _objects(prep: Token, hits: HitIndex) -> list[Hit]:
    """The states or organisations a preposition governs ("in Guinea", "of Iraq and Syria")."""
    found: list[Hit] = []
    for obj in prep.children:
        if obj.dep_ != "pobj":
            continue
        for candidate in _with_conjuncts(obj):
            hit = hits.at(candidate.i)
            if hit is not None and not hit.is_person:
                found.append(hit)
    return found


def clause_states(token: Token, hits: HitIndex) -> list[Hit]:
    """States named in a participle clause on a people noun ("refugees fleeing the war in
    Liberia"); only for civilians, refugees, students and workers."""
    if sector_of_noun(token.text) not in _PEOPLE_SECTORS:
        return []
    found: list[Hit] = []
    for child in token.children:
        if child.dep_ != "acl":
            continue
        for t in child.subtree:
            hit = hits.at(t.i)
            if hit is not None and hit.is_state and abs(t.i - token.i) <= _CLAUSE_REACH:
                found.append(hit)
    return found[:1]


def group_actor(owner: Hit | None, sector: Sector, state_name: str | None = None) -> Actor:
    """The canonical actor for a group of ``sector`` belonging to ``owner``."""
    if owner is not None and not owner.is_state:
        if owner.actor.kind is ActorKind.ARMED_GROUP and sector is Sector.GOV:
            sector = owner.actor.sector or Sector.REB  # "the Taliban chief" leads rebels
        return owner.actor.model_copy(update={"sector": sector, "aliases": ()})
    iso3 = owner.actor.country if owner is not None else None
    if iso3 is None:
        label = _SECTOR_WORDS.get(sector, sector.value.lower())
        kind = ActorKind.ARMED_GROUP if sector is Sector.REB else ActorKind.GROUP
        prefix = "armed_group" if sector is Sector.REB else "group"
        return Actor(id=f"{prefix}:{label}", name=label, kind=kind, sector=sector)
    name = state_name or (owner.actor.name if owner is not None else iso3)
    return country_group(iso3, name, sector)


def country_group(iso3: str, name: str, sector: Sector) -> Actor:
    """The canonical actor for the ``sector`` of the state ``iso3`` (named ``name``)."""
    label = _SECTOR_WORDS.get(sector, sector.value.lower())
    if sector is Sector.GOV:
        return Actor(
            id=f"state:{iso3}", name=name, kind=ActorKind.STATE, country=iso3, sector=sector
        )
    armed = sector is Sector.REB
    return Actor(
        id=f"armed_group:{iso3.lower()}-reb"
        if armed
        else f"group:{iso3.lower()}-{sector.value.lower()}",
        name=f"{name} {label}",
        kind=ActorKind.ARMED_GROUP if armed else ActorKind.GROUP,
        country=iso3,
        sector=sector,
    )


def nominals_at(token: Token, hits: HitIndex) -> list[Nominal]:
    """Nominal actors headed by ``token`` (one per owning state or organisation)."""
    if token.pos_ not in {"NOUN", "PROPN"} or hits.at(token.i) is not None:
        return []
    if token.dep_ in {"compound", "amod"} and (
        sector_of_noun(token.head.text) is not None or token.head.lower_ in GENERIC_HEADS
    ):
        return []  # "insurgent group", "government forces": the head noun carries it
    sector = group_sector(token, hits)
    if sector is None and is_untitled_office(token):
        sector = TITLE_SECTORS[token.lower_]
    if sector is None:
        return []
    found = owners(token, hits)
    if not found:
        if sector not in COUNTRYLESS | PLACED_BY_CONTEXT:
            return []
        return [Nominal(token.i, token.i + 1, token.i, group_actor(None, sector))]
    out: list[Nominal] = []
    for owner in found:
        start = min(owner.span.start, token.i)
        end = max(owner.span.end, token.i + 1)
        out.append(Nominal(start, end, token.i, group_actor(owner, sector)))
    return out


def people_group(span: Span, hit: Hit, hits: HitIndex) -> Mention | None:
    """A state demonym qualifying the plural proper noun of a people ("Iraqi [Kurds]",
    "Chinese [Uighurs]"): the state's civilians, unless the noun is a dictionary name."""
    demonym, doc = span.root, span.doc
    head = demonym.head
    if demonym.dep_ not in {"amod", "compound"} or head.i != span.end:
        return None
    if head.tag_ != "NNPS" or hits.at(head.i) is not None or not hit.is_state:
        return None
    text = doc[span.start : head.i + 1].text
    return Mention(span.start, head.i + 1, head.i, group_actor(hit, Sector.CVL), "nominal", text)
