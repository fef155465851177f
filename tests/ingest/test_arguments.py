"""Source and target from the parse, on hand-built docs with hand-set actor mentions."""

from __future__ import annotations

from spacy.tokens import Doc

from ingest.arguments import arguments_of, fallback_target
from ontology.model import Actor, ActorKind
from ontology.plover import EventType
from tests.ingest.parses import build, ids, parse, person, sides, state

RUS, UKR, USA, IRN, IRQ = (
    state("RUS", "Russia"),
    state("UKR", "Ukraine"),
    state("USA", "United States"),
    state("IRN", "Iran"),
    state("IRQ", "Iraq"),
)
BLINKEN = person("antony-blinken", "Antony Blinken", "USA")
LAVROV = person("sergei-lavrov", "Sergei Lavrov", "RUS")


def test_subject_and_object() -> None:
    doc = parse(
        "Blinken:1:nsubj:PROPN met:1:ROOT:VERB:meet Lavrov:1:dobj:PROPN",
        {0: BLINKEN, 2: LAVROV},
    )
    args = arguments_of(doc, doc[1])
    assert ids(args.source) == ["person:antony-blinken"]
    assert ids(args.target) == ["person:sergei-lavrov"]
    assert args.quality == 1.0


def test_passive_agent_is_the_source() -> None:
    doc = parse(
        "Iran:2:nsubjpass:PROPN was:2:auxpass:AUX:be attacked:2:ROOT:VERB:attack "
        "by:2:agent:ADP Iraq:3:pobj:PROPN",
        {0: IRN, 4: IRQ},
    )
    assert sides(doc, 2) == (["state:IRQ"], ["state:IRN"])


def test_purpose_clause_inherits_the_subject() -> None:
    # Blinken met Lavrov to warn him
    doc = parse(
        "Blinken:1:nsubj:PROPN met:1:ROOT:VERB:meet Lavrov:1:dobj:PROPN to:4:aux:PART "
        "warn:1:advcl:VERB him:4:dobj:PRON:he",
        {0: BLINKEN, 2: LAVROV, 5: LAVROV},
    )
    args = arguments_of(doc, doc[4])
    assert ids(args.source) == ["person:antony-blinken"]
    assert ids(args.target) == ["person:sergei-lavrov"]
    assert args.quality < 1.0


def test_coordination_gives_compound_targets_and_speaker_source() -> None:
    # He said Russia and Ukraine should talk  (He → Blinken)
    doc = parse(
        "He:1:nsubj:PRON:he said:1:ROOT:VERB:say Russia:6:nsubj:PROPN and:2:cc:CCONJ "
        "Ukraine:2:conj:PROPN should:6:aux:AUX talk:1:ccomp:VERB",
        {0: BLINKEN, 2: RUS, 4: UKR},
    )
    assert sides(doc, 1) == (["person:antony-blinken"], ["state:RUS", "state:UKR"])


def test_reported_claim_is_attributed() -> None:
    # Kyiv says Russia amassed troops
    doc = parse(
        "Kyiv:1:nsubj:PROPN says:1:ROOT:VERB:say Russia:3:nsubj:PROPN "
        "amassed:1:ccomp:VERB:amass troops:3:dobj:NOUN:troop",
        {0: UKR, 2: RUS},
    )
    args = arguments_of(doc, doc[3])
    assert ids(args.source) == ["state:RUS"]
    assert args.target == ()
    assert ids(args.attributed_to) == ["state:UKR"]


def test_unknown_subject_gives_no_source() -> None:
    doc = parse(
        "Missiles:1:nsubj:NOUN:missile struck:1:ROOT:VERB:strike Kyiv:1:dobj:PROPN",
        {2: UKR},
    )
    assert arguments_of(doc, doc[1]).source == ()


def test_threat_target_from_the_condition() -> None:
    # Russia would act if NATO placed missiles
    nato = Actor(id="org:NATO", name="NATO", kind=ActorKind.ORGANIZATION)
    doc = parse(
        "Russia:2:nsubj:PROPN would:2:aux:AUX act:2:ROOT:VERB if:5:mark:SCONJ "
        "NATO:5:nsubj:PROPN placed:2:advcl:VERB:place missiles:5:dobj:NOUN:missile",
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
    doc = parse(
        "Iraq:1:nsubj:PROPN welcomed:1:ROOT:VERB:welcome moves:1:dobj:NOUN:move "
        "to:4:aux:PART attack:1:advcl:VERB Iran:4:dobj:PROPN",
        {0: IRQ, 5: IRN},
    )
    assert arguments_of(doc, doc[4]).source == ()
