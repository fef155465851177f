"""People placed by the text around their names, and states behind their U.N. missions.

- Appositions: "Pham Van Loc, the former prime minister of Laos," and "Norway's envoy to the
  talks, Erik Dahl," give the person the country, sector and role of the description; the
  description then stands for the person, not for the state. Later mentions ("Pham") follow
  through the name pass of coreference.
- "Iran's U.N. mission", "the Kenyan U.N. delegation": the mission is the state's own body
  (sector GOV), so the U.N. inside it is no actor of its own.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ingest.actors.people import title_sector
from ingest.mentions import Mention
from ingest.sectors import parse_title
from ontology.model import Actor, ActorKind, Sector

# Nouns that name a state's own diplomatic body or agent at an organisation.
MISSION_NOUNS = frozenset(
    {
        "mission",
        "missions",
        "delegation",
        "delegations",
        "ambassador",
        "envoy",
        "representative",
        "embassy",
        "office",
        "delegate",
        "delegates",
        "diplomat",
        "diplomats",
    }
)
_DESCRIPTION_DEPS = frozenset({"appos"})
_GAP = 3  # tokens allowed between a name and its comma-separated description


def place_by_apposition(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """People without a country take the country, sector and role of their apposition."""
    by_head = {m.head: m for m in mentions}
    updates: dict[int, tuple[Mention, Mention]] = {}  # person head → (person, description)
    for person in mentions:
        actor = person.actor
        if actor.kind is not ActorKind.PERSON or actor.country or actor.affiliation:
            continue
        description = _apposed_description(doc, person, by_head, mentions)
        if description is not None:
            updates[person.head] = (person, description)
    if not updates:
        return mentions
    placed: dict[str, Actor] = {}
    replaced: dict[int, Mention] = {}
    for person, description in updates.values():
        actor = _described(doc, person.actor, description)
        placed[actor.id] = actor
        replaced[description.head] = _with_actor(description, actor, "description")
    out: list[Mention] = []
    for mention in mentions:
        if mention.head in replaced:
            out.append(replaced[mention.head])
            continue
        known = placed.get(mention.actor.id)
        out.append(mention if known is None else _with_actor(mention, known, mention.via))
    return out


def _apposed_description(
    doc: Doc, person: Mention, by_head: dict[int, Mention], mentions: list[Mention]
) -> Mention | None:
    """The description mention in apposition to a person mention, if it names a state or an
    organisation (a nominal with a country, or one with an affiliation)."""
    head = doc[person.head]
    candidates: list[Token] = [c for c in head.children if c.dep_ in _DESCRIPTION_DEPS]
    if head.dep_ in _DESCRIPTION_DEPS:
        candidates.append(head.head)
    for token in candidates:
        found = by_head.get(token.i)
        if found is not None and _placing(found):
            return found
    # The parse often misses appositions: "NAME, the ... of X," by position.
    for other in mentions:
        if not _placing(other) or doc[other.head].sent != head.sent:
            continue
        after = 0 < other.start - person.end <= _GAP and doc[person.end].text == ","
        before = 0 < person.start - other.end <= 1 and doc[person.start - 1].text == ","
        if after or before:
            return other
    return None


def _placing(mention: Mention) -> bool:
    actor = mention.actor
    if mention.via != "nominal":
        return False
    return actor.kind is not ActorKind.PERSON and (actor.country is not None or _is_org(actor))


def _is_org(actor: Actor) -> bool:
    return actor.kind in {ActorKind.ORGANIZATION, ActorKind.ARMED_GROUP}


def _described(doc: Doc, person: Actor, description: Mention) -> Actor:
    owner = description.actor
    head = doc[description.head]
    words = [t.text for t in head.lefts if t.dep_ in {"compound", "amod"}] + [head.text]
    title = parse_title(words)
    sector: Sector | None = owner.sector if owner.sector is not Sector.CVL else None
    sector = title_sector(title) or sector
    return person.model_copy(
        update={
            "country": owner.country,
            "sector": sector,
            "role": title.role if title is not None else None,
            "affiliation": owner.id if _is_org(owner) else f"state:{owner.country}",
        }
    )


def _with_actor(mention: Mention, actor: Actor, via: str) -> Mention:
    return Mention(mention.start, mention.end, mention.head, actor, via, mention.text)


def own_state_missions(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """ "Iran's U.N. mission said": one mention of Iran (GOV) over the whole phrase."""
    dropped: set[int] = set()  # positions in ``mentions``
    merged: dict[int, Mention] = {}
    for n, org in enumerate(mentions):
        if not _is_un(org.actor):
            continue
        # "U.N." followed by the noun, or a nominal "U.N. delegation" headed by it
        noun = doc[org.head] if org.head != org.start else None
        if noun is None and org.end < len(doc):
            noun = doc[org.end]
        if noun is None or noun.lower_ not in MISSION_NOUNS:
            continue
        found = _owner_state(doc, org, noun, mentions)
        if found is None:
            continue
        k, state = found
        governed = state.actor.model_copy(update={"sector": Sector.GOV})
        text = doc[state.start : noun.i + 1].text
        merged[k] = Mention(state.start, noun.i + 1, noun.i, governed, "nominal", text)
        dropped.add(n)
    if not merged:
        return mentions
    return [merged.get(k, m) for k, m in enumerate(mentions) if k not in dropped]


def _is_un(actor: Actor) -> bool:
    return actor.kind is ActorKind.ORGANIZATION and actor.id in {"org:UN", "org:U.N."}


def _owner_state(
    doc: Doc, org: Mention, noun: Token, mentions: list[Mention]
) -> tuple[int, Mention] | None:
    """The state owning the mission: right before "U.N." ("Iran 's U.N.", "the Kenyan U.N.")
    or a state nominal over the same noun ("Kenya's U.N. delegation")."""
    i = org.start - 1
    if i >= 0 and doc[i].text in {"'s", "’s"}:
        i -= 1
    for k, mention in enumerate(mentions):
        if mention.actor.kind is not ActorKind.STATE:
            continue
        if mention.end - 1 == i or (mention.head == noun.i and mention.start < org.start):
            return k, mention
    return None
