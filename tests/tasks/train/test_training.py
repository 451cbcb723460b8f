"""Cross-validation folds, leakage rules and the models' contract, on the sample's real vectors."""

from pathlib import Path

import numpy as np
import pytest

from models.encoders import load_text_encoder
from models.fit.dual_encoder import DualEncoderFit, fit_platt
from models.fit.linear import LinearFit
from models.fit.mlp import MLPFit
from storage import model_store
from storage.catalog import Catalog
from tasks.train.cross_validation import held_out_folds, image_folds
from tasks.train.edges import load_corpora

IMAGE_IDS = [f"{n:010d}_{n * 7919 % 100003:x}.jpg" for n in range(1000)]


@pytest.fixture(scope="module")
def corpora(sample_home: Path):
    return load_corpora(Catalog(sample_home), load_text_encoder("all-MiniLM-L6-v2"))


def test_an_image_keeps_its_fold_whatever_the_order_of_the_rows():
    folds = dict(zip(IMAGE_IDS, image_folds(IMAGE_IDS, 5, seed=0)))
    shuffled = list(np.random.default_rng(1).permutation(IMAGE_IDS))
    assert dict(zip(shuffled, image_folds(shuffled, 5, seed=0))) == folds
    # Another delivery with more (or fewer) images leaves every shared image in its fold.
    grown = IMAGE_IDS[100:] + [f"new_{n}.jpg" for n in range(50)]
    assert all(folds[i] == k for i, k in zip(grown, image_folds(grown, 5, seed=0)) if i in folds)


def test_folds_are_near_even_and_follow_the_seed():
    folds = image_folds(IMAGE_IDS, 5, seed=0)
    assert sorted(set(folds)) == [0, 1, 2, 3, 4] and np.bincount(folds).min() >= 200 - 40
    assert (folds == image_folds(IMAGE_IDS, 5, seed=0)).all() and not (folds == image_folds(IMAGE_IDS, 5, seed=1)).all()


def test_only_folds_that_hold_images_are_held_out():
    assert held_out_folds(np.array([0, 2, 2, 4])) == [0, 2, 4]


def test_training_rows_never_touch_a_validation_image(corpora):
    corpus, _ = corpora
    folds = image_folds(corpus.image_ids, 5, seed=0)
    held_out = folds == 0
    data = corpus.fit_data(~held_out)
    assert not held_out[data.pair_image].any() and not held_out[data.positive_image].any()
    own = dict(zip(corpus.positives["text_idx"], corpus.positives["image_idx"]))
    assert not any(held_out[own[t]] for t in data.pair_text if t in own)  # nor a caption written for one
    assert len(data.pair_image) < len(corpus.judged)


def test_image_features_carry_the_label_text_block_in_the_text_space(corpora):
    corpus, test = corpora
    start, end = corpus.image_text_block
    assert (start, end) == (1280, 1664) and corpus.image_features.shape[1] == 1664
    np.testing.assert_allclose(np.linalg.norm(corpus.image_features[:, start:end], axis=1), 1, atol=1e-5)
    assert test.query_features.shape == (50, 384) and len(test.image_ids) == 10


def test_the_linear_baseline_ranks_images_the_same_way_for_every_query(corpora):
    corpus, test = corpora
    model = LinearFit().fit(corpus.fit_data())
    scores = model.score_matrix(test.image_features, test.query_features)
    orders = {tuple(np.argsort(-row, kind="stable")) for row in scores}
    assert len(orders) == 1  # the text only shifts every image's score by the same amount


@pytest.mark.parametrize("make", [LinearFit, MLPFit, lambda: DualEncoderFit(epochs=5, image_text_block=(1280, 1664)),
                                  lambda: DualEncoderFit(epochs=5, image_text_block=(1280, 1664), memory_weight=1.0)])
def test_every_model_scores_in_0_1_and_survives_save_and_load(make, corpora, tmp_path):
    corpus, test = corpora
    model = make().fit(corpus.fit_data())
    scores = model.score_matrix(test.image_features, test.query_features)
    assert scores.shape == (50, 10) and scores.min() >= 0 and scores.max() <= 1
    catalog = Catalog(tmp_path)
    model_store.save_model(catalog, "v1", model)
    loaded = model_store.load_model(model.kind, catalog.fit_model_folder("v1"))
    np.testing.assert_allclose(loaded.score_matrix(test.image_features, test.query_features), scores, atol=1e-6)
    pairs = model.score(test.image_features[:3], test.query_features[:3])
    np.testing.assert_allclose(pairs, np.diag(scores[:3, :3]), atol=1e-5)


def test_the_dual_encoder_starts_from_zero_shot_label_matching(corpora):
    corpus, test = corpora
    untrained = DualEncoderFit(epochs=0, image_text_block=corpus.image_text_block).fit(corpus.fit_data())
    start, end = corpus.image_text_block
    zero_shot = test.query_features @ test.image_features[:, start:end].T
    zero_shot /= np.linalg.norm(test.image_features[:, start:end], axis=1)
    cos = untrained.cosine_matrix(test.image_features, test.query_features)
    assert np.corrcoef(cos.ravel(), zero_shot.ravel())[0, 1] > 0.95


def test_the_caption_memory_remembers_only_the_images_training_may_see(corpora):
    corpus, _ = corpora
    held_out = image_folds(corpus.image_ids, 5, seed=0) == 0
    model = DualEncoderFit(epochs=1, image_text_block=corpus.image_text_block, memory_weight=1.0)
    model.fit(corpus.fit_data(~held_out))
    visual = corpus.image_features[:, :1280]
    visual = visual / np.linalg.norm(visual, axis=1, keepdims=True)
    remembered = (model.memory.visual @ visual.T).max(axis=0) > 1 - 1e-5
    captioned = np.zeros(len(corpus.image_ids), dtype=bool)
    captioned[corpus.positives["image_idx"]] = True
    assert (remembered == (captioned & ~held_out)).all() and remembered.sum() == len(model.memory.visual)


def test_the_memory_joint_space_is_one_cosine_of_both_halves(corpora):
    corpus, test = corpora
    model = DualEncoderFit(epochs=2, image_text_block=corpus.image_text_block, memory_weight=1.0).fit(corpus.fit_data())
    images, texts = model.embed_images(test.image_features), model.embed_texts(test.query_features)
    np.testing.assert_allclose(np.linalg.norm(images, axis=1), 1, atol=1e-5)
    np.testing.assert_allclose(np.linalg.norm(texts, axis=1), 1, atol=1e-5)
    heads = texts[:, :384] @ images[:, :384].T * 2  # each half was scaled by 1/sqrt(2)
    described = model.memory.describe(test.image_features[:, :1280])
    memory_part = test.query_features @ described.T
    np.testing.assert_allclose(model.cosine_matrix(test.image_features, test.query_features),
                               (heads + memory_part) / 2, atol=1e-5)


def test_a_caption_memory_that_does_not_know_where_the_encoder_vector_is_is_refused():
    with pytest.raises(ValueError, match="visual_dims"):
        DualEncoderFit(memory_weight=1.0)


def test_the_caption_memory_works_for_an_encoder_without_a_label_head(corpora, tmp_path):
    """CLIP-like features: the encoder's vector alone; the description becomes one more input block."""
    corpus, test = corpora
    from dataclasses import replace

    vector_only = replace(corpus, image_features=corpus.image_features[:, :1280], image_text_block=None, visual_dims=1280)
    model = DualEncoderFit(epochs=2, visual_dims=1280, memory_weight=1.0).fit(vector_only.fit_data())
    scores = model.score_matrix(test.image_features[:, :1280], test.query_features)
    assert scores.shape == (50, 10) and np.isfinite(scores).all() and 0 <= scores.min() <= scores.max() <= 1
    model.save(tmp_path / "m")
    reloaded = DualEncoderFit.load(tmp_path / "m")
    np.testing.assert_allclose(reloaded.score_matrix(test.image_features[:, :1280], test.query_features), scores,
                               atol=1e-6)


def test_platt_calibration_is_increasing_and_fits_soft_targets():
    rng = np.random.default_rng(0)
    cosine = rng.uniform(-0.2, 0.8, 2000)
    targets = 1 / (1 + np.exp(-(8 * cosine - 3)))
    a, b = fit_platt(cosine, targets)
    assert a == pytest.approx(8, rel=0.05) and b == pytest.approx(-3, rel=0.05)
    assert fit_platt(cosine, 1 - targets)[0] > 0  # never reverses the order
