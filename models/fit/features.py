"""Model inputs built from the index: image features and text features.

Image features are built from what the image encoder declared it has. Always its vector; when it has a
label head (EfficientNet: ImageNet classes), also a label-text block: the image's top classes, each
embedded by the text encoder ("a photo of a Weimaraner") and averaged with the classifier's
probabilities as weights — a description of the picture that already lives in the text encoder's space.
An encoder without a label head (CLIP) gives its vector alone. Text features = the text encoder's vector.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from models.encoders import TextEncoder
from models.encoders.base import l2_normalize

LABEL_PROMPT = "a photo of a {}"


@dataclass
class ImageFeatures:
    matrix: np.ndarray  # (n, d_visual [+ d_text]) float32
    visual_dims: int  # the encoder's vector is matrix[:, :visual_dims]
    label_text_block: tuple[int, int] | None  # where the label-text block sits, None without a label head


def label_vectors(labels: set[str], text_encoder: TextEncoder) -> dict[str, np.ndarray]:
    ordered = sorted(labels)
    if not ordered:
        return {}
    encoded = text_encoder.encode([LABEL_PROMPT.format(label) for label in ordered])
    return dict(zip(ordered, encoded))


def label_text_vector(top_labels: list[str], top_scores: list[float], vectors: dict[str, np.ndarray]) -> np.ndarray:
    weights = np.asarray(top_scores, dtype=np.float32)
    stacked = np.stack([vectors[label] for label in top_labels])
    mixed = (weights[:, None] * stacked).sum(axis=0) / max(float(weights.sum()), 1e-6)
    return l2_normalize(mixed[None])[0]


def features_of_rows(rows: list[dict], text_encoder: TextEncoder) -> ImageFeatures:
    """Features of index rows (dicts with ``vector``, ``top_labels``, ``top_scores``), in their order."""
    return image_features(np.stack([np.asarray(r["vector"], dtype=np.float32) for r in rows]),
                          [None if r["top_labels"] is None else list(r["top_labels"]) for r in rows],
                          [None if r["top_scores"] is None else list(r["top_scores"]) for r in rows], text_encoder)


def image_features(image_vectors: np.ndarray, top_labels: list[list[str] | None], top_scores: list[list[float] | None],
                   text_encoder: TextEncoder) -> ImageFeatures:
    """Features of n images from their index rows. Labels are all present (an encoder with a label head)
    or all absent (one without): a mix means vectors of two encoders, which cannot share one model."""
    image_vectors = np.asarray(image_vectors, dtype=np.float32)
    d = image_vectors.shape[1]
    with_labels = [labels is not None for labels in top_labels]
    if any(with_labels) and not all(with_labels):
        raise ValueError(f"{sum(with_labels)} of {len(with_labels)} images have class labels: the index mixes "
                         "vectors of encoders with and without a label head")
    if not top_labels or not all(with_labels):
        return ImageFeatures(image_vectors, d, None)
    vectors = label_vectors({label for labels in top_labels for label in labels}, text_encoder)
    label_part = np.stack([label_text_vector(l, s, vectors) for l, s in zip(top_labels, top_scores)])
    return ImageFeatures(np.hstack([image_vectors, label_part]).astype(np.float32), d, (d, d + label_part.shape[1]))
