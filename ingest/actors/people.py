"""Person mentions: names with the title in front of them.

"Russian Foreign Minister Sergei Lavrov" → person:sergei-lavrov, country RUS, sector GOV,
role "Foreign Minister"; "U.N. Secretary-General Kofi Annan" → affiliation org:UN.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ingest.actors.dictionary import ActorDictionary, slugify
from ingest.actors.hits import Hit, HitIndex
from ingest.sectors import Title, is_title_word, parse_title
from ontology.model import Actor, ActorKind, Sector

_MAX_TITLE_TOKENS = 8
_CREDIT_MARKS = frozenset({"/", "|", "©", "Photo", "photo", "Credit", "credit", "By", "by"})


@dataclass(frozen=True, slots=True)
class TitleWindow:
    """The tokens before a name that form its title, and what they say."""

    start: int
    title: Title | None
    country: str | None
    org: Actor | None


def read_title(doc: Doc, name_start: int, hits: HitIndex) -> TitleWindow:
    """Walk left from a name over title words, country words and organisation names."""
    i = name_start - 1
    start = name_start
    words: list[str] = []
    country: str | None = None
    org: Actor | None = None
    while i >= 0 and name_start - i <= _MAX_TITLE_TOKENS:
        token = doc[i]
        hit = hits.at(i)
        if hit is not None and not hit.is_person:
            if hit.is_state and country is None:
                country = hit.actor.country
            elif hit.is_org and org is None:
                org = hit.actor
            i = hit.span.start - 1
            start = hit.span.start
            continue
        if token.text in {"'s", "’s"} and i > 0 and hits.at(i - 1) is not None:
            i -= 1
            continue
        if token.text == "-" and words and i > 0 and is_title_word(doc[i - 1].text):
            words.insert(0, token.text)  # "Secretary-General" is three tokens
            i -= 1
            continue
        if not is_title_word(token.text) or token.is_punct:
            break
        words.insert(0, token.text)
        start = i
        i -= 1
    title = parse_title(words)
    if title is None and country is None and org is None:
        return TitleWindow(name_start, None, None, None)
    while start < name_start and doc[start].lower_ in {"of", "and", "for"}:
        start += 1
    return TitleWindow(start, title, country, org)


def is_credit(doc: Doc, span: Span, hits: HitIndex) -> bool:
    """Photo credits and bylines ("REUTERS/Alexander Ermochenko") are not actors."""
    if span.start == 0:
        return False
    before = doc[span.start - 1]
    return before.text in _CREDIT_MARKS or (before.i in hits.non_actor_tokens)


def person_from_text(name: str, window: TitleWindow) -> Actor:
    """A person not in the dictionary, described by the title in front of the name."""
    title = window.title
    affiliation = window.org.id if window.org is not None else None
    if window.country is not None and (affiliation is None or _represents_state(title)):
        affiliation = f"state:{window.country}"  # "Kenya's U.N. ambassador" acts for Kenya
    return Actor(
        id=f"person:{slugify(name)}",
        name=name,
        kind=ActorKind.PERSON,
        country=window.country,
        sector=title_sector(title),
        role=title.role if title is not None else None,
        affiliation=affiliation,
    )


_STATE_AGENTS = ("ambassador", "envoy", "representative", "delegate", "diplomat", "consul")


def title_sector(title: Title | None) -> Sector | None:
    """The sector a title gives; a former office holder is of the elites (PLOVER: ELI)."""
    if title is None:
        return None
    if title.role.lower().startswith(("former", "ex-", "ex ")):
        return Sector.ELI
    return title.sector


def _represents_state(title: Title | None) -> bool:
    """A state's agent at an organisation: "Kenya's U.N. ambassador", "Chinese U.N. envoy"."""
    return title is not None and any(w in title.role.lower() for w in _STATE_AGENTS)


def person_from_hit(
    hit: Hit, window: TitleWindow, dictionary: ActorDictionary, day: dt.date | None
) -> Actor:
    """A dictionary person; the title in the text fills what the dictionary leaves open."""
    actor = hit.actor
    entry = dictionary.people.get(actor.id)
    in_office = entry is not None and day is not None and entry.role_on(day) is not None
    if in_office or window.title is None:
        return actor
    affiliation = window.org.id if window.org is not None else actor.affiliation
    country = window.country or (None if window.org is not None else actor.country)
    if window.country is not None and _represents_state(window.title):
        affiliation = f"state:{window.country}"
    return actor.model_copy(
        update={
            "role": window.title.role,
            "sector": title_sector(window.title) or actor.sector,
            "country": country,
            "affiliation": affiliation,
        }
    )


def name_head(span: Span) -> Token:
    """The token standing for a name in the parse (its last token)."""
    return span[-1]
