"""``dekg_model_triggers_v1``: trigger proposals from the learned trigger + type model.

The model (``ingest.trigger_linear``: a softmax classifier over hashed parse features of
candidate tokens and a dense head over static word vectors of the token and its context,
numpy only) is trained by ``dekg train`` (``ingest.training``) and shipped in
``ingest/data/trigger_model``; its vectors come from the ``wordllama`` wheel
(``ingest.trigger_vectors``). Each token it calls a trigger is proposed into
``doc.spans["dekg_triggers"]`` with source ``"model"``, the type's general CAMEO code and the
model's probability as score. In ``both`` the rules run first and win: the model proposes
nothing on a rule's trigger nor on a word that governs one in the same predicate
(``ingest.proposals.governing_rules``), so it only adds triggers where no rule fired.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ingest import ModelNotInstalled
from ingest.proposals import TriggerInfo, governing_rules, propose
from ingest.trigger_linear import WEIGHTS, LinearTriggerModel
from ontology.plover import EventType, cameo_table

SHIPPED = Path(__file__).resolve().parents[1] / "data" / "trigger_model"
_GENERAL = {
    "REQUEST": "020",
    "AGREE": "030",
    "CONSULT": "040",
    "SUPPORT": "051",
    "COOPERATE": "060",
    "AID": "070",
    "CONCEDE": "080",
    "RETREAT": "087",
    "ACCUSE": "111",
    "REJECT": "120",
    "THREATEN": "130",
    "PROTEST": "140",
    "MOBILIZE": "154",
    "SANCTION": "160",
    "COERCE": "170",
    "ASSAULT": "190",
}


def general_code(type_: EventType) -> str:
    """The CAMEO code a model trigger of this type gets (the type's general code)."""
    code = _GENERAL[type_.value]
    entry = cameo_table().get(code)
    if entry is None or entry.type is not type_:
        return next(c for c, e in sorted(cameo_table().items()) if e.type is type_)
    return code


@cache
def load_model(path: str) -> tuple[LinearTriggerModel, float]:
    """The trained model and its threshold (read once per process)."""
    directory = Path(path)
    if not (directory / WEIGHTS).is_file():
        raise ModelNotInstalled(
            f"no trained trigger model in {path}; build it with: dekg train data/training"
        )
    meta_path = directory / "meta.json"
    meta = json.loads(meta_path.read_text("utf-8")) if meta_path.is_file() else {}
    return LinearTriggerModel.load(directory), float(meta.get("threshold", 0.5))


class ModelTriggers:
    """The component: the model's triggers → trigger proposals."""

    def __init__(self, model: LinearTriggerModel, threshold: float) -> None:
        self.model = model
        self.threshold = threshold

    def __call__(self, doc: Doc) -> Doc:
        ruled = governing_rules(doc)
        for i, label, probability in self.model.predict(doc, self.threshold):
            if i in ruled:
                continue
            type_ = EventType(label)
            info = TriggerInfo(general_code(type_), "model", round(probability, 3))
            propose(doc, i, i + 1, type_, info)
        return doc


@Language.factory(
    "dekg_model_triggers_v1",
    default_config={"model_path": "", "threshold": 0.0},
    requires=["token.dep", "token.lemma", "token.pos"],
)
def make_model_triggers(
    nlp: Language, name: str, model_path: str, threshold: float
) -> ModelTriggers:
    """Build the model trigger proposer (``model_path`` empty: the shipped model;
    ``threshold`` 0: the one stored with the model)."""
    model, stored = load_model(model_path or str(SHIPPED))
    return ModelTriggers(model, threshold or stored)
