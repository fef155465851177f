"""``dekg_lexicon_triggers_v1``: fallback trigger proposals from the CAMEO verb lexicon.

Runs after the other proposers (``TriggerSource.RULES_LEXICON``) and proposes a verb of the
lexicon (``ingest.lexicon_verbs``) only where no other proposer fired: not on a token already
in ``doc.spans["dekg_triggers"]``, nor on a verb whose head or a direct dependent is one (a
light verb of a nominal trigger, "hold talks", or the complement of a governing one, "agreed
to cancel"). Its score (``SCORE``) is below every hand rule's; the source is
``lexicon:<entry>``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from ingest.lexicon_verbs import VerbLexicon, default_verb_lexicon
from ingest.proposals import SPAN_KEY, TriggerInfo, propose

SCORE = 0.4
_SKIPPED_DEPS = frozenset({"compound", "amod", "aux", "auxpass"})


def _taken(doc: Doc) -> set[int]:
    group = doc.spans.get(SPAN_KEY)
    return {i for span in group for i in range(span.start, span.end)} if group else set()


def free(token: Token, taken: set[int]) -> bool:
    """Neither the verb, its head nor a direct dependent is another proposer's trigger."""
    near = {token.i, token.head.i, *(c.i for c in token.children)}
    return not near & taken


class LexiconTriggers:
    """The component: lexicon verbs no other proposer took → trigger spans."""

    def __init__(self, lexicon: VerbLexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        taken = _taken(doc)
        for token in doc:
            if token.pos_ != "VERB" or token.dep_ in _SKIPPED_DEPS or not free(token, taken):
                continue
            found = self.lexicon.match(token)
            if found is not None:
                info = TriggerInfo(found.cameo, f"lexicon:{found.key}", SCORE)
                propose(doc, token.i, token.i + 1, found.type, info)
        return doc


@Language.factory("dekg_lexicon_triggers_v1", requires=["token.dep", "token.lemma", "token.pos"])
def make_lexicon_triggers(nlp: Language, name: str) -> LexiconTriggers:
    """Build the lexicon trigger proposer with the shipped CAMEO verb lexicon."""
    return LexiconTriggers(default_verb_lexicon())
