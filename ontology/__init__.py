"""The dekg vocabulary: the OWL/SKOS ontology in Turtle and the typed model mirroring it."""

from __future__ import annotations


class OntologyError(Exception):
    """Base class of the errors raised by the ontology package."""
