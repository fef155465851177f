"""Names and role descriptions that refer to people named elsewhere in the article.

"Blinken" / "Sergei" → the person named in full; "his Russian opposite number", "the Russian
foreign minister", "the minister" → the person with that role and country, looking back and
then ahead a few sentences. A description can also tell whom an unknown person acts for
("The Taliban chief" → affiliation ``armed_group:taliban``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ingest.mentions import Mention
from ontology.model import Actor, ActorKind, Sector

DESCRIPTION_HEADS = frozenset(
    {
        "counterpart",
        "number",
        "minister",
        "president",
        "secretary",
        "premier",
        "chancellor",
        "leader",
        "envoy",
        "ambassador",
        "spokesman",
        "spokeswoman",
        "chief",
        "king",
        "emir",
    }
)
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_DESC_BACK, _DESC_AHEAD = 3, 2


def sentence_index(doc: Doc) -> list[int]:
    """Per token: the index of its sentence."""
    index = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = n
    return index


def name_parts(mentions: list[Mention]) -> dict[str, Actor]:
    """First and last names of the people named in full, when unambiguous in the article."""
    parts: dict[str, dict[str, Actor]] = {}
    for mention in mentions:
        actor = mention.actor
        words = actor.name.split()
        if actor.kind is not ActorKind.PERSON or len(words) < 2:
            continue
        for part in {words[0], words[-1], *(a for a in actor.aliases if " " not in a)}:
            parts.setdefault(part, {})[actor.id] = actor
    return {part: next(iter(a.values())) for part, a in parts.items() if len(a) == 1}


def resolve_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Single names ("Sergei", a mis-tagged "Lavrov") → the full person of the article."""
    parts = name_parts(mentions)
    if not parts:
        return mentions
    out: list[Mention] = []
    covered: set[int] = set()
    for mention in mentions:
        full = parts.get(mention.text)
        replace = (
            full is not None
            and mention.actor.id != full.id
            and mention.via in {"ner", "dictionary"}
            and mention.end - mention.start == 1
            and mention.actor.kind in {ActorKind.PERSON, ActorKind.ORGANIZATION}
        )
        if replace and full is not None:
            out.append(
                Mention(mention.start, mention.end, mention.head, full, "coref", mention.text)
            )
        else:
            out.append(mention)
        covered.update(range(mention.start, mention.end))
    for token in doc:
        full = parts.get(token.text)
        if full is not None and token.i not in covered and token.is_title:
            out.append(Mention(token.i, token.i + 1, token.i, full, "coref", token.text))
    return out


# --- 2. descriptions ------------------------------------------------------------------------


def description_head(token: Token) -> bool:
    """A definite or possessed role noun, not part of a name ("the minister", "his counterpart")."""
    if token.lower_ not in DESCRIPTION_HEADS or token.pos_ not in {"NOUN", "PROPN"}:
        return False
    if token.lower_ == "number" and not any(c.lower_ == "opposite" for c in token.children):
        return False
    return any(
        (c.dep_ == "det" and c.lower_ in {"the", "this", "that"}) or c.dep_ == "poss"
        for c in token.children
    )


def _role_matches(head: Token, actor: Actor) -> bool:
    word = head.lower_
    if word in {"counterpart", "number", "leader", "chief", "envoy"}:
        return True
    return actor.role is not None and word in actor.role.lower()


def _description_country(head: Token, mentions: list[Mention]) -> str | None:
    """The country a description names: "the Russian minister", "the president of Armenia"."""
    modifiers = {c.i for c in head.children if c.dep_ in {"amod", "compound", "nmod", "poss"}}
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            modifiers.update(c.i for c in prep.children if c.dep_ == "pobj")
    modifiers.add(head.i)  # the linker's own reading: "president of Armenia" → state:ARM GOV
    for mention in mentions:
        if mention.head in modifiers and mention.actor.kind is ActorKind.STATE:
            return mention.actor.country
    return None


def _possessor(head: Token, subjects: dict[int, Actor]) -> Actor | None:
    """For "his counterpart": the subject of the clause, which "his" refers to."""
    verb = head.head
    for child in verb.children:
        if child.dep_ in SUBJECTS and child.i in subjects:
            return subjects[child.i]
    return None


def resolve_descriptions(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Role descriptions → the matching person, nearest before, else nearest after."""
    sent_of = sentence_index(doc)
    people = [m for m in mentions if m.actor.kind is ActorKind.PERSON and m.via != "pronoun"]
    subjects = {m.head: m.actor for m in people if doc[m.head].dep_ in SUBJECTS}
    out = list(mentions)
    for token in doc:
        if not description_head(token) or any(
            m.head == token.i and m.actor.kind is ActorKind.PERSON for m in mentions
        ):
            continue
        country = _description_country(token, mentions)
        owner = _possessor(token, subjects)
        here = sent_of[token.i]

        def fits(
            m: Mention,
            head: Token = token,
            country: str | None = country,
            owner: Actor | None = owner,
        ) -> bool:
            return (
                _role_matches(head, m.actor)
                and (country is None or m.actor.country == country)
                and (owner is None or m.actor.id != owner.id)
                and (
                    owner is None
                    or head.lower_ not in {"counterpart", "number"}
                    or m.actor.country != owner.country
                )
            )

        before = [
            m
            for m in people
            if m.head < token.i and here - sent_of[m.head] <= _DESC_BACK and fits(m)
        ]
        after = [
            m
            for m in people
            if m.head > token.i and sent_of[m.head] - here <= _DESC_AHEAD and fits(m)
        ]
        chosen = before[-1] if before else (after[0] if after else None)
        if chosen is None:
            continue
        start = min([token.i, *(c.i for c in token.children if c.i < token.i)])
        out = [
            m
            for m in out
            if not (m.head == token.i or (start <= m.head < token.i and m.via == "demonym"))
        ]
        person = enrich(chosen.actor, _description_owner(token, mentions), token)
        if person != chosen.actor:
            out = [_with_actor(m, person) if m.actor.id == person.id else m for m in out]
            people = [_with_actor(m, person) if m.actor.id == person.id else m for m in people]
        out.append(
            Mention(
                start, token.i + 1, token.i, person, "description", doc[start : token.i + 1].text
            )
        )
    return out


def _with_actor(mention: Mention, actor: Actor) -> Mention:
    return Mention(mention.start, mention.end, mention.head, actor, mention.via, mention.text)


def _description_owner(head: Token, mentions: list[Mention]) -> Actor | None:
    """Whom a description says the person acts for: "the Taliban chief" → the Taliban."""
    inside = {t.i for t in head.subtree if abs(t.i - head.i) <= 8}  # head: the linker's nominal
    owners = [
        m.actor for m in mentions if m.head in inside and m.actor.kind is not ActorKind.PERSON
    ]
    groups = [a for a in owners if a.kind is not ActorKind.STATE]
    ranked = groups or owners
    return ranked[0] if ranked else None


def enrich(person: Actor, owner: Actor | None, head: Token) -> Actor:
    """Give a person known only by name the affiliation, country and role a description adds."""
    if owner is None or person.country or person.affiliation:
        return person
    sector = person.sector or (Sector.GOV if owner.kind is ActorKind.STATE else owner.sector)
    return person.model_copy(
        update={
            "affiliation": owner.id,
            "country": owner.country,
            "sector": sector,
            "role": person.role or head.text.capitalize(),
        }
    )
