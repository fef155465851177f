"""``dekg_coref_v1``: rule-based coreference of actor mentions inside one article.

Three passes over the parse, all deterministic and linear in the number of mentions:

1. names: "Blinken" / "Sergei" → the person named in full elsewhere in the article;
2. descriptions: "his Russian opposite number", "the Russian foreign minister", "the minister"
   → the person with that role and country, looking back and then ahead a few sentences;
3. pronouns: he/him/his, she/her, it/its, they/them/their → the antecedent chosen by recency,
   agreement (gender, number, animacy), syntactic role (subjects first; an object pronoun
   is never the subject of its own clause) and quotes (a speaker pronoun outside a quote
   does not point into it); "I"/"we" inside a quote → its speaker (or the speaker's state).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from ingest.actors.dictionary import ActorDictionary, get_dictionary
from ingest.mentions import Mention, get_mentions, set_mentions
from ontology.model import Actor, ActorKind, Sector

MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
NEUTER = frozenset({"it", "its", "itself"})
PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
FIRST_SINGULAR = frozenset({"i", "me", "my", "mine", "myself"})
FIRST_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves"})
SPEECH_VERBS = frozenset(
    {"say", "tell", "add", "state", "declare", "announce", "insist", "warn", "write", "note"}
)
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
_QUOTES_OPEN = frozenset({"“", '"', "‘"})
_QUOTES_CLOSE = frozenset({"”", '"', "’"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_OBJECTS = frozenset({"dobj", "pobj", "dative", "obj", "iobj"})
GenderFn = Callable[[Actor], str | None]
_MAX_BACK = 2  # sentences looked back for pronouns
_DESC_BACK, _DESC_AHEAD = 3, 2


@dataclass(frozen=True, slots=True)
class Unit:
    """All mentions sharing one head token: one antecedent candidate."""

    head: int
    actors: tuple[Actor, ...]
    sent: int
    plural: bool


class Coref:
    def __init__(self, name: str, dictionary: ActorDictionary) -> None:
        self.name = name
        self.dictionary = dictionary

    def __call__(self, doc: Doc) -> Doc:
        mentions = get_mentions(doc)
        mentions = resolve_names(doc, mentions)
        mentions = resolve_descriptions(doc, mentions)
        mentions = resolve_pronouns(doc, mentions, self.gender, self.dictionary.actors)
        set_mentions(doc, mentions)
        return doc

    def gender(self, actor: Actor) -> str | None:
        person = self.dictionary.people.get(actor.id)
        return person.gender if person is not None else None


# --- 1. names -------------------------------------------------------------------------------


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


def _sentence_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = n
    return index


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
        if child.dep_ in _SUBJECTS and child.i in subjects:
            return subjects[child.i]
    return None


def resolve_descriptions(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Role descriptions → the matching person, nearest before, else nearest after."""
    sent_of = _sentence_index(doc)
    people = [m for m in mentions if m.actor.kind is ActorKind.PERSON and m.via != "pronoun"]
    subjects = {m.head: m.actor for m in people if doc[m.head].dep_ in _SUBJECTS}
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


# --- 3. pronouns ----------------------------------------------------------------------------


def quote_mask(doc: Doc) -> list[bool]:
    """Per token: is it inside quotation marks?"""
    mask = [False] * len(doc)
    inside = False
    for token in doc:
        text = token.text
        if not inside and text in _QUOTES_OPEN:
            inside = True
            continue
        if inside and text in _QUOTES_CLOSE:
            inside = False
            continue
        if "\n\n" in text:
            inside = False
        mask[token.i] = inside
    return mask


def build_units(doc: Doc, mentions: list[Mention], sent_of: list[int]) -> list[Unit]:
    """Group mentions by head; coordinated heads ("Russia and Ukraine") also form one unit."""
    by_head: dict[int, list[Actor]] = {}
    for mention in mentions:
        actors = by_head.setdefault(mention.head, [])
        if all(a.id != mention.actor.id for a in actors):
            actors.append(mention.actor)
    units = [
        Unit(
            head, tuple(actors), sent_of[head], len(actors) > 1 or doc[head].tag_ in {"NNS", "NNPS"}
        )
        for head, actors in by_head.items()
    ]
    for head, actors in list(by_head.items()):
        conjuncts = [c.i for c in doc[head].conjuncts if c.i in by_head and c.i > head]
        if conjuncts and doc[head].dep_ != "conj":
            merged = list(actors)
            for c in conjuncts:
                merged += [a for a in by_head[c] if all(a.id != m.id for m in merged)]
            units.append(Unit(max(conjuncts), tuple(merged), sent_of[head], True))
    return sorted(units, key=lambda u: (u.head, len(u.actors)))


def agrees(pronoun: str, unit: Unit, gender_of: GenderFn) -> bool:
    actor = unit.actors[0]
    if pronoun in PLURAL:
        return unit.plural
    if unit.plural:
        return False
    if pronoun in MALE or pronoun in FEMALE:
        if actor.kind is not ActorKind.PERSON:
            return False
        gender = gender_of(actor)
        return gender is None or gender == ("m" if pronoun in MALE else "f")
    if pronoun in NEUTER:
        return actor.kind in {ActorKind.STATE, ActorKind.ORGANIZATION, ActorKind.ARMED_GROUP} or (
            actor.kind is ActorKind.GROUP
        )
    return False


def clause_verbs(token: Token) -> list[Token]:
    """The verb governing ``token`` and the verbs it is embedded under by control."""
    verbs: list[Token] = []
    current = token.head
    while current.pos_ not in {"VERB", "AUX"} and current.head.i != current.i:
        current = current.head
    verbs.append(current)
    while (
        current.dep_ in {"xcomp", "advcl", "conj", "pcomp", "prep"} and current.head.i != current.i
    ):
        current = current.head
        if current.pos_ in {"VERB", "AUX"}:
            verbs.append(current)
    return verbs


def bound_subjects(token: Token) -> set[int]:
    """Subjects an object pronoun cannot refer to ("Blinken met X to warn him")."""
    return {c.i for verb in clause_verbs(token) for c in verb.children if c.dep_ in _SUBJECTS}


def controller(token: Token) -> int | None:
    """The subject of the clause a possessive sits in ("accuses Kyiv of pursuing its")."""
    verb = token.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    for _ in range(4):
        subject = next((c.i for c in verb.children if c.dep_ in _SUBJECTS), None)
        if subject is not None:
            return subject
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            governor = verb.head.head
            obj = next((c.i for c in governor.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj
            verb = governor
            continue
        if verb.dep_ in {"conj", "xcomp", "advcl", "ccomp"} and verb.head.i != verb.i:
            verb = verb.head
            continue
        return None
    return None


def score(unit: Unit, doc: Doc, pronoun: Token, sent_of: list[int]) -> float:
    """Higher is better: near, a subject, in the main clause, or the same pronoun again."""
    distance = sent_of[pronoun.i] - unit.sent
    head = doc[unit.head]
    value = -10.0 * distance - 0.01 * abs(pronoun.i - unit.head)
    if head.lower_ == pronoun.lower_ and distance <= 1:
        return value + 8.0  # parallelism: "to warn him ... and to urge him"
    if head.dep_ in _SUBJECTS:
        value += 5.0
        if head.head.dep_ == "ROOT":
            value += 1.0
    if pronoun.dep_ == "poss" and distance == 0:
        value = -0.01 * abs(pronoun.i - unit.head)
    return value


@dataclass(frozen=True, slots=True)
class DocFacts:
    """Per-doc arrays the pronoun rules consult."""

    sent_of: list[int]
    quoted: list[bool]


def choose(pronoun: Token, units: list[Unit], facts: DocFacts, gender_of: GenderFn) -> Unit | None:
    """The antecedent unit of a third-person pronoun, or None."""
    doc = pronoun.doc
    sent_of, quoted = facts.sent_of, facts.quoted
    word = pronoun.lower_
    here = sent_of[pronoun.i]
    bound_heads = bound_subjects(pronoun) if pronoun.dep_ in _OBJECTS else set()
    bound = {a.id for u in units if u.head in bound_heads for a in u.actors}
    candidates = [
        u
        for u in units
        if u.head < pronoun.i
        and here - u.sent <= _MAX_BACK
        and not all(a.id in bound for a in u.actors)
        and not (quoted[u.head] and not quoted[pronoun.i])
        and agrees(word, u, gender_of)
    ]
    if not candidates or _thing_antecedent(pronoun, units, sent_of):
        return None
    if pronoun.dep_ == "poss":
        subject = controller(pronoun)
        preferred = [u for u in candidates if u.head == subject]
        if preferred:
            return preferred[-1]
    return max(candidates, key=lambda u: score(u, doc, pronoun, sent_of))


def _thing_antecedent(pronoun: Token, units: list[Unit], sent_of: list[int]) -> bool:
    """ "The plan ... It would ...": a subject "it"/"they" whose latest preceding subject is a
    common noun that names no actor most likely refers to that noun, not to an actor."""
    if pronoun.dep_ not in _SUBJECTS or pronoun.lower_ not in NEUTER | PLURAL:
        return False
    doc = pronoun.doc
    heads = {u.head for u in units}
    first = doc[pronoun.sent.start - 1].sent.start if pronoun.sent.start > 0 else 0
    for i in range(pronoun.i - 1, first - 1, -1):
        token = doc[i]
        if token.dep_ not in _SUBJECTS or token.pos_ == "PRON":
            continue
        if i in heads:
            return False
        plural = token.tag_ in {"NNS", "NNPS"}
        return token.pos_ == "NOUN" and plural == (pronoun.lower_ in PLURAL)
    return False


def speaker(pronoun: Token, units: list[Unit], quoted: list[bool]) -> Unit | None:
    """The unit saying a quote: subject of a speech verb in the sentence, outside the quote."""
    sent = pronoun.sent
    for unit in units:
        if not (sent.start <= unit.head < sent.end) or quoted[unit.head]:
            continue
        head = pronoun.doc[unit.head]
        if head.dep_ in _SUBJECTS and head.head.lemma_ in SPEECH_VERBS:
            return unit
    return None


def resolve_pronouns(
    doc: Doc,
    mentions: list[Mention],
    gender_of: GenderFn,
    known: Mapping[str, Actor] | None = None,
) -> list[Mention]:
    """Third-person pronouns → antecedents; first-person pronouns in quotes → speakers."""
    sent_of = _sentence_index(doc)
    quoted = quote_mask(doc)
    out = list(mentions)
    units = build_units(doc, mentions, sent_of)
    first_person: list[Token] = []
    for token in doc:
        word = token.lower_
        if token.pos_ != "PRON" or token.dep_ == "expl":
            continue
        if word in FIRST_SINGULAR or word in FIRST_PLURAL:
            if quoted[token.i]:
                first_person.append(token)
            continue
        if word not in MALE | FEMALE | NEUTER | PLURAL:
            continue
        unit = choose(token, units, DocFacts(sent_of, quoted), gender_of)
        if unit is None:
            continue
        new = Unit(token.i, unit.actors, sent_of[token.i], unit.plural)
        units = sorted([*units, new], key=lambda u: (u.head, len(u.actors)))
        out += [
            Mention(token.i, token.i + 1, token.i, a, "pronoun", token.text) for a in unit.actors
        ]
    for token in first_person:
        unit = speaker(token, units, quoted)
        if unit is None:
            continue
        actors = unit.actors
        if token.lower_ in FIRST_PLURAL:
            actors = tuple(_side_of(a, known or {}) for a in actors)
        out += [Mention(token.i, token.i + 1, token.i, a, "pronoun", token.text) for a in actors]
    return out


def _side_of(actor: Actor, known: Mapping[str, Actor]) -> Actor:
    """ "We" said by a person: the state or organisation they act for, when known."""
    side = known.get(actor.affiliation or "") if actor.kind is ActorKind.PERSON else None
    if side is None:
        return actor
    if side.kind is ActorKind.STATE:
        return side.model_copy(update={"sector": actor.sector})
    return side


@Language.factory(
    "dekg_coref_v1",
    default_config={"dictionaries": []},
    requires=["doc._.dekg_mentions"],
    assigns=["doc._.dekg_mentions", "doc._.dekg_actors"],
)
def make_coref(nlp: Language, name: str, dictionaries: list[str]) -> Coref:
    return Coref(name, get_dictionary(dictionaries))
