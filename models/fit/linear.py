"""8.1 Linear baseline: ridge regression on the concatenation [image features, text features].

It cannot rank: for one query, the text half of the input is the same for every image, so the text
contributes the same constant to every image's score and the order of images is the same for every query.
It is kept as the baseline that shows this.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
from sklearn.linear_model import Ridge

from models.fit.base import FitData


class LinearFit:
    kind = "linear"

    def __init__(self, alpha: float = 10.0):
        self.alpha = alpha
        self.model = Ridge(alpha=alpha)

    def fit(self, data: FitData) -> "LinearFit":
        images, texts, targets = data.all_pairs()
        self.model.fit(np.hstack([data.image_features[images], data.text_features[texts]]), targets)
        return self

    def score(self, image_features: np.ndarray, text_features: np.ndarray) -> np.ndarray:
        return np.clip(self.model.predict(np.hstack([image_features, text_features])), 0.0, 1.0).astype(np.float32)

    def score_matrix(self, image_features: np.ndarray, text_features: np.ndarray) -> np.ndarray:
        # coef·[image, text] + b = (coef_image·image + b) + coef_text·text: one product per image and per text.
        coef, d_image = np.asarray(self.model.coef_, dtype=np.float64), image_features.shape[1]
        image_part = np.asarray(image_features, dtype=np.float64) @ coef[:d_image] + self.model.intercept_
        text_part = np.asarray(text_features, dtype=np.float64) @ coef[d_image:]
        return np.clip(text_part[:, None] + image_part[None, :], 0.0, 1.0).astype(np.float32)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "linear.pkl").write_bytes(pickle.dumps({"alpha": self.alpha, "model": self.model}))

    @classmethod
    def load(cls, folder: Path) -> "LinearFit":
        state = pickle.loads((folder / "linear.pkl").read_bytes())
        model = cls(state["alpha"])
        model.model = state["model"]
        return model
