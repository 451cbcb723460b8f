"""What a search process runs instead of torch: the ONNX export of the sentence encoder and the dual
encoder's text side in numpy give the same vectors and scores as the originals."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from models.encoders import load_text_encoder
from models.encoders.onnx_text import OnnxSentenceEncoder, export_sentence_transformer
from models.encoders.sentence_text import packaged_minilm_folder
from models.fit.base import FitData
from models.fit.dual_encoder import DualEncoderFit
from models.fit.text_tower import TextTower

TEXTS = ["a dog runs on the grass", "Two young children are playing in a fountain .", "x",
         "A man in a red jacket climbs a very steep snowy mountain while another man watches from far below " * 4]


def test_the_onnx_export_encodes_like_sentence_transformers(tmp_path: Path):
    folder = packaged_minilm_folder()
    original = load_text_encoder("all-MiniLM-L6-v2")
    exported = OnnxSentenceEncoder(export_sentence_transformer(folder, tmp_path / "minilm.onnx"), folder,
                                   original.name, original.version)
    a, b = original.encode(TEXTS), exported.encode(TEXTS)  # the last text is past the 256-token limit
    assert b.shape == a.shape == (len(TEXTS), 384)
    assert (a * b).sum(axis=1).min() >= 0.9999
    assert exported.encode([]).shape == (0, 384)


def test_the_text_tower_embeds_and_calibrates_like_the_dual_encoder():
    rng = np.random.default_rng(0)
    n_images, n_texts, d_image, d_text = 12, 30, 24, 16
    images = rng.normal(size=(n_images, d_image)).astype(np.float32)
    texts = rng.normal(size=(n_texts, d_text)).astype(np.float32)
    own_image = np.arange(n_texts) % n_images
    data = FitData(image_features=images, text_features=texts, pair_image=own_image[::-1].copy(),
                   pair_text=np.arange(n_texts), pair_target=rng.uniform(size=n_texts).astype(np.float32),
                   positive_image=own_image, positive_text=np.arange(n_texts))
    model = DualEncoderFit(d_joint=8, hidden=16, epochs=2, memory_weight=1.0, visual_dims=d_image).fit(data)
    model.calibrate(rng.uniform(-1, 1, size=50), rng.uniform(size=50))
    tower = TextTower.from_bytes(TextTower.of(model).to_bytes())
    np.testing.assert_allclose(tower.embed_texts(texts), model.embed_texts(texts), atol=1e-5)
    cosine = np.linspace(-1, 1, 9)
    np.testing.assert_allclose(tower.calibrated(cosine), model.calibrated(cosine), atol=1e-6)
