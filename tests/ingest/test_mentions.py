"""The mention data types, Doc extensions and the per-document actor registry."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc
from spacy.vocab import Vocab

from ingest.mentions import (
    Mention,
    build_registry,
    get_actors,
    get_doc_date,
    get_mentions,
    mentions_at,
    mentions_in,
    richer,
    set_mentions,
)
from ontology.model import Actor, ActorKind, Sector

RUSSIA = Actor(id="state:RUS", name="Russia", kind=ActorKind.STATE, country="RUS")
MOSCOW = RUSSIA.model_copy(update={"sector": Sector.GOV})
LAVROV = Actor(id="person:sergei-lavrov", name="Sergei Lavrov", kind=ActorKind.PERSON)


def make_doc() -> Doc:
    return Doc(Vocab(), words=["Lavrov", "said", "Moscow", "was", "ready", "."])


def test_unset_doc_has_no_mentions_actors_or_date() -> None:
    doc = make_doc()
    assert get_mentions(doc) == []
    assert get_actors(doc) == {}
    assert get_doc_date(doc) is None


def test_doc_date_accepts_date_and_datetime() -> None:
    doc = make_doc()
    doc._.dekg_doc_date = dt.datetime(2021, 12, 2, 10, 30)
    assert get_doc_date(doc) == dt.date(2021, 12, 2)
    doc._.dekg_doc_date = "2021-12-02"
    assert get_doc_date(doc) is None


def test_set_mentions_sorts_and_builds_registry() -> None:
    doc = make_doc()
    moscow = Mention(2, 3, 2, MOSCOW, "capital", "Moscow")
    lavrov = Mention(0, 1, 0, LAVROV, "dictionary", "Lavrov")
    set_mentions(doc, [moscow, lavrov])
    assert get_mentions(doc) == [lavrov, moscow]
    registry = get_actors(doc)
    assert registry["state:RUS"].sector is Sector.GOV
    assert "Moscow" in registry["state:RUS"].aliases
    assert "Lavrov" in registry["person:sergei-lavrov"].aliases


def test_mentions_at_and_in_use_heads_and_spans() -> None:
    doc = make_doc()
    wide = Mention(0, 3, 2, MOSCOW, "nominal", "Lavrov said Moscow")
    set_mentions(doc, [wide])
    assert mentions_at(doc, 2) == [wide]
    assert mentions_at(doc, 1) == [wide]  # covered
    assert mentions_at(doc, 4) == []
    assert mentions_in(doc, 2, 3) == [wide]
    assert mentions_in(doc, 0, 2) == []


def test_richer_keeps_every_known_field() -> None:
    plain = RUSSIA
    merged = richer(plain, MOSCOW)
    assert merged.sector is Sector.GOV
    assert merged.country == "RUS"
    assert richer(MOSCOW, plain) == MOSCOW


def test_pronouns_do_not_become_aliases() -> None:
    registry = build_registry([Mention(0, 1, 0, LAVROV, "pronoun", "he")])
    assert registry["person:sergei-lavrov"].aliases == ()
