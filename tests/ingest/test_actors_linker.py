"""The actor ruler and linker on hand-built parses (no statistical model needed)."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ingest.actors.dictionary import get_dictionary
from ingest.components.actor_linker import ActorLinker
from ingest.components.actor_ruler import ActorRuler
from ingest.mentions import Mention, get_mentions

_NLP: Language = spacy.blank("en")
_RULER = ActorRuler(_NLP, "ruler", get_dictionary())
_LINKER = ActorLinker("linker", get_dictionary())


def parse(rows: list[tuple[str, str, str, int, str]]) -> Doc:
    """Rows of (word, POS, dep, head index, entity IOB)."""
    doc = Doc(
        _NLP.vocab,
        words=[r[0] for r in rows],
        pos=[r[1] for r in rows],
        tags=["NNS" if r[1] == "NOUN" and r[0].endswith("s") else "" for r in rows],
        deps=[r[2] for r in rows],
        heads=[r[3] for r in rows],
        ents=[r[4] for r in rows],
    )
    return _LINKER(_RULER(doc))


def heads(doc: Doc, word: str) -> list[Mention]:
    index = next(t.i for t in doc if t.text == word)
    return [m for m in get_mentions(doc) if m.head == index]


def test_capitals_as_subject_and_object_are_governments() -> None:
    doc = parse(
        [
            ("Moscow", "PROPN", "nsubj", 1, "B-GPE"),
            ("accuses", "VERB", "ROOT", 1, "O"),
            ("Kyiv", "PROPN", "dobj", 1, "B-PERSON"),
            (".", "PUNCT", "punct", 1, "O"),
        ]
    )
    (moscow,) = heads(doc, "Moscow")
    (kyiv,) = heads(doc, "Kyiv")
    assert (moscow.actor.id, moscow.via) == ("state:RUS", "capital")
    assert (kyiv.actor.id, kyiv.actor.sector and kyiv.actor.sector.value) == ("state:UKR", "GOV")
    assert {e.text: e.label_ for e in doc.ents}["Kyiv"] == "GPE"  # repaired from PERSON


def test_capital_in_a_place_context_is_not_an_actor() -> None:
    doc = parse(
        [
            ("They", "PRON", "nsubj", 1, "O"),
            ("met", "VERB", "ROOT", 1, "O"),
            ("in", "ADP", "prep", 1, "O"),
            ("Stockholm", "PROPN", "pobj", 2, "B-GPE"),
        ]
    )
    assert heads(doc, "Stockholm") == []


def test_coordinated_demonyms_give_two_mentions_with_one_head() -> None:
    doc = parse(
        [
            ("Senior", "ADJ", "amod", 4, "O"),
            ("Hungarian", "ADJ", "amod", 4, "B-NORP"),
            ("and", "CCONJ", "cc", 1, "O"),
            ("Romanian", "ADJ", "conj", 1, "B-NORP"),
            ("officials", "NOUN", "nsubj", 5, "O"),
            ("agreed", "VERB", "ROOT", 5, "O"),
        ]
    )
    found = {(m.actor.id, m.actor.sector and m.actor.sector.value) for m in heads(doc, "officials")}
    assert found == {("state:HUN", "GOV"), ("state:ROU", "GOV")}


def test_title_gives_role_country_and_sector_of_an_unknown_person() -> None:
    doc = parse(
        [
            ("British", "ADJ", "amod", 2, "B-NORP"),
            ("Defence", "PROPN", "compound", 2, "O"),
            ("Secretary", "PROPN", "compound", 4, "O"),
            ("Tom", "PROPN", "compound", 4, "B-PERSON"),
            ("King", "PROPN", "nsubj", 5, "I-PERSON"),
            ("promised", "VERB", "ROOT", 5, "O"),
        ]
    )
    (king,) = heads(doc, "King")
    actor = king.actor
    assert actor.id == "person:tom-king"
    assert (actor.country, actor.role, actor.affiliation) == (
        "GBR",
        "Defence Secretary",
        "state:GBR",
    )
    assert actor.sector is not None and actor.sector.value == "GOV"
    assert (king.start, king.end) == (0, 5)


def test_photo_credit_is_not_an_actor() -> None:
    doc = parse(
        [
            ("REUTERS", "PROPN", "ROOT", 0, "B-ORG"),
            ("/", "SYM", "punct", 0, "O"),
            ("Alexander", "PROPN", "compound", 3, "B-PERSON"),
            ("Ermochenko", "PROPN", "appos", 0, "I-PERSON"),
        ]
    )
    assert get_mentions(doc) == []


def test_pro_russian_separatists_are_not_russia() -> None:
    doc = parse(
        [
            ("pro", "ADJ", "amod", 3, "O"),
            ("-", "PUNCT", "punct", 3, "O"),
            ("Russian", "ADJ", "amod", 3, "B-NORP"),
            ("separatists", "NOUN", "ROOT", 3, "O"),
        ]
    )
    assert all(m.actor.country != "RUS" for m in get_mentions(doc))
    (group,) = heads(doc, "separatists")
    assert group.actor.kind.value == "armed_group"


def test_member_of_an_armed_group_is_that_group() -> None:
    doc = parse(
        [
            ("A", "DET", "det", 1, "O"),
            ("militant", "NOUN", "nsubj", 7, "O"),
            ("of", "ADP", "prep", 1, "O"),
            ("Luhansk", "PROPN", "compound", 4, "B-PERSON"),
            ("People", "PROPN", "poss", 6, "I-PERSON"),
            ("'s", "PART", "case", 4, "I-PERSON"),
            ("Republic", "PROPN", "pobj", 2, "I-PERSON"),
            ("carries", "VERB", "ROOT", 7, "O"),
        ]
    )
    (militant,) = heads(doc, "militant")
    assert militant.actor.id == "armed_group:lpr"
    assert militant.actor.country == "UKR"


def test_un_peacekeepers_are_the_un_with_a_military_sector() -> None:
    doc = parse(
        [
            ("UN", "PROPN", "compound", 1, "B-ORG"),
            ("peacekeepers", "NOUN", "ROOT", 1, "O"),
        ]
    )
    (mention,) = heads(doc, "peacekeepers")
    assert mention.actor.id == "org:UN"
    assert mention.actor.sector is not None and mention.actor.sector.value == "MIL"
