"""Pure rules of the knowledge-base build: country names → ISO3, positions → sectors, dates."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pycountry

# Jurisdiction / country labels (as Wikidata or the source repositories spell them) that
# pycountry's lookup does not resolve.
NAME_FIXES: dict[str, str] = {
    "the bahamas": "BHS",
    "bahamas": "BHS",
    "brunei": "BRN",
    "congo-brazzaville": "COG",
    "republic of the congo": "COG",
    "democratic republic of the congo": "COD",
    "the czech republic": "CZE",
    "czech republic": "CZE",
    "the gambia": "GMB",
    "ivory coast": "CIV",
    "kosovo": "XKX",
    "the marshall islands": "MHL",
    "the federated states of micronesia": "FSM",
    "federated states of micronesia": "FSM",
    "paraguary": "PRY",
    "the philippines": "PHL",
    "russia": "RUS",
    "são tomé and príncipe": "STP",
    "turkey": "TUR",
    "the united kingdom": "GBR",
    "the united states of america": "USA",
    "united states of america": "USA",
    "people's republic of china": "CHN",
    "republic of ireland": "IRL",
    "east timor": "TLS",
    "cape verde": "CPV",
    "north korea": "PRK",
    "south korea": "KOR",
    "laos": "LAO",
    "syria": "SYR",
    "iran": "IRN",
    "vietnam": "VNM",
    "bolivia": "BOL",
    "venezuela": "VEN",
    "tanzania": "TZA",
    "moldova": "MDA",
    "holy see": "VAT",
    "state of palestine": "PSE",
    "taiwan": "TWN",
    "eswatini": "SWZ",
    "netherlands": "NLD",
    "kingdom of the netherlands": "NLD",
    "sahrawi arab democratic republic": "ESH",
}

# Sector of a position, first matching pattern wins; default GOV (cabinet and executive posts).
_SECTOR_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"chief of staff of the (president|presidency|prime minister)", "GOV"),
    (r"minister|secretary of state|secretary for", "GOV"),
    (r"police|gendarmerie|inspector.general", "COP"),
    (r"intelligence|security service|state security|\bspy\b", "SPY"),
    (
        r"chief of (the )?(general |defence |defense |army |naval |air |joint )?(staff|army|navy|"
        r"air force|defence|defense)|commander|general staff|armed forces|defence force|"
        r"chief of defence|\bnavy\b|\barmy\b|air force",
        "MIL",
    ),
    (r"justice of|judge|court|chief justice|prosecutor", "JUD"),
    (
        r"parliament|senate|national assembly|speaker|house of|congress|legislat|assembly|"
        r"member of the",
        "LEG",
    ),
    (r"leader of the|party|chairman of the .*(party|front|movement)", "PTY"),
    (r"first lady|first gentleman|spouse", "ELI"),
    (r"monarch|king|queen|emir|sultan|grand duke|prince", "GOV"),
)

# International posts in the world table → the organisation they belong to.
INTERNATIONAL_POSTS: tuple[tuple[str, str], ...] = (
    (r"general assembly", "org:UNGA"),
    (r"international court of justice", "org:ICJ"),
    (r"united nations", "org:UN"),
    (r"council of europe", "org:COE"),
    (r"arab parliament", "org:ARAB_LEAGUE"),
)


def iso3_of(name: str) -> str | None:
    """ISO 3166 alpha-3 code of a country label, or None when it names no state."""
    key = " ".join(name.split()).lower()
    if key in NAME_FIXES:
        return NAME_FIXES[key]
    try:
        return str(pycountry.countries.lookup(key).alpha_3)
    except LookupError:
        return None


def sector_of(position: str) -> str:
    text = position.lower()
    for pattern, sector in _SECTOR_PATTERNS:
        if re.search(pattern, text):
            return sector
    return "GOV"


def _parts(value: str) -> tuple[int, int | None, int | None] | None:
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value.strip())
    if not m:
        return None
    year, month, day = (int(g) if g else None for g in m.groups())
    assert year is not None
    return year, month, day


def start_date(value: str) -> dt.date | None:
    """First day of a (possibly partial) date: "2005" → 2005-01-01, "2005-02" → 2005-02-01."""
    parts = _parts(value)
    if parts is None:
        return None
    year, month, day = parts
    try:
        return dt.date(year, month or 1, day or 1)
    except ValueError:
        return None


def end_date(value: str) -> dt.date | None:
    """Exclusive end of a (possibly partial) date: "2005" → 2006-01-01, day → the next day."""
    parts = _parts(value)
    if parts is None:
        return None
    year, month, day = parts
    try:
        if month is None:
            return dt.date(year + 1, 1, 1)
        if day is None:
            return dt.date(year + (month == 12), month % 12 + 1, 1)
        return dt.date(year, month, day) + dt.timedelta(days=1)
    except ValueError:
        return None


def ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def usable_name(name: str) -> bool:
    """A full personal name fit as a surface form: two words or more, no bare item id."""
    return len(name.split()) >= 2 and not re.fullmatch(r"Q\d+", name) and "," not in name


def clean_wiki_title(title: str) -> str:
    """ "Paul Schäfer (politician)" → "Paul Schäfer"."""
    return re.sub(r"\s*\([^)]*\)$", "", title).strip()
