"""Static subword embeddings that give the trigger model word meaning, on numpy alone.

A word's vector is the mean of its subword tokens' rows in a static table, L2-normalised
(zero for a word with no tokens). Two sources can be read (``VectorSource``): the WordLlama
``l2_supercat`` table (32,000 Llama-2 tokens × 256, float16) shipped inside the ``wordllama``
wheel from PyPI, read here with ``tokenizers`` and ``safetensors`` (wordllama's own loader
would try the network for a missing file, so it is not called), or a table of our own in the
same layout (``tokenizer.json`` + ``vectors.npy``, e.g. a model2vec distillation). Vectors
are cached per word: a process sees a few ten thousand distinct words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from ingest import ModelNotInstalled

WORDLLAMA = "wordllama"
TABLE = "vectors.npy"
TOKENIZER = "tokenizer.json"


@dataclass(slots=True)
class SubwordVectors:
    """Word → unit vector through a subword tokenizer and a static table."""

    name: str
    tokenizer: object  # tokenizers.Tokenizer (untyped library)
    table: NDArray[np.float32]
    _cache: dict[str, NDArray[np.float32]] = field(default_factory=dict)

    @property
    def dim(self) -> int:
        return int(self.table.shape[1])

    def vectors(self, words: Iterable[str]) -> NDArray[np.float32]:
        """One row per word (in order), unit length, zero for an empty word."""
        words = list(words)
        missing = sorted({w for w in words if w not in self._cache})
        for word in missing:  # one by one: encode_batch starts a thread pool for a few words
            encoding = self.tokenizer.encode(word, add_special_tokens=False)  # type: ignore[attr-defined]
            self._cache[word] = self._mean(encoding.ids)
        if not words:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._cache[w] for w in words])

    def _mean(self, ids: list[int]) -> NDArray[np.float32]:
        if not ids:
            return np.zeros(self.dim, dtype=np.float32)
        v = self.table[ids].mean(axis=0)
        norm = float(np.linalg.norm(v))
        return np.asarray(v / norm if norm > 0 else v, dtype=np.float32)


def _tokenizer(path: Path) -> object:
    from tokenizers import Tokenizer

    return Tokenizer.from_file(str(path))


def wordllama_vectors() -> SubwordVectors:
    """The WordLlama l2_supercat 256-d table from the installed ``wordllama`` wheel."""
    try:
        base = Path(str(resources.files("wordllama")))
    except ModuleNotFoundError as e:
        raise ModelNotInstalled("the wordllama package is missing: run make setup") from e
    from safetensors.numpy import load_file

    weights = load_file(str(base / "weights" / "l2_supercat_256.safetensors"))
    table = np.asarray(weights["embedding.weight"], dtype=np.float32)
    tokenizer = _tokenizer(base / "tokenizers" / "l2_supercat_tokenizer_config.json")
    return SubwordVectors(WORDLLAMA, tokenizer, table)


def table_vectors(directory: Path) -> SubwordVectors:
    """A table of our own: ``tokenizer.json`` + ``vectors.npy`` (float16) in ``directory``."""
    if not (directory / TABLE).is_file():
        raise ModelNotInstalled(f"no word vector table {directory / TABLE}")
    table = np.load(directory / TABLE).astype(np.float32)
    return SubwordVectors(directory.name, _tokenizer(directory / TOKENIZER), table)


@cache
def load_vectors(source: str) -> SubwordVectors:
    """``wordllama`` or the path of a table directory (read once per process)."""
    return wordllama_vectors() if source == WORDLLAMA else table_vectors(Path(source))
