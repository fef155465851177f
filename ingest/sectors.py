"""Title and head-noun lexicon: which actor sector (and which role) a word stands for.

"officials" → GOV, "troops" → MIL, "rebels" → REB, "Foreign Minister" → role "Foreign Minister"
in sector GOV. Pure functions over lower-cased words; the components call them on tokens.

>>> sector_of_noun("troops")
<Sector.MIL: 'MIL'>
>>> parse_title(["Secretary", "of", "State"]).role
'Secretary of State'
"""

from __future__ import annotations

from dataclasses import dataclass

from ontology.model import Sector

# Head nouns of nominal groups ("Israeli troops", "Hungarian officials"), singular and plural.
_NOUN_SECTORS: dict[Sector, tuple[str, ...]] = {
    Sector.GOV: (
        "official",
        "government",
        "administration",
        "authority",
        "authorities",
        "cabinet",
        "diplomat",
        "negotiator",
        "delegation",
        "envoy",
        "ministry",
        "regime",
        "leadership",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "embassy",
        "ambassador",
        "leader",
        "side",
        "ruler",
        "junta",
    ),
    Sector.MIL: (
        "troop",
        "troops",
        "army",
        "military",
        "soldier",
        "force",
        "forces",
        "navy",
        "warship",
        "warplane",
        "jet",
        "tank",
        "helicopter",
        "militiaman",
        "militiamen",
        "officer",
        "commander",
        "peacekeeper",
        "air force",
        "marine",
        "paratrooper",
        "gunboat",
        "artillery",
    ),
    Sector.COP: ("police", "policeman", "policemen", "policewoman", "gendarme", "gendarmerie"),
    Sector.JUD: ("court", "judge", "prosecutor", "judiciary", "tribunal", "magistrate"),
    Sector.LEG: (
        "parliament",
        "lawmaker",
        "legislator",
        "legislature",
        "congress",
        "senate",
        "senator",
        "deputy",
        "mp",
        "assembly",
        "duma",
        "congressman",
        "congresswoman",
    ),
    Sector.OPP: ("opposition", "dissident"),
    Sector.REB: (
        "rebel",
        "separatist",
        "militant",
        "insurgent",
        "guerrilla",
        "guerilla",
        "militia",
        "jihadist",
        "fighter",
        "gunman",
        "gunmen",
        "extremist",
        "terror",
        "terrorist",
    ),
    Sector.SPY: ("intelligence", "spy", "agent"),
    Sector.CVL: (
        "civilian",
        "protester",
        "demonstrator",
        "resident",
        "villager",
        "people",
        "citizen",
        "national",
        "farmer",
        "landowner",
        "prisoner",
        "detainee",
        "youth",
        "crowd",
        # populated places stand for the people in them (PLOVER gold: shelled villages,
        # curfews on towns, demolished homes are the state's civilians)
        "village",
        "town",
        "city",
        "neighborhood",
        "neighbourhood",
        "home",
    ),
    Sector.REF: ("refugee", "asylum-seeker", "asylum seeker", "migrant", "evacuee"),
    Sector.MED: ("journalist", "reporter", "newspaper", "media", "broadcaster"),
    Sector.BUS: ("company", "firm", "businessman", "businessmen", "investor", "bank"),
    Sector.REL: ("cleric", "bishop", "imam", "priest", "church", "mosque", "missionary"),
    Sector.LAB: ("union", "unionist", "striker", "worker", "workers"),
    Sector.EDU: ("student", "students", "teacher", "university"),
    Sector.HLH: ("doctor", "nurse", "hospital"),
}

NOUN_SECTORS: dict[str, Sector] = {
    word: sector for sector, words in _NOUN_SECTORS.items() for word in words
}

# Titles of office holders. Keys are lower-case head words; values give the sector.
_TITLE_SECTORS: dict[Sector, tuple[str, ...]] = {
    Sector.GOV: (
        "president",
        "vice president",
        "prime minister",
        "premier",
        "chancellor",
        "minister",
        "secretary",
        "secretary of state",
        "secretary-general",
        "secretary general",
        "foreign minister",
        "king",
        "queen",
        "prince",
        "emir",
        "sheikh",
        "sultan",
        "monarch",
        "governor",
        "mayor",
        "ambassador",
        "envoy",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "official",
        "negotiator",
        "diplomat",
        "leader",
        "head",
        "chief",
        "commissioner",
        "president-elect",
    ),
    Sector.MIL: (
        "general",
        "gen.",
        "lt.",
        "col.",
        "colonel",
        "admiral",
        "adm.",
        "commander",
        "marshal",
        "major",
        "maj.",
        "captain",
        "capt.",
        "brigadier",
        "lieutenant",
        "sergeant",
        "sgt.",
    ),
    Sector.LEG: (
        "senator",
        "sen.",
        "congressman",
        "congresswoman",
        "rep.",
        "representative",
        "lawmaker",
        "legislator",
        "deputy",
        "mp",
        "speaker",
    ),
    Sector.JUD: ("judge", "justice", "prosecutor", "attorney general"),
    Sector.REL: ("pope", "cardinal", "archbishop", "bishop", "ayatollah", "imam", "patriarch"),
    Sector.OPP: ("opposition leader", "dissident"),
    Sector.REB: ("rebel leader", "warlord"),
}

TITLE_SECTORS: dict[str, Sector] = {
    word: sector for sector, words in _TITLE_SECTORS.items() for word in words
}

# Words that may appear inside a title before its head ("Foreign", "Vice", "Planning and").
TITLE_MODIFIERS: frozenset[str] = frozenset(
    {
        "foreign",
        "defence",
        "defense",
        "interior",
        "finance",
        "trade",
        "economy",
        "economic",
        "energy",
        "justice",
        "health",
        "labour",
        "labor",
        "education",
        "agriculture",
        "planning",
        "investment",
        "industry",
        "information",
        "culture",
        "transport",
        "home",
        "deputy",
        "vice",
        "prime",
        "first",
        "acting",
        "former",
        "senior",
        "top",
        "chief",
        "federal",
        "state",
        "national",
        "security",
        "general",
        "supreme",
        "army",
        "military",
        "opposition",
        "rebel",
        "party",
        "and",
        "of",
        "for",
        "affairs",
        "development",
        "environment",
        "communications",
        "social",
        "war",
        "navy",
        "naval",
        "air",
        "force",
        "intelligence",
        "lt",
        "lt.",
        "gen.",
        "gen",
        "ex",
        "new",
        "outgoing",
        "incoming",
        "u.n.",
        "un",
        "secretary",
        "assembly",
        "council",
        "commission",
    }
)

_FEMININE = frozenset({"queen", "congresswoman", "spokeswoman", "policewoman"})


@dataclass(frozen=True, slots=True)
class Title:
    """A parsed title: its text as a role name, its sector, and a gender hint if it has one."""

    role: str
    sector: Sector | None
    feminine: bool = False


def normalise(word: str) -> str:
    """Lower-case a word and drop a plural "s" the lexicon does not know."""
    low = word.lower().strip()
    if low in NOUN_SECTORS or low in TITLE_SECTORS:
        return low
    if low.endswith("ies") and low[:-3] + "y" in NOUN_SECTORS:
        return low[:-3] + "y"
    if low.endswith("s") and low[:-1] in NOUN_SECTORS:
        return low[:-1]
    return low


def sector_of_noun(word: str) -> Sector | None:
    """The sector a group head noun stands for: "troops" → MIL, "officials" → GOV."""
    return NOUN_SECTORS.get(normalise(word))


def is_title_word(word: str) -> bool:
    """True when ``word`` can be part of an office title ("Foreign", "Minister", "of")."""
    low = word.lower()
    return low in TITLE_SECTORS or low in TITLE_MODIFIERS


def title_head_sector(word: str) -> Sector | None:
    """The sector of a title head word ("minister" → GOV, "general" → MIL)."""
    return TITLE_SECTORS.get(word.lower())


def parse_title(words: list[str]) -> Title | None:
    """Read a title from its words ("Planning", "and", "Investment", "Minister").

    The sector comes from the longest known title phrase inside the words (so "Secretary of
    State" and "Foreign Minister" win over "Secretary" / "Minister"). Returns None when no word
    is a title head.
    """
    cleaned = _join_hyphens([w for w in words if w.strip()])
    while cleaned and cleaned[-1].lower() in {"of", "and", "for"}:
        cleaned.pop()
    while cleaned and cleaned[0].lower() in {"of", "and", "for"}:
        cleaned.pop(0)
    if not cleaned:
        return None
    lowered = [w.lower() for w in cleaned]
    best: tuple[int, Sector] | None = None
    for size in range(min(4, len(lowered)), 0, -1):
        for start in range(len(lowered) - size + 1):
            phrase = " ".join(lowered[start : start + size])
            sector = TITLE_SECTORS.get(phrase) or TITLE_SECTORS.get(phrase.replace("-", " "))
            if sector is None and size == 1 and "-" in phrase:
                sector = TITLE_SECTORS.get(phrase.rsplit("-", 1)[1])
            if sector is not None:
                best = (size, sector)  # the rightmost phrase is the head: "Deputy ... Minister"
        if best is not None:
            break
    if best is None:
        return None
    role = " ".join(_title_case(w) for w in cleaned)
    return Title(role=role, sector=best[1], feminine=any(w in _FEMININE for w in lowered))


def _join_hyphens(words: list[str]) -> list[str]:
    """["Secretary", "-", "General"] → ["Secretary-General"]."""
    out: list[str] = []
    for word in words:
        if out and (word == "-" or out[-1].endswith("-")):
            out[-1] += word
        else:
            out.append(word)
    return out


def _title_case(word: str) -> str:
    if word.lower() in {"of", "and", "for", "the"}:
        return word.lower()
    if word.isupper() or any(c.isupper() for c in word[1:]):
        return word
    return word[:1].upper() + word[1:]
