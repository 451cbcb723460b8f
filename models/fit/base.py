"""The interface of every fit model, and the training data they all take."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np


@dataclass
class FitData:
    """Training rows, as indices into the feature matrices (so each vector is stored once).

    ``pair_*``: judged (image, caption) pairs with their 0..1 target. ``positive_*``: captions with the
    image they were written for (a positive that needs no vote); their target is 1.
    """

    image_features: np.ndarray  # (n_images, d_image) float32
    text_features: np.ndarray  # (n_texts, d_text) float32
    pair_image: np.ndarray  # (n_pairs,) int
    pair_text: np.ndarray  # (n_pairs,) int
    pair_target: np.ndarray  # (n_pairs,) float in [0, 1]
    positive_image: np.ndarray  # (n_positives,) int
    positive_text: np.ndarray  # (n_positives,) int

    def all_pairs(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Judged pairs plus positives (target 1): what the pair-wise regressors learn from."""
        return (np.concatenate([self.pair_image, self.positive_image]),
                np.concatenate([self.pair_text, self.positive_text]),
                np.concatenate([self.pair_target, np.ones(len(self.positive_image))]).astype(np.float32))


class FitModel(Protocol):
    kind: str

    def fit(self, data: FitData) -> "FitModel": ...

    def score(self, image_features: np.ndarray, text_features: np.ndarray) -> np.ndarray:
        """Row-aligned pairs → scores in [0, 1]."""

    def score_matrix(self, image_features: np.ndarray, text_features: np.ndarray) -> np.ndarray:
        """Every text against every image → (n_texts, n_images) scores in [0, 1]."""

    def save(self, folder: Path) -> None: ...

