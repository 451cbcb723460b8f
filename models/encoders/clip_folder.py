"""A CLIP model (image and text towers) from a local folder saved by ``transformers`` (``save_pretrained``).

For users who have such weights on disk: choose it with ``image_encoder = "clip"`` / ``text_encoder =
"clip"`` and ``encoder_folder`` pointing at the folder. Both towers project into CLIP's joint space.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
from PIL import Image

from models.encoders.base import EncodedImages, center_crop_resize, file_digest, l2_normalize, weights_file_in

os.environ.setdefault("HF_HUB_OFFLINE", "1")

# OpenAI CLIP's published normalisation, for folders whose preprocessor config leaves it out.
CLIP_MEAN = (0.48145466, 0.4578275, 0.40821073)
CLIP_STD = (0.26862954, 0.26130258, 0.27577711)


def clip_version(folder: Path) -> str:
    return f"clip:{folder.name}@{file_digest(weights_file_in(folder))}"


class _ClipFolder:
    normalized = True

    def __init__(self, folder: Path, threads: int = 2):
        import torch
        from transformers import CLIPModel

        if not folder.is_dir():
            raise FileNotFoundError(f"no CLIP model folder at {folder}")
        torch.set_num_threads(threads)
        self.folder = folder
        self.model = CLIPModel.from_pretrained(str(folder), local_files_only=True).eval()
        self.dimension = int(self.model.config.projection_dim)
        self.version = clip_version(folder)


class ClipImageEncoder(_ClipFolder):
    name = "clip"
    has_label_head = False  # CLIP's image tower gives a vector only

    def __init__(self, folder: Path, threads: int = 2):
        super().__init__(folder, threads)
        # The folder's own preprocessing settings, applied with Pillow/numpy (no torchvision needed).
        config_path = folder / "preprocessor_config.json"
        if not config_path.is_file():
            raise FileNotFoundError(f"no preprocessor_config.json in {folder}")
        config = json.loads(config_path.read_text())
        size = config.get("crop_size", 224)
        self.image_size = int(size["height"] if isinstance(size, dict) else size)
        self.mean = np.asarray(config.get("image_mean", CLIP_MEAN), dtype=np.float32) * 255.0
        self.std = np.asarray(config.get("image_std", CLIP_STD), dtype=np.float32) * 255.0

    def prepare(self, rgb: np.ndarray) -> np.ndarray:
        return center_crop_resize(Image.fromarray(rgb), self.image_size, crop_padding=0)

    def encode(self, batch: np.ndarray) -> EncodedImages:
        import torch

        pixels = ((batch.astype(np.float32) - self.mean) / self.std).transpose(0, 3, 1, 2).copy()
        with torch.inference_mode():
            features = self.model.get_image_features(pixel_values=torch.from_numpy(pixels))
        features = getattr(features, "pooler_output", features)
        return EncodedImages(vectors=l2_normalize(features.numpy()))


class ClipTextEncoder(_ClipFolder):
    name = "clip"

    def __init__(self, folder: Path, threads: int = 2):
        from transformers import AutoTokenizer

        super().__init__(folder, threads)
        self.tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)

    def encode(self, texts: list[str]) -> np.ndarray:
        import torch

        tokens = self.tokenizer(texts, padding=True, truncation=True, return_tensors="pt")
        with torch.inference_mode():
            features = self.model.get_text_features(**tokens)
        features = getattr(features, "pooler_output", features)
        return l2_normalize(features.numpy())
