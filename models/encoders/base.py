"""The one small interface every encoder implements, so flows never know which backbone is in use."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np
from PIL import Image


@dataclass
class EncodedImages:
    vectors: np.ndarray  # (n, dimension) float32
    top_labels: list[list[str]] | None = None  # human-readable classes the backbone sees, best first
    top_scores: list[list[float]] | None = None  # their probabilities


class ImageEncoder(Protocol):
    name: str
    version: str  # changes whenever the vectors would change: weights or preprocessing
    dimension: int
    normalized: bool  # vectors have unit L2 norm

    def prepare(self, image: Image.Image) -> np.ndarray:
        """The model's own preprocessing up to a uint8 (height, width, 3) array (cheap to queue)."""

    def encode(self, batch: np.ndarray) -> EncodedImages:
        """Encode a (n, height, width, 3) uint8 batch of prepared images."""


class TextEncoder(Protocol):
    name: str
    version: str
    dimension: int
    normalized: bool

    def encode(self, texts: list[str]) -> np.ndarray:
        """(n, dimension) float32 vectors."""


def file_digest(path: Path, length: int = 12) -> str:
    """A short content hash of a weights file: the encoder version follows the weights, not their name."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()[:length]


def weights_file_in(folder: Path) -> Path:
    """The weights file of a model folder saved by transformers / sentence-transformers."""
    for name in ("model.safetensors", "pytorch_model.bin"):
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(f"no model.safetensors or pytorch_model.bin in {folder}")


def l2_normalize(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)


def center_crop_resize(image: Image.Image, size: int, crop_padding: int) -> np.ndarray:
    """Centre-crop a square of side min(w, h) * size / (size + crop_padding), resize it to size (bicubic).

    This is the TF EfficientNet evaluation crop; crop_padding=0 with a shorter-side resize gives CLIP's.
    """
    image = image.convert("RGB")
    width, height = image.size
    side = min(width, height) * size / (size + crop_padding)
    left, top = (width - side) / 2, (height - side) / 2
    resized = image.resize((size, size), Image.BICUBIC, box=(left, top, left + side, top + side))
    return np.asarray(resized, dtype=np.uint8)
