"""The text side of a trained dual encoder as plain numpy: what a search process needs to put a query into
the joint space (the images are already there, in the search table), without torch.

Same arithmetic as ``DualEncoderFit.embed_texts`` and ``calibrated``: head(x) = normalize(x·Wᵀ + GELU(x·W1ᵀ
+ b1)·W2ᵀ + b2); with a caption memory the joint vector is [head(x), √w·x̂] / √(1 + w); the score is
sigmoid(a·cosine + b)."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

import numpy as np

_erf = np.vectorize(math.erf, otypes=[np.float32])  # exact GELU, as torch's default; no scipy import


def _normalize(x: np.ndarray) -> np.ndarray:
    return x / np.clip(np.linalg.norm(x, axis=-1, keepdims=True), 1e-12, None)


@dataclass
class TextTower:
    linear: np.ndarray  # (d_joint, d_text)
    hidden_weight: np.ndarray  # (hidden, d_text)
    hidden_bias: np.ndarray
    out_weight: np.ndarray  # (d_joint, hidden)
    out_bias: np.ndarray
    memory_weight: float
    calibration: tuple[float, float]

    @classmethod
    def of(cls, model) -> "TextTower":
        """From a DualEncoderFit."""
        head = {name: value.detach().cpu().numpy().astype(np.float32)
                for name, value in model.net.text_head.state_dict().items()}
        memory_weight = float(model.params["memory_weight"]) if model.memory is not None else 0.0
        return cls(head["linear.weight"], head["residual.0.weight"], head["residual.0.bias"],
                   head["residual.2.weight"], head["residual.2.bias"], memory_weight,
                   (float(model.calibration[0]), float(model.calibration[1])))

    def embed_texts(self, text_features: np.ndarray) -> np.ndarray:
        x = np.asarray(text_features, dtype=np.float32)
        hidden = x @ self.hidden_weight.T + self.hidden_bias
        hidden = 0.5 * hidden * (1.0 + _erf(hidden / np.float32(math.sqrt(2.0))))
        joint = _normalize(x @ self.linear.T + hidden @ self.out_weight.T + self.out_bias)
        if not self.memory_weight:
            return joint.astype(np.float32)
        w = self.memory_weight
        return (np.hstack([joint, math.sqrt(w) * _normalize(x)]) / math.sqrt(1 + w)).astype(np.float32)

    def calibrated(self, cosine: np.ndarray) -> np.ndarray:
        a, b = self.calibration
        return (1.0 / (1.0 + np.exp(-(a * np.asarray(cosine) + b)))).astype(np.float32)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        np.savez(buffer, linear=self.linear, hidden_weight=self.hidden_weight, hidden_bias=self.hidden_bias,
                 out_weight=self.out_weight, out_bias=self.out_bias,
                 memory_weight=np.float32(self.memory_weight), calibration=np.array(self.calibration))
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, content: bytes) -> "TextTower":
        with np.load(io.BytesIO(content)) as arrays:
            return cls(arrays["linear"], arrays["hidden_weight"], arrays["hidden_bias"], arrays["out_weight"],
                       arrays["out_bias"], float(arrays["memory_weight"]), tuple(arrays["calibration"].tolist()))
