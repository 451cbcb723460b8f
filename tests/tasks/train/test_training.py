"""Cross-validation folds, leakage rules and the models' contract, on the sample's real vectors."""

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from models.encoders import text_encoder_for
from models.fit.dual_encoder import DualEncoderFit, fit_platt
from models.fit.linear import LinearFit
from models.fit.mlp import MLPFit
from storage import model_store
from storage.catalog import Catalog
from storage.settings import load_settings
from tasks.train.corpus import Corpus
from tasks.train.cross_validation import (_Split, caption_folds, held_out_folds, image_folds, mean_and_sd,
                                           train_models)
from tasks.train.edges import load_corpora

IMAGE_IDS = [f"{n:010d}_{n * 7919 % 100003:x}.jpg" for n in range(1000)]


@pytest.fixture(scope="module")
def corpora(sample_home: Path):
    # The encoder the sample HOME was built with (its index holds that encoder's text vectors).
    return load_corpora(Catalog(sample_home), text_encoder_for(load_settings(home=sample_home)))


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


def test_a_caption_is_held_out_with_its_image_and_a_caption_without_one_by_a_hash(corpora):
    corpus, _ = corpora
    folds = image_folds(corpus.image_ids, 5, seed=0)
    captions = caption_folds(corpus, folds, 5, seed=0)
    own = corpus.own_image()
    captioned = own >= 0
    assert (captions[captioned] == folds[own[captioned]]).all()
    # The sample holds captions written for images it does not deliver: each gets a fold by its id, the
    # same every time, and the folds spread them.
    assert (~captioned).sum() >= 10 and len(set(captions[~captioned])) > 1
    assert (caption_folds(corpus, folds, 5, seed=0) == captions).all()
    # Drop one caption's positive: only that caption moves to a fold of its own.
    first = int(np.flatnonzero(captioned)[0])
    orphaned = replace(corpus, positives=corpus.positives[corpus.positives["text_idx"] != first])
    again = caption_folds(orphaned, folds, 5, seed=0)
    others = np.arange(len(captions)) != first
    assert (again[others] == captions[others]).all() and 0 <= again[first] < 5


def test_a_fold_model_trains_on_no_image_and_no_caption_of_its_fold(corpora):
    corpus, _ = corpora
    split = _Split.of(corpus, 5, seed=0)
    for k in held_out_folds(split.images):
        data = split.training_data(corpus, k)
        assert not (split.images[data.pair_image] == k).any() and not (split.images[data.positive_image] == k).any()
        assert not (split.captions[data.pair_text] == k).any() and not (split.captions[data.positive_text] == k).any()
        assert len(data.pair_image) and len(data.positive_image)


def _synthetic_corpus(n_images: int = 600, others_per_caption: int = 6) -> Corpus:
    """One caption per image, judged against its own image and ``others_per_caption`` other images."""
    rng = np.random.default_rng(3)
    images = [f"img{i}.jpg" for i in range(n_images)]
    captions = [f"img{i}.jpg#0" for i in range(n_images)]
    rows = [(i, i) for i in range(n_images)]
    rows += [(int(j), i) for i in range(n_images) for j in rng.choice(n_images, others_per_caption, replace=False)
             if j != i]
    pairs = pd.DataFrame(rows, columns=["image_idx", "text_idx"])
    pairs["image"] = [images[i] for i in pairs["image_idx"]]
    pairs["query_id"] = [captions[t] for t in pairs["text_idx"]]
    positives = pd.DataFrame({"image_idx": range(n_images), "text_idx": range(n_images), "image": images,
                              "query_id": captions})
    return Corpus(image_ids=images, image_features=np.zeros((n_images, 2), np.float32), image_text_block=None,
                  visual_dims=2, text_ids=captions, text_features=np.zeros((n_images, 2), np.float32),
                  judged=pairs, crowd=pairs, positives=positives)


def test_caption_disjoint_pairs_are_unseen_and_a_uniform_sample_of_all_pairs():
    corpus = _synthetic_corpus()
    split = _Split.of(corpus, 5, seed=0)
    image_idx, text_idx = corpus.crowd["image_idx"].to_numpy(), corpus.crowd["text_idx"].to_numpy()
    clean = split.clean_crowd
    assert (split.captions[text_idx[clean]] == split.images[image_idx[clean]]).all()  # neither seen in training
    own = image_idx == text_idx
    # Own pairs are always unseen; kept at the rate of the other pairs (~1 in 5), not all of them.
    assert 0.15 < clean[own].mean() < 0.25 and 0.15 < clean[~own].mean() < 0.25
    assert (_Split.of(corpus, 5, seed=0).clean_crowd == clean).all()
    assert not (_Split.of(corpus, 5, seed=1).clean_crowd == clean).all()


def test_figures_over_seeds_are_a_mean_and_a_sample_standard_deviation():
    figures = mean_and_sd([{"tau": 50.0}, {"tau": 52.0}, {"tau": 54.0}])
    assert figures == {"tau": 52.0, "tau_sd": 2.0}
    assert mean_and_sd([{"tau": 50.0}]) == {"tau": 50.0, "tau_sd": 0.0}


def test_training_reports_seen_caption_and_caption_disjoint_figures_over_seeds(corpora):
    corpus, test = corpora
    (mlp,) = train_models(corpus, test, kinds=("mlp",), n_folds=5, seed=7, n_seeds=2)
    m = mlp.metrics
    assert m["seeds"] == 2 and mlp.model.params["seed"] == 7  # the first seed's model is the one kept
    for name in ("oof_expert_tau_c", "oof_crowd_tau_b", "oof_rmse", "oof_MRR", "test_R@1"):
        assert np.isfinite(m[name]) and m[f"{name}_sd"] >= 0
        clean = name.replace("oof_", "oof_clean_")
        assert clean == name or (np.isfinite(m[clean]) and f"{clean}_sd" in m)
    assert m["oof_clean_MRR"] == m["oof_MRR"]  # retrieval queries are held-out captions in both protocols
    assert 0 < m["oof_clean_crowd_pairs"] < len(corpus.crowd) and 0 < m["oof_clean_judged_pairs"] < len(corpus.judged)


def test_image_features_carry_the_label_text_block_in_the_text_space(corpora):
    corpus, test = corpora
    start, end = corpus.image_text_block
    d_text = corpus.text_features.shape[1]  # 768: all-mpnet-base-v2, the default
    assert (start, end) == (1280, 1280 + d_text) and corpus.image_features.shape[1] == 1280 + d_text
    np.testing.assert_allclose(np.linalg.norm(corpus.image_features[:, start:end], axis=1), 1, atol=1e-5)
    assert test.query_features.shape == (50, d_text) and len(test.image_ids) == 10


def test_the_linear_baseline_ranks_images_the_same_way_for_every_query(corpora):
    corpus, test = corpora
    model = LinearFit().fit(corpus.fit_data())
    scores = model.score_matrix(test.image_features, test.query_features)
    orders = {tuple(np.argsort(-row, kind="stable")) for row in scores}
    assert len(orders) == 1  # the text only shifts every image's score by the same amount


@pytest.mark.parametrize("make", [lambda corpus: LinearFit(), lambda corpus: MLPFit(),
                                  lambda corpus: DualEncoderFit(epochs=5, image_text_block=corpus.image_text_block),
                                  lambda corpus: DualEncoderFit(epochs=5, image_text_block=corpus.image_text_block,
                                                                memory_weight=1.0)])
def test_every_model_scores_in_0_1_and_survives_save_and_load(make, corpora, tmp_path):
    corpus, test = corpora
    model = make(corpus).fit(corpus.fit_data())
    scores = model.score_matrix(test.image_features, test.query_features)
    assert scores.shape == (50, 10) and scores.min() >= 0 and scores.max() <= 1
    catalog = Catalog(tmp_path)
    model_store.save_model(catalog, "v1", model)
    loaded = model_store.load_model(model.kind, catalog.fit_model_folder("v1"))
    np.testing.assert_allclose(loaded.score_matrix(test.image_features, test.query_features), scores, atol=1e-6)
    pairs = model.score(test.image_features[:3], test.query_features[:3])
    np.testing.assert_allclose(pairs, np.diag(scores[:3, :3]), atol=1e-5)


def test_pair_scores_split_the_first_layer_without_changing_a_number(corpora):
    """The MLP and the linear baseline score an image and a text through the first layer once each; the
    scores are those of the model on the concatenated pair, block by block or whole."""
    import torch

    corpus, test = corpora
    images, texts = test.image_features, test.query_features
    pairs_i, pairs_t = np.repeat(np.arange(10), 50), np.tile(np.arange(50), 10)
    concatenated = np.hstack([images[pairs_i], texts[pairs_t]]).astype(np.float32)
    mlp = MLPFit().fit(corpus.fit_data())
    with torch.no_grad():
        on_concatenation = torch.sigmoid(mlp.net(torch.from_numpy(concatenated))).numpy()
    np.testing.assert_allclose(mlp.score(images[pairs_i], texts[pairs_t]), on_concatenation, atol=1e-6)
    whole = mlp.score_matrix(images, texts)
    np.testing.assert_allclose(whole[pairs_t, pairs_i], on_concatenation, atol=1e-6)
    np.testing.assert_allclose(mlp.score_matrix(images, texts, max_cells=3 * 512 * 10), whole, atol=1e-6)
    linear = LinearFit().fit(corpus.fit_data())
    expected = np.clip(linear.model.predict(concatenated), 0, 1)
    np.testing.assert_allclose(linear.score_matrix(images, texts)[pairs_t, pairs_i], expected, atol=1e-6)


def test_a_training_step_runs_each_head_once_per_distinct_row_with_the_loss_and_gradients_of_one_pass_per_row(corpora):
    import torch
    import torch.nn.functional as F

    corpus, _ = corpora
    data = corpus.fit_data()
    model = DualEncoderFit(epochs=1, image_text_block=corpus.image_text_block, seed=3).fit(data)
    images = torch.from_numpy(model._head_inputs(data.image_features)[0])
    texts = torch.from_numpy(data.text_features)
    rng = np.random.default_rng(0)
    pos = rng.choice(len(data.positive_image), 16, replace=False)
    pairs = rng.choice(len(data.pair_image), 60, replace=True)  # repeats on purpose
    as_tensor = lambda a: torch.from_numpy(np.asarray(a))  # noqa: E731
    args = (as_tensor(data.positive_image[pos]), as_tensor(data.positive_text[pos]), as_tensor(data.pair_image[pairs]),
            as_tensor(data.pair_text[pairs]), as_tensor(data.pair_target[pairs]))

    def gradients(loss):
        model.net.zero_grad()
        loss.backward()
        return [p.grad.clone() for p in model.net.parameters()]

    step = model._step_loss(images, texts, *args)
    step_gradients = gradients(step)
    net, (pi, pt, qi, qt, target) = model.net, args
    img, txt = net.image_head(images[pi]), net.text_head(texts[pt])  # one head pass per row
    logits = (net.log_scale.exp().clamp(max=100) * txt @ img.T).masked_fill(
        (pi[None, :] == pi[:, None]) & ~torch.eye(len(pi), dtype=torch.bool), -1e4)
    labels = torch.arange(len(pi))
    reference = 0.5 * (F.cross_entropy(logits, labels) + F.cross_entropy(logits.T, labels))
    cos = (net.image_head(images[qi]) * net.text_head(texts[qt])).sum(-1)
    reference = reference + F.binary_cross_entropy_with_logits(net.bce_a * cos + net.bce_b, target)
    torch.testing.assert_close(step, reference, atol=1e-5, rtol=1e-5)
    for got, expected in zip(step_gradients, gradients(reference)):
        torch.testing.assert_close(got, expected, atol=1e-5, rtol=1e-4)
    empty = torch.zeros(0, dtype=torch.int64)
    assert model._step_loss(images, texts, empty, empty, empty, empty, torch.zeros(0)) is None


def test_the_training_images_are_described_once_for_every_checkpoint(corpora):
    corpus, _ = corpora
    model = DualEncoderFit(epochs=1, image_text_block=corpus.image_text_block, memory_weight=1.0)
    model.fit(corpus.fit_data())
    calls = []
    describe = model.memory.describe
    model.memory.describe = lambda visual: calls.append(len(visual)) or describe(visual)
    kept = model.embed_images(corpus.image_features)  # the matrix training read: its description is kept
    assert calls == []
    fresh = model.embed_images(corpus.image_features.copy())  # another matrix: described now
    assert calls == [len(corpus.image_features)]
    np.testing.assert_allclose(kept, fresh, atol=1e-6)


def test_the_dual_encoder_starts_from_zero_shot_label_matching(corpora):
    corpus, test = corpora
    untrained = DualEncoderFit(epochs=0, image_text_block=corpus.image_text_block,
                               d_joint=corpus.text_features.shape[1]).fit(corpus.fit_data())
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
