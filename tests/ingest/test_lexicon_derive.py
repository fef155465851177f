"""The derivation of the CAMEO verb lexicon from a PETRARCH verb dictionary
(``scripts/triggers/cameo_lexicon.py``), on a tiny invented excerpt."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.lexicon_verbs import parse_lexicon
from scripts.triggers.cameo_lexicon import derive, document, parse_code

EXCERPT = """\
####### SYNONYM SETS #######
&WEAPON
+GUN
####### VERB PATTERNS #######

---  PUNISH   [---]  ---
PENALIZE
CHASTISE [111]  # a verb with its own code
+TAKE_BACK {+TOOK_BACK +TAKEN_BACK } [0874]
+WHACK_AND_BASH [190]
- * SANCTIONS                                  [163]   # PENALIZE
- * &WEAPON                                    [194]
- * (IN COURT)                                 [173]
- * CITIZENS                                   [042:043]

---  GRUMBLE   [111]  ---
GRUMBLE {GRUMBLES GRUMBLED }
SAY
- * PUBLICLY                                   [010]

---  SPEAK_OUT   [010]  ---
PROCLAIM
####### TRANSFORMATIONS ##########
PENALIZE [999]
"""


def test_verbs_take_their_own_code_or_the_blocks() -> None:
    lexicon = derive(EXCERPT)
    assert lexicon.verbs == {"chastise": "111", "grumble": "111"}


def test_multi_word_verbs_keep_a_particle_only() -> None:
    assert derive(EXCERPT).phrases == {"take back": "0874"}


def test_one_word_object_patterns_apply_to_each_verb_of_the_block() -> None:
    objects = derive(EXCERPT).objects
    assert objects == {
        "penalize sanctions": "163",
        "chastise sanctions": "163",
        "penalize citizens": "042",
        "chastise citizens": "042",
    }


def test_statements_and_unmapped_codes_are_dropped() -> None:
    lexicon = derive(EXCERPT)
    everything = {**lexicon.verbs, **lexicon.phrases, **lexicon.objects}
    assert "say" not in lexicon.verbs and "proclaim" not in lexicon.verbs
    assert not any(code.startswith("01") for code in everything.values())


def test_the_document_is_a_valid_lexicon_file() -> None:
    text = json.dumps(document(derive(EXCERPT), "abc"))
    lexicon = parse_lexicon(text)
    assert lexicon.verbs["chastise"] == "111"
    assert json.loads(text)["about"]["counts"] == {"verbs": 2, "phrases": 1, "objects": 4}


@pytest.mark.parametrize(
    ("raw", "code"),
    [("163", "163"), ("042:043", "042"), (":173", "173"), ("---", None), ("", None)],
)
def test_parse_code(raw: str, code: str | None) -> None:
    assert parse_code(raw) == code


@given(st.text(alphabet="0123456789:- ", max_size=12))
def test_parse_code_gives_digits_or_nothing(raw: str) -> None:
    code = parse_code(raw)
    assert code is None or (code.isdigit() and code in raw)
