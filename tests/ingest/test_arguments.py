"""Source and target from the parse, on hand-built docs with hand-set actor mentions."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from ingest.arguments import arguments_of, fallback_target
from ingest.mentions import Mention, set_mentions
from ontology.model import Actor, ActorKind
from ontology.plover import EventType

VOCAB = spacy.blank("en").vocab


def state(iso3: str, name: str) -> Actor:
    return Actor(id=f"state:{iso3}", name=name, kind=ActorKind.STATE, country=iso3)


def person(slug: str, name: str, iso3: str) -> Actor:
    return Actor(id=f"person:{slug}", name=name, kind=ActorKind.PERSON, country=iso3)


def build(rows: list[tuple[str, int, str, str, str]], actors: dict[int, Actor]) -> Doc:
    """rows: (word, head, dep, lemma, pos); actors: token index → actor mentioned there."""
    words, heads, deps, lemmas, pos = (list(x) for x in zip(*rows, strict=True))
    doc = Doc(VOCAB, words=words, heads=heads, deps=deps, lemmas=lemmas, pos=pos)
    set_mentions(
        doc, [Mention(i, i + 1, i, actor, "dictionary", doc[i].text) for i, actor in actors.items()]
    )
    return doc


RUS, UKR, USA, IRN, IRQ = (
    state("RUS", "Russia"),
    state("UKR", "Ukraine"),
    state("USA", "United States"),
    state("IRN", "Iran"),
    state("IRQ", "Iraq"),
)
BLINKEN = person("antony-blinken", "Antony Blinken", "USA")
LAVROV = person("sergei-lavrov", "Sergei Lavrov", "RUS")


def ids(actors: tuple[Actor, ...]) -> list[str]:
    return [a.id for a in actors]


def test_subject_and_object() -> None:
    doc = build(
        [
            ("Blinken", 1, "nsubj", "Blinken", "PROPN"),
            ("met", 1, "ROOT", "meet", "VERB"),
            ("Lavrov", 1, "dobj", "Lavrov", "PROPN"),
        ],
        {0: BLINKEN, 2: LAVROV},
    )
    args = arguments_of(doc, doc[1])
    assert ids(args.source) == ["person:antony-blinken"]
    assert ids(args.target) == ["person:sergei-lavrov"]
    assert args.quality == 1.0


def test_passive_agent_is_the_source() -> None:
    doc = build(
        [
            ("Iran", 2, "nsubjpass", "Iran", "PROPN"),
            ("was", 2, "auxpass", "be", "AUX"),
            ("attacked", 2, "ROOT", "attack", "VERB"),
            ("by", 2, "agent", "by", "ADP"),
            ("Iraq", 3, "pobj", "Iraq", "PROPN"),
        ],
        {0: IRN, 4: IRQ},
    )
    args = arguments_of(doc, doc[2])
    assert ids(args.source) == ["state:IRQ"]
    assert ids(args.target) == ["state:IRN"]


def test_purpose_clause_inherits_the_subject() -> None:
    # Blinken met Lavrov to warn him
    doc = build(
        [
            ("Blinken", 1, "nsubj", "Blinken", "PROPN"),
            ("met", 1, "ROOT", "meet", "VERB"),
            ("Lavrov", 1, "dobj", "Lavrov", "PROPN"),
            ("to", 4, "aux", "to", "PART"),
            ("warn", 1, "advcl", "warn", "VERB"),
            ("him", 4, "dobj", "he", "PRON"),
        ],
        {0: BLINKEN, 2: LAVROV, 5: LAVROV},
    )
    args = arguments_of(doc, doc[4])
    assert ids(args.source) == ["person:antony-blinken"]
    assert ids(args.target) == ["person:sergei-lavrov"]
    assert args.quality < 1.0


def test_coordination_gives_compound_targets_and_speaker_source() -> None:
    # He said Russia and Ukraine should talk  (He → Blinken)
    doc = build(
        [
            ("He", 1, "nsubj", "he", "PRON"),
            ("said", 1, "ROOT", "say", "VERB"),
            ("Russia", 6, "nsubj", "Russia", "PROPN"),
            ("and", 2, "cc", "and", "CCONJ"),
            ("Ukraine", 2, "conj", "Ukraine", "PROPN"),
            ("should", 6, "aux", "should", "AUX"),
            ("talk", 1, "ccomp", "talk", "VERB"),
        ],
        {0: BLINKEN, 2: RUS, 4: UKR},
    )
    args = arguments_of(doc, doc[1])
    assert ids(args.source) == ["person:antony-blinken"]
    assert ids(args.target) == ["state:RUS", "state:UKR"]


def test_reported_claim_is_attributed() -> None:
    # Kyiv says Russia amassed troops
    doc = build(
        [
            ("Kyiv", 1, "nsubj", "Kyiv", "PROPN"),
            ("says", 1, "ROOT", "say", "VERB"),
            ("Russia", 3, "nsubj", "Russia", "PROPN"),
            ("amassed", 1, "ccomp", "amass", "VERB"),
            ("troops", 3, "dobj", "troop", "NOUN"),
        ],
        {0: UKR, 2: RUS},
    )
    args = arguments_of(doc, doc[3])
    assert ids(args.source) == ["state:RUS"]
    assert args.target == ()
    assert ids(args.attributed_to) == ["state:UKR"]


def test_unknown_subject_gives_no_source() -> None:
    doc = build(
        [
            ("Missiles", 1, "nsubj", "missile", "NOUN"),
            ("struck", 1, "ROOT", "strike", "VERB"),
            ("Kyiv", 1, "dobj", "Kyiv", "PROPN"),
        ],
        {2: UKR},
    )
    assert arguments_of(doc, doc[1]).source == ()


def test_threat_target_from_the_condition() -> None:
    # Russia would act if NATO placed missiles
    nato = Actor(id="org:NATO", name="NATO", kind=ActorKind.ORGANIZATION)
    doc = build(
        [
            ("Russia", 2, "nsubj", "Russia", "PROPN"),
            ("would", 2, "aux", "would", "AUX"),
            ("act", 2, "ROOT", "act", "VERB"),
            ("if", 5, "mark", "if", "SCONJ"),
            ("NATO", 5, "nsubj", "NATO", "PROPN"),
            ("placed", 2, "advcl", "place", "VERB"),
            ("missiles", 5, "dobj", "missile", "NOUN"),
        ],
        {0: RUS, 4: nato},
    )
    assert ids(arguments_of(doc, doc[2], threat=True).target) == ["org:NATO"]
    assert arguments_of(doc, doc[2]).target == ()


def test_domestic_event_targets_its_own_state() -> None:
    rebels = Actor(
        id="armed_group:irq-reb", name="Iraqi rebels", kind=ActorKind.ARMED_GROUP, country="IRQ"
    )
    doc = build(
        [("Rebels", 1, "nsubj", "rebel", "NOUN"), ("rioted", 1, "ROOT", "riot", "VERB")],
        {0: rebels},
    )
    sent = doc[0:2]
    assert ids(fallback_target(doc, sent, doc[1], EventType.PROTEST, (rebels,))) == ["state:IRQ"]
    assert fallback_target(doc, sent, doc[1], EventType.CONSULT, (rebels,)) == ()


def _control(verb: str, lemma: str) -> Doc:
    return build(
        [
            ("Russia", 1, "nsubj", "Russia", "PROPN"),
            (verb, 1, "ROOT", lemma, "VERB"),
            ("Ukraine", 1, "dobj", "Ukraine", "PROPN"),
            ("to", 4, "aux", "to", "PART"),
            ("withdraw", 1, "xcomp", "withdraw", "VERB"),
        ],
        {0: RUS, 2: UKR},
    )


def test_the_object_does_the_complement_of_urge_and_force() -> None:
    for verb, lemma in (("forced", "force"), ("urged", "urge")):
        doc = _control(verb, lemma)
        assert ids(arguments_of(doc, doc[4]).source) == ["state:UKR"]


def test_the_subject_does_the_complement_of_promise() -> None:
    doc = _control("promised", "promise")
    assert ids(arguments_of(doc, doc[4]).source) == ["state:RUS"]


def test_no_source_through_a_word_of_feeling() -> None:
    doc = build(
        [
            ("Iraq", 1, "nsubj", "Iraq", "PROPN"),
            ("welcomed", 1, "ROOT", "welcome", "VERB"),
            ("moves", 1, "dobj", "move", "NOUN"),
            ("to", 4, "aux", "to", "PART"),
            ("attack", 1, "advcl", "attack", "VERB"),
            ("Iran", 4, "dobj", "Iran", "PROPN"),
        ],
        {0: IRQ, 5: IRN},
    )
    assert arguments_of(doc, doc[4]).source == ()
