"""Hand-built ontology models shared by the graph and API tests (no NLP involved)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from synthetic_samples import coded_event

from graph.filters import GraphFilter
from ontology.model import (
    Actor,
    ActorKind,
    Article,
    DatePrecision,
    Event,
    ExtractionResult,
    Modality,
    Place,
    Sector,
)
from ontology.plover import EventType

SEED_PATH = Path(__file__).resolve().parents[1] / "examples" / "cyprus-mail-blinken-lavrov.txt"

USA = Actor(
    id="state:USA",
    name="United States",
    kind=ActorKind.STATE,
    country="USA",
    aliases=("U.S.", "Washington"),
)
RUS = Actor(id="state:RUS", name="Russia", kind=ActorKind.STATE, country="RUS", aliases=("Moscow",))
UKR = Actor(id="state:UKR", name="Ukraine", kind=ActorKind.STATE, country="UKR", aliases=("Kyiv",))
BLINKEN = Actor(
    id="person:antony-blinken",
    name="Antony Blinken",
    kind=ActorKind.PERSON,
    country="USA",
    sector=Sector.GOV,
    role="Secretary of State",
    affiliation="state:USA",
    aliases=("Blinken",),
)
LAVROV = Actor(
    id="person:sergei-lavrov",
    name="Sergei Lavrov",
    kind=ActorKind.PERSON,
    country="RUS",
    sector=Sector.GOV,
    role="Foreign Minister",
    affiliation="state:RUS",
    aliases=("Lavrov",),
    wikidata="Q58217",
)
STOCKHOLM = Place(
    name="Stockholm", country="SWE", lat=59.33258, lon=18.0649, geonames_id=2673730, feature="city"
)
VIENNA = Place(
    name="Vienna", country="AUT", lat=48.20849, lon=16.37208, geonames_id=2761369, feature="city"
)


def event_id(article_id: str, start: int, end: int, type_: EventType) -> str:
    key = f"{article_id}|{start}|{end}|{type_}"
    return "ev-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def make_event(
    article_id: str,
    type_: EventType,
    source: tuple[Actor, ...],
    target: tuple[Actor, ...],
    *,
    date: dt.date | None = dt.date(2021, 12, 2),
    place: Place | None = None,
    text: str = "evidence sentence",
    start: int = 0,
    modality: Modality = Modality.ASSERTED,
    attributed_to: tuple[Actor, ...] = (),
    confidence: float = 0.8,
) -> Event:
    return coded_event(
        event_id(article_id, start, start + len(text), type_),
        article_id,
        type_,
        source,
        target,
        text=text,
        start=start,
        date=date,
        date_precision=DatePrecision.DAY if date else DatePrecision.UNKNOWN,
        place=place,
        modality=modality,
        attributed_to=attributed_to,
        confidence=confidence,
    )


def article(article_id: str, publisher: str = "Cyprus Mail", text: str = "text") -> Article:
    return Article(
        id=article_id,
        text=text,
        title=f"title of {article_id}",
        publisher=publisher,
        published=dt.date(2021, 12, 2),
        language="en",
    )


def seed_result(article_id: str = "cyprus-mail-blinken-lavrov") -> ExtractionResult:
    """The seed article with hand-coded events (offsets point into its text)."""
    text = SEED_PATH.read_text(encoding="utf-8")
    art = Article(
        id=article_id,
        text=text,
        title="Blinken urges Russia’s Lavrov to take diplomatic exit from Ukraine crisis",
        publisher="Cyprus Mail",
        published=dt.date(2021, 12, 2),
        published_inferred=True,
        language="en",
    )

    def sentence(fragment: str) -> tuple[str, int]:
        start = text.index(fragment)
        return fragment, start

    meet, meet_at = sentence("U.S. Secretary of State Antony Blinken met his Russian opposite")
    warn, warn_at = sentence("Blinken delivered the warning to Russian Foreign Minister")
    ready, ready_at = sentence("a day after declaring that Washington was ready to respond")
    amass, amass_at = sentence("Kyiv says Russia has amassed more than 90,000 troops")
    events = (
        make_event(
            art.id,
            EventType.CONSULT,
            (BLINKEN,),
            (LAVROV,),
            place=STOCKHOLM,
            text=meet,
            start=meet_at,
        ),
        make_event(
            art.id,
            EventType.THREATEN,
            (BLINKEN,),
            (LAVROV,),
            place=STOCKHOLM,
            text=warn,
            start=warn_at,
        ),
        make_event(
            art.id,
            EventType.THREATEN,
            (USA,),
            (RUS,),
            date=dt.date(2021, 12, 1),
            text=ready,
            start=ready_at,
            modality=Modality.FUTURE,
        ),
        make_event(
            art.id,
            EventType.MOBILIZE,
            (RUS,),
            (UKR,),
            date=None,
            text=amass,
            start=amass_at,
            attributed_to=(UKR,),
        ),
    )
    return ExtractionResult(
        item=str(SEED_PATH), article=art, events=events, actors=(USA, RUS, UKR, BLINKEN, LAVROV)
    )


def meeting_result(
    article_id: str,
    publisher: str,
    date: dt.date = dt.date(2021, 12, 2),
    place: Place | None = STOCKHOLM,
    reverse: bool = False,
) -> ExtractionResult:
    """Another article reporting a Blinken–Lavrov meeting."""
    src, tgt = ((LAVROV,), (BLINKEN,)) if reverse else ((BLINKEN,), (LAVROV,))
    ev = make_event(
        article_id,
        EventType.CONSULT,
        src,
        tgt,
        date=date,
        place=place,
        text="Blinken and Lavrov met.",
    )
    return ExtractionResult(
        item=article_id,
        article=article(article_id, publisher),
        events=(ev,),
        actors=(BLINKEN, LAVROV),
    )


def full_filter() -> GraphFilter:
    """A filter that sets every field."""
    return GraphFilter(
        types=(EventType.CONSULT,),
        actors=("state:RUS",),
        countries=("usa",),
        date_from=dt.date(2021, 1, 1),
        date_to=dt.date(2021, 12, 31),
        place=" Stockholm ",
        near=(59.3, 18.0, 50),
        modality=Modality.ASSERTED,
        min_confidence=0.5,
    )
