"""Model inputs built from the index: image features and text features.

Image features = [EfficientNet vector (1280), label-text vector (384)]. The label-text vector is the
image's top ImageNet classes, each embedded by the text encoder ("a photo of a Weimaraner") and averaged
with the classifier's probabilities as weights: a description of the picture that already lives in the
text encoder's space. Text features = the text encoder's vector.
"""

from __future__ import annotations

import numpy as np

from models.encoders import TextEncoder
from models.encoders.base import l2_normalize

LABEL_PROMPT = "a photo of a {}"


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


def image_feature_matrix(image_vectors: np.ndarray, top_labels: list[list[str]], top_scores: list[list[float]],
                         text_encoder: TextEncoder) -> tuple[np.ndarray, tuple[int, int]]:
    """(n, d_image + d_text) features, and where the text-space block sits in them."""
    vectors = label_vectors({label for labels in top_labels for label in labels}, text_encoder)
    label_part = np.stack([label_text_vector(l, s, vectors) for l, s in zip(top_labels, top_scores)])
    d = image_vectors.shape[1]
    return np.hstack([image_vectors, label_part]).astype(np.float32), (d, d + label_part.shape[1])
