"""The one small interface every encoder implements, so flows never know which backbone is in use."""

from __future__ import annotations

import functools
import hashlib
import io
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
    has_label_head: bool  # encode() also names the classes it sees (top_labels / top_scores); optional

    def prepare(self, rgb: np.ndarray) -> np.ndarray:
        """The model's own preprocessing of a decoded (h, w, 3) uint8 RGB image, up to the uint8
        (height, width, 3) array the model takes (cheap to queue)."""

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


JPEG_MAGIC = b"\xff\xd8"


class ImageDecodeError(ValueError):
    """The bytes are not a readable image (truncated, damaged, not an image at all)."""


def decode_rgb(content: bytes) -> np.ndarray:
    """The image's pixels as (h, w, 3) uint8 RGB; :class:`ImageDecodeError` when the bytes do not decode.

    JPEGs go to libjpeg-turbo through simplejpeg (strict: a truncated or damaged file raises, it is never
    half-decoded); anything else, or a JPEG it will not take (CMYK, say), goes to Pillow, which raises on
    a damaged file too.
    """
    import simplejpeg

    if content[:2] == JPEG_MAGIC:
        try:
            return simplejpeg.decode_jpeg(content, colorspace="RGB")
        except ValueError:
            pass  # Pillow decides: it reads what simplejpeg does not, and fails on what is really broken
    try:
        with Image.open(io.BytesIO(content)) as image:
            return np.asarray(image.convert("RGB"))
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        raise ImageDecodeError(f"{type(error).__name__}: {error}") from error


@functools.cache
def _opencv():
    """OpenCV, imported on first use and set to one thread once (not on every image)."""
    import cv2

    cv2.setNumThreads(1)
    return cv2


def tf_center_crop_resize(rgb: np.ndarray, size: int, crop_padding: int) -> np.ndarray:
    """TF EfficientNet evaluation preprocessing: the integer centre crop of side
    int(size / (size + crop_padding) * min(h, w)) at offsets ((h - side) + 1) // 2, ((w - side) + 1) // 2,
    then a bicubic resize to size × size without antialiasing, as ``tf.image.resize`` does.

    OpenCV's cubic kernel (a = −0.75) is a hair sharper than TF's (a = −0.5); OpenCV runs on one thread
    here so the reader never competes with the inference threads for more than its share.
    """
    cv2 = _opencv()
    height, width = rgb.shape[:2]
    side = max(1, int(size / (size + crop_padding) * min(height, width)))
    top, left = (height - side + 1) // 2, (width - side + 1) // 2
    crop = np.ascontiguousarray(rgb[top : top + side, left : left + side])
    return cv2.resize(crop, (size, size), interpolation=cv2.INTER_CUBIC)


def center_crop_resize(image: Image.Image, size: int, crop_padding: int) -> np.ndarray:
    """Centre-crop a square of side min(w, h) * size / (size + crop_padding), resize it to size with
    Pillow's (antialiased) bicubic filter. With crop_padding=0 this is CLIP's crop.
    """
    image = image.convert("RGB")
    width, height = image.size
    side = min(width, height) * size / (size + crop_padding)
    left, top = (width - side) / 2, (height - side) / 2
    resized = image.resize((size, size), Image.BICUBIC, box=(left, top, left + side, top + side))
    return np.asarray(resized, dtype=np.uint8)
