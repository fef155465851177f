"""CAMEO code arithmetic: intentions, threats and the refinement of a code by its complement.

PLOVER codes a stated intention to cooperate as AGREE (CAMEO 03x: "will provide aid" → 033) and
a stated intention to act against someone as THREATEN (CAMEO 13x: "would impose sanctions" →
1312). A governing trigger takes its CAMEO code from its complement ("offered to negotiate" →
036, "threatened to ban" → 132, "rejected a proposal to meet" → 125).
"""

from __future__ import annotations

from ontology.plover import CATEGORIES, EventType, QuadClass, cameo_table, is_cooperative

# Intentions to cooperate: the cooperative quad classes but an appeal (REQUEST).
COOPERATIVE = frozenset(
    t for t, c in CATEGORIES.items() if is_cooperative(c.quad_class) and t is not EventType.REQUEST
)
# Acts against someone: the material-conflict quad class and protest (CAMEO 14).
MATERIAL_CONFLICT = frozenset(
    t for t, c in CATEGORIES.items() if c.quad_class == QuadClass.MATERIAL_CONFLICT
) | {EventType.PROTEST}

_INTENT: dict[str, str] = {
    "045": "039",
    "046": "036",
    "04": "036",
    "057": "030",
    "05": "032",
    "061": "0311",
    "062": "0312",
    "063": "0313",
    "064": "0314",
    "06": "031",
    "071": "0331",
    "072": "0332",
    "073": "0333",
    "074": "0334",
    "07": "033",
    "081": "0351",
    "082": "0352",
    "0831": "0341",
    "083": "035",
    "084": "0353",
    "085": "0354",
    "086": "0355",
    "087": "0356",
    "08": "035",
    "03": "030",
}
_THREAT: dict[str, str] = {
    "14": "133",
    "161": "1313",
    "162": "1311",
    "163": "1312",
    "164": "134",
    "165": "135",
    "166": "136",
    "16": "131",
    "1721": "1321",
    "1722": "1322",
    "1723": "1323",
    "1724": "1324",
    "172": "132",
    "191": "1381",
    "192": "1382",
    "17": "137",
    "15": "138",
    "18": "138",
    "19": "138",
    "20": "138",
    "13": "130",
}
_REQUEST: dict[EventType, str] = {
    EventType.CONSULT: "026",
    EventType.AID: "103",
    EventType.COOPERATE: "101",
    EventType.CONCEDE: "105",
    EventType.RETREAT: "105",
    EventType.SUPPORT: "102",
}
_REJECT: dict[EventType, str] = {
    EventType.CONSULT: "125",
    EventType.AID: "122",
    EventType.COOPERATE: "121",
    EventType.CONCEDE: "124",
    EventType.RETREAT: "124",
    EventType.SUPPORT: "120",
}


def _by_prefix(table: dict[str, str], code: str, default: str) -> str:
    for length in range(len(code), 1, -1):
        found = table.get(code[:length])
        if found is not None:
            return found
    return default


def _type(code: str, fallback: EventType) -> EventType:
    entry = cameo_table().get(code)
    return entry.type if entry else fallback


def intent_code(event_type: EventType, cameo: str) -> tuple[EventType, str]:
    """The code of an announced intention to do ``cameo`` (future, "ready to", "plans to")."""
    if event_type is EventType.AGREE:
        return event_type, cameo
    if event_type in COOPERATIVE:
        return EventType.AGREE, _by_prefix(_INTENT, cameo, "030")
    if event_type in MATERIAL_CONFLICT:
        return EventType.THREATEN, _by_prefix(_THREAT, cameo, "130")
    return event_type, cameo


def refine(
    governing: tuple[EventType, str], embedded: tuple[EventType, str]
) -> tuple[EventType, str]:
    """The code of a governing trigger given the trigger of its complement."""
    g_type, g_code = governing
    e_type, e_code = embedded
    if (
        g_type is EventType.AGREE
        and g_code in {"030", "031", "032"}
        and (e_type in COOPERATIVE or e_type in MATERIAL_CONFLICT)
    ):
        return intent_code(e_type, e_code)
    if g_type is EventType.THREATEN and g_code == "130" and e_type in MATERIAL_CONFLICT:
        return intent_code(e_type, e_code)
    if g_type is EventType.REQUEST and g_code in {"020", "100"} and e_type in _REQUEST:
        code = _REQUEST[e_type]
        return _type(code, EventType.REQUEST), code
    if g_type is EventType.REJECT and g_code == "120" and e_type in _REJECT:
        return EventType.REJECT, _REJECT[e_type]
    return governing
