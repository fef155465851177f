"""Arguments of event nouns and event nouns that stand alone, on hand-built parses.

Classes measured on the tuning split of the training corpus (``benchmarks/eval_arguments.py``):
the agent of an event noun in its own "by/from/between" phrase, and event nouns under another
trigger that are happenings of their own.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from ingest.arguments import arguments_of, fallback_target
from ingest.embedding import Match, resolve_embedding
from ingest.mentions import PlaceMention
from ontology.model import Actor, ActorKind, Place
from ontology.plover import EventType
from tests.ingest.parses import ids, parse, sides, state

CHL, PER, BRA, ARG = (
    state("CHL", "Chile"),
    state("PER", "Peru"),
    state("BRA", "Brazil"),
    state("ARG", "Argentina"),
)


def test_by_phrase_names_the_agent_of_an_event_noun() -> None:
    # "the raid on Peru by Chile"
    doc = parse(
        "the:1:det:DET raid:1:ROOT:NOUN on:1:prep:ADP Peru:2:pobj:PROPN by:1:prep:ADP "
        "Chile:4:pobj:PROPN",
        {3: PER, 5: CHL},
    )
    args = arguments_of(doc, doc[1], verbal=False)
    assert ids(args.source) == ["state:CHL"]
    assert ids(args.target) == ["state:PER"]


def test_from_phrase_is_the_agent_of_a_verbal_noun_only() -> None:
    # "a warning from Chile to Peru" / "the pullout from Peru"
    warning = parse(
        "a:1:det:DET warning:1:ROOT:NOUN from:1:prep:ADP Chile:2:pobj:PROPN to:1:prep:ADP "
        "Peru:4:pobj:PROPN",
        {3: CHL, 5: PER},
    )
    args = arguments_of(warning, warning[1], verbal=True)
    assert ids(args.source) == ["state:CHL"]
    assert ids(args.target) == ["state:PER"]
    pullout = parse(
        "the:1:det:DET pullout:1:ROOT:NOUN from:1:prep:ADP Peru:2:pobj:PROPN",
        {3: PER},
    )
    assert arguments_of(pullout, pullout[1], verbal=False).source == ()


def test_between_phrase_gives_the_first_party_as_source_and_the_rest_as_target() -> None:
    # "talks between Brazil and Argentina"
    doc = parse(
        "talks:0:ROOT:NOUN:talk between:0:prep:ADP Brazil:1:pobj:PROPN and:2:cc:CCONJ "
        "Argentina:2:conj:PROPN",
        {2: BRA, 4: ARG},
    )
    assert sides(doc, 0) == (["state:BRA"], ["state:ARG"])


def test_possessive_still_wins_over_a_by_phrase() -> None:
    # "Chile's raid on Peru": the possessive is the agent
    doc = parse(
        "Chile:2:poss:PROPN 's:0:case:PART raid:2:ROOT:NOUN on:2:prep:ADP Peru:3:pobj:PROPN",
        {0: CHL, 4: PER},
    )
    args = arguments_of(doc, doc[2], verbal=False)
    assert ids(args.source) == ["state:CHL"]
    assert ids(args.target) == ["state:PER"]


def _match(doc: Doc, i: int, type_: EventType) -> Match:
    return Match(doc[i], type_, "000", 0.9, None)


def _kept(doc: Doc, triggers: dict[int, EventType]) -> list[int]:
    return [m.token.i for m in resolve_embedding([_match(doc, i, t) for i, t in triggers.items()])]


@pytest.mark.parametrize(
    ("spec", "triggers", "kept"),
    [
        # "Chile agreed to trade after talks with Peru": the talks are a happening of their own
        (
            "Chile:1:nsubj:PROPN agreed:1:ROOT:VERB:agree after:1:prep:ADP "
            "talks:2:pobj:NOUN:talk with:3:prep:ADP Peru:4:pobj:PROPN",
            {1: EventType.AGREE, 3: EventType.CONSULT},
            [1, 3],
        ),
        # "Peru condemned the raid": ACCUSE and ASSAULT
        (
            "Peru:1:nsubj:PROPN condemned:1:ROOT:VERB:condemn the:3:det:DET raid:1:dobj:NOUN",
            {1: EventType.ACCUSE, 3: EventType.ASSAULT},
            [1, 3],
        ),
        # "Peru threatened sanctions": one THREATEN
        (
            "Peru:1:nsubj:PROPN threatened:1:ROOT:VERB:threaten sanctions:1:dobj:NOUN:sanction",
            {1: EventType.THREATEN, 2: EventType.SANCTION},
            [1],
        ),
        # "Chile agreed to share data": one AGREE, refined
        (
            "Chile:1:nsubj:PROPN agreed:1:ROOT:VERB:agree to:3:aux:PART share:1:xcomp:VERB "
            "data:3:dobj:NOUN:datum",
            {1: EventType.AGREE, 3: EventType.COOPERATE},
            [1],
        ),
    ],
)
def test_event_nouns_that_stand_alone_and_complements_that_refine(
    spec: str, triggers: dict[int, EventType], kept: list[int]
) -> None:
    assert _kept(parse(spec, {0: CHL if spec.startswith("Chile") else PER}), triggers) == kept


def test_agent_of_a_participle_modifying_the_event_noun() -> None:
    # "the tariffs imposed by Chile on Peru"
    doc = parse(
        "the:1:det:DET tariffs:1:ROOT:NOUN:tariff imposed:1:acl:VERB:impose "
        "by:2:agent:ADP Chile:3:pobj:PROPN on:2:prep:ADP Peru:5:pobj:PROPN",
        {4: CHL, 6: PER},
    )
    doc[2].tag_ = "VBN"
    args = arguments_of(doc, doc[1], verbal=False)
    assert ids(args.source) == ["state:CHL"]


def test_by_phrase_parsed_as_prep_under_a_participle_is_its_agent() -> None:
    # "the newspapers banned by Chile" with "by" attached as a plain preposition
    doc = parse(
        "the:1:det:DET newspapers:1:ROOT:NOUN:newspaper banned:1:acl:VERB:ban "
        "by:2:prep:ADP Chile:3:pobj:PROPN",
        {4: CHL},
    )
    doc[2].tag_ = "VBN"
    args = arguments_of(doc, doc[2], verbal=False)
    assert ids(args.source) == ["state:CHL"]


def test_a_protest_noun_is_addressed_to_the_protesters_own_state() -> None:
    # "Chilean dockers went on strike": no named target, the protest is aimed at Chile
    dockers = Actor(id="group:chl-lab", name="Chilean dockers", kind=ActorKind.GROUP, country="CHL")
    doc = parse(
        "Chilean:1:amod:ADJ:chilean dockers:2:nsubj:NOUN:docker went:2:ROOT:VERB:go "
        "on:2:prep:ADP strike:3:pobj:NOUN",
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
    doc = parse(
        "Peru:1:nsubj:PROPN rejected:1:ROOT:VERB:reject the:3:det:DET "
        "claims:1:dobj:NOUN:claim made:3:acl:VERB:make by:4:agent:ADP Chile:5:pobj:PROPN",
        {0: PER, 6: CHL},
    )
    doc[4].tag_ = "VBN"
    assert sides(doc, 1) == (["state:PER"], ["state:CHL"])


def test_a_mobilisation_towards_a_named_place_is_aimed_at_its_state() -> None:
    # "Chile moved tanks to Tacna" (a Peruvian city); with no place named, no target
    doc = parse(
        "Chile:1:nsubj:PROPN moved:1:ROOT:VERB:move tanks:1:dobj:NOUN:tank to:1:prep:ADP "
        "Tacna:3:pobj:PROPN",
        {0: CHL},
    )
    sent = doc[0:5]
    assert fallback_target(doc, sent, doc[1], EventType.MOBILIZE, (CHL,)) == ()
    doc._.dekg_places = [PlaceMention(4, 5, Place(name="Tacna", country="PER"), "gazetteer")]
    assert ids(fallback_target(doc, sent, doc[1], EventType.MOBILIZE, (CHL,))) == ["state:PER"]
    # a verbal act is never aimed at a place
    assert fallback_target(doc, sent, doc[1], EventType.THREATEN, (CHL,)) == ()
