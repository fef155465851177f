"""Arguments of event nouns and event nouns that stand alone, on hand-built parses.

Classes measured on the tuning split of the training corpus (``benchmarks/eval_arguments.py``):
the agent of an event noun in its own "by/from/between" phrase, and event nouns under another
trigger that are happenings of their own.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from ingest.arguments import arguments_of, fallback_target
from ingest.embedding import Match, resolve_embedding
from ingest.mentions import Mention, PlaceMention, set_mentions
from ontology.model import Actor, ActorKind, Place
from ontology.plover import EventType

VOCAB = spacy.blank("en").vocab


def state(iso3: str, name: str) -> Actor:
    return Actor(id=f"state:{iso3}", name=name, kind=ActorKind.STATE, country=iso3)


CHL, PER, BRA, ARG = (
    state("CHL", "Chile"),
    state("PER", "Peru"),
    state("BRA", "Brazil"),
    state("ARG", "Argentina"),
)


def build(rows: list[tuple[str, int, str, str, str]], actors: dict[int, Actor]) -> Doc:
    """rows: (word, head, dep, lemma, pos); actors: token index → actor mentioned there."""
    words, heads, deps, lemmas, pos = (list(x) for x in zip(*rows, strict=True))
    doc = Doc(VOCAB, words=words, heads=heads, deps=deps, lemmas=lemmas, pos=pos)
    set_mentions(
        doc, [Mention(i, i + 1, i, actor, "dictionary", doc[i].text) for i, actor in actors.items()]
    )
    return doc


def ids(actors: tuple[Actor, ...]) -> list[str]:
    return [a.id for a in actors]


def test_by_phrase_names_the_agent_of_an_event_noun() -> None:
    # "the raid on Peru by Chile"
    doc = build(
        [
            ("the", 1, "det", "the", "DET"),
            ("raid", 1, "ROOT", "raid", "NOUN"),
            ("on", 1, "prep", "on", "ADP"),
            ("Peru", 2, "pobj", "Peru", "PROPN"),
            ("by", 1, "prep", "by", "ADP"),
            ("Chile", 4, "pobj", "Chile", "PROPN"),
        ],
        {3: PER, 5: CHL},
    )
    args = arguments_of(doc, doc[1], verbal=False)
    assert ids(args.source) == ["state:CHL"]
    assert ids(args.target) == ["state:PER"]


def test_from_phrase_is_the_agent_of_a_verbal_noun_only() -> None:
    # "a warning from Chile to Peru" / "the pullout from Peru"
    warning = build(
        [
            ("a", 1, "det", "a", "DET"),
            ("warning", 1, "ROOT", "warning", "NOUN"),
            ("from", 1, "prep", "from", "ADP"),
            ("Chile", 2, "pobj", "Chile", "PROPN"),
            ("to", 1, "prep", "to", "ADP"),
            ("Peru", 4, "pobj", "Peru", "PROPN"),
        ],
        {3: CHL, 5: PER},
    )
    args = arguments_of(warning, warning[1], verbal=True)
    assert ids(args.source) == ["state:CHL"]
    assert ids(args.target) == ["state:PER"]
    pullout = build(
        [
            ("the", 1, "det", "the", "DET"),
            ("pullout", 1, "ROOT", "pullout", "NOUN"),
            ("from", 1, "prep", "from", "ADP"),
            ("Peru", 2, "pobj", "Peru", "PROPN"),
        ],
        {3: PER},
    )
    assert arguments_of(pullout, pullout[1], verbal=False).source == ()


def test_between_phrase_gives_the_first_party_as_source_and_the_rest_as_target() -> None:
    # "talks between Brazil and Argentina"
    doc = build(
        [
            ("talks", 0, "ROOT", "talk", "NOUN"),
            ("between", 0, "prep", "between", "ADP"),
            ("Brazil", 1, "pobj", "Brazil", "PROPN"),
            ("and", 2, "cc", "and", "CCONJ"),
            ("Argentina", 2, "conj", "Argentina", "PROPN"),
        ],
        {2: BRA, 4: ARG},
    )
    args = arguments_of(doc, doc[0])
    assert ids(args.source) == ["state:BRA"]
    assert ids(args.target) == ["state:ARG"]


def test_possessive_still_wins_over_a_by_phrase() -> None:
    # "Chile's raid on Peru": the possessive is the agent
    doc = build(
        [
            ("Chile", 2, "poss", "Chile", "PROPN"),
            ("'s", 0, "case", "'s", "PART"),
            ("raid", 2, "ROOT", "raid", "NOUN"),
            ("on", 2, "prep", "on", "ADP"),
            ("Peru", 3, "pobj", "Peru", "PROPN"),
        ],
        {0: CHL, 4: PER},
    )
    args = arguments_of(doc, doc[2], verbal=False)
    assert ids(args.source) == ["state:CHL"]
    assert ids(args.target) == ["state:PER"]


def _match(doc: Doc, i: int, type_: EventType) -> Match:
    return Match(doc[i], type_, "000", 0.9, None)


def _kept(doc: Doc, triggers: dict[int, EventType]) -> list[int]:
    return [m.token.i for m in resolve_embedding([_match(doc, i, t) for i, t in triggers.items()])]


def test_event_noun_after_a_time_preposition_is_its_own_event() -> None:
    # "Chile agreed to trade after talks with Peru": the talks are a happening of their own
    doc = build(
        [
            ("Chile", 1, "nsubj", "Chile", "PROPN"),
            ("agreed", 1, "ROOT", "agree", "VERB"),
            ("after", 1, "prep", "after", "ADP"),
            ("talks", 2, "pobj", "talk", "NOUN"),
            ("with", 3, "prep", "with", "ADP"),
            ("Peru", 4, "pobj", "Peru", "PROPN"),
        ],
        {0: CHL, 5: PER},
    )
    assert _kept(doc, {1: EventType.AGREE, 3: EventType.CONSULT}) == [1, 3]


def test_event_noun_judged_by_a_non_verbal_act_is_its_own_event() -> None:
    # "Peru condemned the raid" (ACCUSE and ASSAULT) vs "Peru threatened sanctions" (one THREATEN)
    condemned = build(
        [
            ("Peru", 1, "nsubj", "Peru", "PROPN"),
            ("condemned", 1, "ROOT", "condemn", "VERB"),
            ("the", 3, "det", "the", "DET"),
            ("raid", 1, "dobj", "raid", "NOUN"),
        ],
        {0: PER},
    )
    assert _kept(condemned, {1: EventType.ACCUSE, 3: EventType.ASSAULT}) == [1, 3]
    threatened = build(
        [
            ("Peru", 1, "nsubj", "Peru", "PROPN"),
            ("threatened", 1, "ROOT", "threaten", "VERB"),
            ("sanctions", 1, "dobj", "sanction", "NOUN"),
        ],
        {0: PER},
    )
    assert _kept(threatened, {1: EventType.THREATEN, 2: EventType.SANCTION}) == [1]


def test_verbal_complement_still_refines_its_governor() -> None:
    # "Chile agreed to share data": one AGREE, refined
    doc = build(
        [
            ("Chile", 1, "nsubj", "Chile", "PROPN"),
            ("agreed", 1, "ROOT", "agree", "VERB"),
            ("to", 3, "aux", "to", "PART"),
            ("share", 1, "xcomp", "share", "VERB"),
            ("data", 3, "dobj", "datum", "NOUN"),
        ],
        {0: CHL},
    )
    assert _kept(doc, {1: EventType.AGREE, 3: EventType.COOPERATE}) == [1]


def test_agent_of_a_participle_modifying_the_event_noun() -> None:
    # "the tariffs imposed by Chile on Peru"
    doc = build(
        [
            ("the", 1, "det", "the", "DET"),
            ("tariffs", 1, "ROOT", "tariff", "NOUN"),
            ("imposed", 1, "acl", "impose", "VERB"),
            ("by", 2, "agent", "by", "ADP"),
            ("Chile", 3, "pobj", "Chile", "PROPN"),
            ("on", 2, "prep", "on", "ADP"),
            ("Peru", 5, "pobj", "Peru", "PROPN"),
        ],
        {4: CHL, 6: PER},
    )
    doc[2].tag_ = "VBN"
    args = arguments_of(doc, doc[1], verbal=False)
    assert ids(args.source) == ["state:CHL"]


def test_by_phrase_parsed_as_prep_under_a_participle_is_its_agent() -> None:
    # "the newspapers banned by Chile" with "by" attached as a plain preposition
    doc = build(
        [
            ("the", 1, "det", "the", "DET"),
            ("newspapers", 1, "ROOT", "newspaper", "NOUN"),
            ("banned", 1, "acl", "ban", "VERB"),
            ("by", 2, "prep", "by", "ADP"),
            ("Chile", 3, "pobj", "Chile", "PROPN"),
        ],
        {4: CHL},
    )
    doc[2].tag_ = "VBN"
    args = arguments_of(doc, doc[2], verbal=False)
    assert ids(args.source) == ["state:CHL"]


def test_a_protest_noun_is_addressed_to_the_protesters_own_state() -> None:
    # "Chilean dockers went on strike": no named target, the protest is aimed at Chile
    dockers = Actor(id="group:chl-lab", name="Chilean dockers", kind=ActorKind.GROUP, country="CHL")
    doc = build(
        [
            ("Chilean", 1, "amod", "chilean", "ADJ"),
            ("dockers", 2, "nsubj", "docker", "NOUN"),
            ("went", 2, "ROOT", "go", "VERB"),
            ("on", 2, "prep", "on", "ADP"),
            ("strike", 3, "pobj", "strike", "NOUN"),
        ],
        {1: dockers},
    )
    sent = doc[0:5]
    args = arguments_of(doc, doc[4], verbal=False)
    assert ids(args.source) == ["group:chl-lab"]
    found = fallback_target(doc, sent, doc[4], EventType.PROTEST, args.source)
    assert ids(found) == ["state:CHL"]
    # an accusation named by a noun gets no such fallback
    assert fallback_target(doc, sent, doc[4], EventType.ACCUSE, args.source) == ()


def test_target_of_a_verbal_act_is_the_author_named_by_a_participle() -> None:
    # "Peru rejected the claims made by Chile"
    doc = build(
        [
            ("Peru", 1, "nsubj", "Peru", "PROPN"),
            ("rejected", 1, "ROOT", "reject", "VERB"),
            ("the", 3, "det", "the", "DET"),
            ("claims", 1, "dobj", "claim", "NOUN"),
            ("made", 3, "acl", "make", "VERB"),
            ("by", 4, "agent", "by", "ADP"),
            ("Chile", 5, "pobj", "Chile", "PROPN"),
        ],
        {0: PER, 6: CHL},
    )
    doc[4].tag_ = "VBN"
    args = arguments_of(doc, doc[1])
    assert ids(args.source) == ["state:PER"]
    assert ids(args.target) == ["state:CHL"]


def test_a_mobilisation_towards_a_named_place_is_aimed_at_its_state() -> None:
    # "Chile moved tanks to Tacna" (a Peruvian city); with no place named, no target
    doc = build(
        [
            ("Chile", 1, "nsubj", "Chile", "PROPN"),
            ("moved", 1, "ROOT", "move", "VERB"),
            ("tanks", 1, "dobj", "tank", "NOUN"),
            ("to", 1, "prep", "to", "ADP"),
            ("Tacna", 3, "pobj", "Tacna", "PROPN"),
        ],
        {0: CHL},
    )
    sent = doc[0:5]
    assert fallback_target(doc, sent, doc[1], EventType.MOBILIZE, (CHL,)) == ()
    doc._.dekg_places = [PlaceMention(4, 5, Place(name="Tacna", country="PER"), "gazetteer")]
    assert ids(fallback_target(doc, sent, doc[1], EventType.MOBILIZE, (CHL,))) == ["state:PER"]
    # a verbal act is never aimed at a place
    assert fallback_target(doc, sent, doc[1], EventType.THREATEN, (CHL,)) == ()
