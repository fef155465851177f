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

from spacy.language import Language
from spacy.tokens import Doc

from ingest.actors.descriptions import resolve_descriptions, resolve_names
from ingest.actors.dictionary import ActorDictionary, get_dictionary
from ingest.actors.pronouns import resolve_pronouns
from ingest.mentions import get_mentions, set_mentions
from ontology.model import Actor


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


@Language.factory(
    "dekg_coref_v1",
    default_config={"dictionaries": []},
    requires=["doc._.dekg_mentions"],
    assigns=["doc._.dekg_mentions", "doc._.dekg_actors"],
)
def make_coref(nlp: Language, name: str, dictionaries: list[str]) -> Coref:
    return Coref(name, get_dictionary(dictionaries))
