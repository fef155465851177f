"""Command groups of the dekg CLI; each module exposes ``register(app)``."""
