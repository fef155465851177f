"""PLOVER categories and the CAMEO code table they are coded with.

The CAMEO→PLOVER conversion table (CC BY-SA 4.0, Open Event Data Alliance) ships with the
package in ``ontology/data/cameo2plover.txt``; the quad classes follow PLOVER's grouping and the
Goldstein values follow the CAMEO scale (Goldstein 1992) at the level of the root and the codes
this project emits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources


class EventType(StrEnum):
    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"


class QuadClass:
    VERBAL_COOPERATION = 1
    MATERIAL_COOPERATION = 2
    VERBAL_CONFLICT = 3
    MATERIAL_CONFLICT = 4


COOPERATION = frozenset({QuadClass.VERBAL_COOPERATION, QuadClass.MATERIAL_COOPERATION})
CONFLICT = frozenset({QuadClass.VERBAL_CONFLICT, QuadClass.MATERIAL_CONFLICT})


def is_cooperative(quad_class: int | None) -> bool:
    """Quad classes 1-2 (verbal and material cooperation) are cooperation.

    Example:
        >>> is_cooperative(2), is_cooperative(3), is_cooperative(None)
        (True, False, False)
    """
    return quad_class in COOPERATION


def is_conflictual(quad_class: int | None) -> bool:
    """Quad classes 3-4 (verbal and material conflict) are conflict."""
    return quad_class in CONFLICT


@dataclass(frozen=True, slots=True)
class Category:
    """One PLOVER category with the CAMEO code used when no finer code is known."""

    type: EventType
    default_cameo: str
    quad_class: int
    description: str


CATEGORIES: dict[EventType, Category] = {
    c.type: c
    for c in (
        Category(EventType.AGREE, "030", 1, "Agree to, offer, promise or express intent"),
        Category(EventType.CONSULT, "040", 1, "Meet, visit, talk or negotiate"),
        Category(EventType.SUPPORT, "051", 1, "Praise, endorse, defend or sign an agreement"),
        Category(EventType.CONCEDE, "080", 2, "Yield: ease restrictions, accede to demands"),
        Category(EventType.COOPERATE, "060", 2, "Material, military or legal cooperation"),
        Category(EventType.AID, "070", 2, "Provide economic, military or humanitarian aid"),
        Category(EventType.RETREAT, "084", 2, "Release, withdraw, ceasefire, de-escalate"),
        Category(EventType.REQUEST, "020", 1, "Appeal, urge, call on, demand"),
        Category(EventType.ACCUSE, "112", 3, "Criticise, accuse, investigate, allege"),
        Category(EventType.REJECT, "120", 3, "Reject, refuse, deny, dismiss"),
        Category(EventType.THREATEN, "130", 3, "Warn, threaten, issue an ultimatum"),
        Category(EventType.PROTEST, "140", 3, "Demonstrate, strike, boycott, riot"),
        Category(EventType.SANCTION, "160", 4, "Impose sanctions, cut ties, expel, embargo"),
        Category(EventType.MOBILIZE, "150", 4, "Mass or deploy troops, raise alert"),
        Category(EventType.COERCE, "170", 4, "Arrest, detain, seize, blockade, restrict"),
        Category(EventType.ASSAULT, "190", 4, "Attack, fight, shell, kill"),
    )
}

# Goldstein (1992) weights for CAMEO codes; a code missing here takes its root's value.
# fmt: off
GOLDSTEIN: dict[str, float] = {
    "01": 0.0, "02": 3.0, "03": 4.0, "04": 1.0, "05": 3.5, "06": 6.0, "07": 7.0, "08": 5.0,
    "09": -2.0, "10": -5.0, "11": -2.0, "12": -4.0, "13": -6.0, "14": -6.5, "15": -7.2,
    "16": -4.0, "17": -7.0, "18": -9.0, "19": -10.0, "20": -10.0,
    "020": 3.0, "021": 3.4, "024": -0.3, "025": -0.3, "026": 3.0, "027": 3.0, "028": 3.0,
    "030": 4.0, "031": 5.2, "032": 4.5, "033": 5.2, "034": 7.0, "035": 5.0, "036": 4.0,
    "037": 5.0, "038": 7.0, "039": 5.0,
    "040": 1.0, "041": 1.0, "042": 1.9, "043": 2.8, "044": 2.5, "045": 5.0, "046": 7.0,
    "050": 3.5, "051": 3.4, "052": 3.5, "053": 3.8, "054": 6.0, "055": 7.0, "056": 7.0,
    "057": 8.0, "060": 6.0, "061": 6.4, "062": 7.4, "063": 7.4, "064": 7.0,
    "070": 7.0, "071": 7.4, "072": 8.3, "073": 7.4, "074": 8.5, "075": 7.0,
    "080": 5.0, "081": 5.0, "082": 5.0, "083": 5.0, "084": 7.0, "085": 7.0, "086": 9.0,
    "087": 9.0, "0871": 9.0, "0872": 9.0, "0873": 9.0, "0874": 10.0,
    "090": -2.0, "091": -2.0, "092": -2.0, "093": -2.0, "094": -2.0,
    "100": -5.0, "101": -5.0, "102": -5.0, "103": -5.0, "104": -5.0, "105": -5.0,
    "106": -5.0, "107": -5.0, "108": -5.0,
    "110": -2.0, "111": -2.0, "112": -2.0, "113": -2.0, "114": -2.0, "115": -2.0,
    "116": -2.0,
    "120": -4.0, "121": -4.0, "122": -4.0, "123": -4.0, "124": -5.0, "125": -5.0,
    "126": -5.0, "127": -5.0, "128": -5.0, "129": -5.0,
    "130": -4.4, "131": -5.8, "1311": -5.8, "1312": -5.8, "1313": -5.8, "132": -5.8,
    "133": -5.8, "134": -5.8, "135": -5.8, "136": -7.0, "137": -7.0, "138": -7.0,
    "139": -7.0,
    "140": -6.5, "141": -6.5, "142": -6.5, "143": -6.5, "144": -7.5, "145": -7.5,
    "150": -7.2, "151": -7.2, "152": -7.2, "153": -7.2, "154": -7.2,
    "160": -4.0, "161": -4.0, "162": -5.6, "163": -8.0, "164": -7.0, "165": -7.0,
    "166": -7.0,
    "170": -7.0, "171": -9.2, "172": -5.0, "173": -5.0, "174": -5.0, "175": -9.0,
    "180": -9.0, "181": -9.0, "182": -9.5, "183": -10.0, "184": -8.0, "185": -8.0,
    "186": -10.0,
    "190": -10.0, "191": -9.5, "192": -9.5, "193": -10.0, "194": -10.0, "195": -10.0,
    "196": -9.5, "200": -10.0, "201": -9.5, "202": -10.0, "203": -10.0, "204": -10.0,
}
# fmt: on

_ROW = re.compile(r"^(?P<code>\d{2,4}):\s*(?P<type>[A-Z]+)\s*(?:,(?P<mode>[^,#]*))?")


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    type: EventType
    mode: str | None
    description: str


@cache
def cameo_table() -> dict[str, CameoCode]:
    """CAMEO code → PLOVER type and mode, read from the shipped conversion table."""
    text = resources.files("ontology").joinpath("data/cameo2plover.txt").read_text("utf-8")
    table: dict[str, CameoCode] = {}
    for line in text.splitlines():
        match = _ROW.match(line.strip())
        if not match or match["type"] not in EventType.__members__:
            continue
        mode = (match["mode"] or "").strip() or None
        description = line.split("#", 1)[1].strip() if "#" in line else ""
        code = match["code"]
        table.setdefault(code, CameoCode(code, EventType(match["type"]), mode, description))
    # CAMEO 02 (appeals) is folded into REQUEST by the PLOVER manual but absent from the table.
    for code, description in (
        ("02", "Make an appeal or request"),
        ("020", "Make an appeal or request"),
        ("021", "Appeal for material cooperation"),
        ("026", "Appeal to others to meet or negotiate"),
        ("027", "Appeal to others to settle dispute"),
        ("028", "Appeal to others to engage in or accept mediation"),
    ):
        table.setdefault(code, CameoCode(code, EventType.REQUEST, None, description))
    return table


def goldstein(code: str) -> float:
    """Goldstein weight of a CAMEO code (the most specific known prefix)."""
    for length in range(len(code), 1, -1):
        value = GOLDSTEIN.get(code[:length])
        if value is not None:
            return value
    return 0.0


def quad_class(event_type: EventType) -> int:
    return CATEGORIES[event_type].quad_class


def mode_of(code: str) -> str | None:
    entry = cameo_table().get(code)
    return entry.mode if entry else None
