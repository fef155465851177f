"""Training the learned trigger and type model from the labelled corpus (``data/training/``).

``corpus`` reads pool + label files into sentences with character offsets; ``spacy_data``
turns them into spaCy training documents; ``train`` runs ``spacy train`` from a config of
this package with a fixed seed (and k-fold cross-validation). Nothing here runs at extraction
time: the trained pipeline is loaded by ``ingest.components.model_triggers``.
"""

from __future__ import annotations

from ingest import IngestError


class TrainingError(IngestError):
    """The training corpus or a training run is unusable."""
