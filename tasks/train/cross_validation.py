"""Training and honest evaluation of the fit models.

Out-of-fold protocol: the train images are split into folds; a pair belongs to the fold of its image; every
caption belongs to the fold of the image it was written for (a caption written for no train image gets a
fold of its own, by a hash). The model of fold k trains on no fold-k image and on no fold-k caption —
neither in a pair, nor as a positive, nor in its caption memory. Two figures come from the same models:

- **seen-caption** (``oof_*``): every pair whose image is in fold k. Most of their captions belong to other
  folds, so the fold model trained on that very caption text (with other images): a validation figure,
  optimistic by what a model can learn about a caption (its prior).
- **caption-disjoint** (``oof_clean_*``): only the pairs whose image *and* caption are in fold k — neither
  was seen in training. This is the one that compares with published (zero-shot) figures, and the one model
  choices are made on. Retrieval (each caption of a fold-k image ranks the fold-k images) is
  caption-disjoint in both: its queries are fold-k captions, so both names carry the same figure.

Every figure is the mean over ``n_seeds`` seeds (seed, seed + 1, …: other folds and other initialisations)
with its standard deviation as ``<name>_sd``; a choice between close figures must beat that noise. The
test split is scored once the model is fixed, and chooses nothing.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field

import numpy as np

from models.fit.base import FitModel
from models.fit.dual_encoder import DualEncoderFit, fit_platt
from models.fit.linear import LinearFit
from models.fit.mlp import MLPFit
from tasks.train.corpus import Corpus, TestSet
from tasks.train.metrics import crowd_tau_b, expert_tau_c, mae, retrieval_metrics, rmse

log = logging.getLogger(__name__)

MODEL_KINDS = ("linear", "mlp", "dual_encoder")
# Epochs at which the dual encoder is scored out of fold (one training per fold, to the last checkpoint).
# Over 3 seeds, caption-disjoint MRR peaks at 10 and falls after it with both text encoders (MiniLM 46.7,
# 47.0, 46.4, 46.1 at 5, 10, 15, 20; mpnet 47.9, 48.2, 47.8, 47.3): 30 was dropped first (45.0), then 20 —
# 15 still shows the fall, at three quarters of the cross-validation time.
DUAL_CHECKPOINTS = (5, 10, 15)
# The caption memory's share of the dual encoder's joint space (0 turns it off). Out of fold on the
# training split (Lite0 features, 10 epochs): w = 0 → Expert τc 47.1, CF τb 28.0; w = 0.5 → 51.0, 30.1;
# w = 1 → 51.4, 30.0; w = 2 → 51.3, 29.6. w = 1 also makes both halves of the joint space equal.
MEMORY_WEIGHT = 1.0
# The figure that chooses the dual encoder's epochs (and, in ``champion``, the challenger).
CHOICE_METRIC = "oof_clean_MRR"


@dataclass
class TrainedModel:
    kind: str
    model: FitModel
    metrics: dict[str, float]
    params: dict = field(default_factory=dict)


def _hash_folds(keys: list[str], n_folds: int, seed: int) -> np.ndarray:
    digests = (hashlib.sha256(f"{seed}:{key}".encode()).digest() for key in keys)
    return np.fromiter((int.from_bytes(d[:8], "big") % n_folds for d in digests), dtype=int, count=len(keys))


def image_folds(image_ids: list[str], n_folds: int, seed: int) -> np.ndarray:
    """A fold number per train image, from a hash of (seed, image id): the same image is in the same fold
    in every run and every tool, whatever order the index returns its rows in and whatever other images
    come and go. Fold sizes are even up to chance (±√(n/k)); a fold may be empty on a tiny delivery."""
    return _hash_folds(image_ids, n_folds, seed)


def caption_folds(corpus: Corpus, folds: np.ndarray, n_folds: int, seed: int) -> np.ndarray:
    """A fold number per train caption: its own image's fold (``folds``), or — for a caption written for
    no train image — a hash of (seed, query id), so that it too is held out of exactly one fold."""
    own_image = corpus.own_image()
    hashed = _hash_folds([f"caption:{q}" for q in corpus.text_ids], n_folds, seed)
    return np.where(own_image >= 0, folds[np.maximum(own_image, 0)], hashed)


def held_out_folds(folds: np.ndarray) -> list[int]:
    """The folds that hold at least one image (only those are held out and scored)."""
    return [int(k) for k in np.unique(folds)]


@dataclass
class _OutOfFold:
    judged: np.ndarray  # score per judged pair
    crowd: np.ndarray  # score per crowd pair
    retrieval_ranks_matrices: list[tuple[np.ndarray, np.ndarray]]  # per fold: (score matrix, relevant column)


@dataclass
class _Split:
    """One seed's folds: per image and per caption, and which scored pairs are caption-disjoint."""

    images: np.ndarray
    captions: np.ndarray
    clean_judged: np.ndarray  # per judged pair: its caption is in its image's fold (never seen by that model)
    clean_crowd: np.ndarray

    @classmethod
    def of(cls, corpus: Corpus, n_folds: int, seed: int) -> "_Split":
        images = image_folds(corpus.image_ids, n_folds, seed)
        captions = caption_folds(corpus, images, n_folds, seed)

        own_image = corpus.own_image()

        def clean(pairs):
            image_idx, text_idx = pairs["image_idx"].to_numpy(), pairs["text_idx"].to_numpy()
            unseen = captions[text_idx] == images[image_idx]
            # A pair of an image with its own caption is always unseen (the caption follows its image), any
            # other pair only when the two fall in one fold (~1 in n_folds). Keeping own pairs at that same
            # rate — as if their caption had a fold of its own — makes the clean pairs a uniform sample of
            # all pairs; keeping them all would over-weight the easy own pairs ~n_folds times in CF τb.
            own = np.flatnonzero(own_image[text_idx] == image_idx)
            keys = [f"pair:{corpus.image_ids[image_idx[r]]}|{corpus.text_ids[text_idx[r]]}" for r in own]
            unseen[own] = _hash_folds(keys, n_folds, seed) == images[image_idx[own]]
            return unseen

        return cls(images, captions, clean(corpus.judged), clean(corpus.crowd))

    def training_data(self, corpus: Corpus, k: int):
        return corpus.fit_data(self.images != k, self.captions != k)


def _empty_oof(corpus: Corpus) -> _OutOfFold:
    return _OutOfFold(np.full(len(corpus.judged), np.nan), np.full(len(corpus.crowd), np.nan), [])


def _score_fold(model, corpus: Corpus, folds: np.ndarray, k: int, oof: _OutOfFold, raw: bool) -> None:
    """Score fold k's held-out rows with the fold-k model (raw cosine for the dual encoder)."""
    if hasattr(model, "embed_images"):
        # One joint vector per image and per caption, then a dot product per pair (not a vector per pair).
        joint_images, joint_texts = model.embed_images(corpus.image_features), model.embed_texts(corpus.text_features)

        def score(image_idx, text_idx):
            cosine = (joint_images[image_idx] * joint_texts[text_idx]).sum(-1)
            return cosine if raw else model.calibrated(cosine)

        def matrix(image_idx, text_idx):
            cosine = joint_texts[text_idx] @ joint_images[image_idx].T
            return cosine if raw else model.calibrated(cosine)
    else:
        def score(image_idx, text_idx):
            return model.score(corpus.image_features[image_idx], corpus.text_features[text_idx])

        def matrix(image_idx, text_idx):
            return model.score_matrix(corpus.image_features[image_idx], corpus.text_features[text_idx])
    judged_rows = np.flatnonzero(folds[corpus.judged["image_idx"].to_numpy()] == k)
    j = corpus.judged.iloc[judged_rows]
    oof.judged[judged_rows] = score(j["image_idx"].to_numpy(), j["text_idx"].to_numpy())
    crowd_rows = np.flatnonzero(folds[corpus.crowd["image_idx"].to_numpy()] == k)
    c = corpus.crowd.iloc[crowd_rows]
    oof.crowd[crowd_rows] = score(c["image_idx"].to_numpy(), c["text_idx"].to_numpy())
    # Retrieval: each caption of a fold-k image ranks all fold-k images.
    fold_images = np.flatnonzero(folds == k)
    column = {image: i for i, image in enumerate(fold_images)}
    positives = corpus.positives[folds[corpus.positives["image_idx"].to_numpy()] == k]
    scores = matrix(fold_images, positives["text_idx"].to_numpy())
    oof.retrieval_ranks_matrices.append((scores, positives["image_idx"].map(column).to_numpy()))


def _pair_metrics(prefix: str, corpus: Corpus, oof: _OutOfFold, on_target_scale: np.ndarray,
                  judged_rows: np.ndarray, crowd_rows: np.ndarray) -> dict[str, float]:
    judged = corpus.judged[judged_rows]
    return {
        f"{prefix}rmse": rmse(on_target_scale[judged_rows], judged["target"].to_numpy()),
        f"{prefix}mae": mae(on_target_scale[judged_rows], judged["target"].to_numpy()),
        f"{prefix}expert_tau_c": expert_tau_c(oof.judged[judged_rows],
                                              judged[["expert_1", "expert_2", "expert_3"]].to_numpy(),
                                              judged["is_own_caption"].to_numpy()),
        f"{prefix}crowd_tau_b": crowd_tau_b(oof.crowd[crowd_rows], corpus.crowd["crowd_share"].to_numpy()[crowd_rows]),
    }


def _oof_metrics(corpus: Corpus, split: _Split, oof: _OutOfFold,
                 judged_scores: np.ndarray | None = None) -> dict[str, float]:
    """Seen-caption (``oof_*``) and caption-disjoint (``oof_clean_*``) figures of one seed's scores."""
    on_target_scale = oof.judged if judged_scores is None else judged_scores
    every_judged, every_crowd = np.ones(len(corpus.judged), bool), np.ones(len(corpus.crowd), bool)
    metrics = _pair_metrics("oof_", corpus, oof, on_target_scale, every_judged, every_crowd)
    metrics.update(_pair_metrics("oof_clean_", corpus, oof, on_target_scale, split.clean_judged, split.clean_crowd))
    # Retrieval figures per fold (each fold ranks its own ~n/k images), averaged with query weights; its
    # queries are held-out captions in both protocols.
    per_fold = [(retrieval_metrics(s, r), len(r)) for s, r in oof.retrieval_ranks_matrices]
    n = sum(size for _, size in per_fold)
    for name in per_fold[0][0]:
        metrics[f"oof_{name}"] = metrics[f"oof_clean_{name}"] = sum(m[name] * size for m, size in per_fold) / n
    metrics["oof_clean_judged_pairs"] = float(split.clean_judged.sum())
    metrics["oof_clean_crowd_pairs"] = float(split.clean_crowd.sum())
    return metrics


def test_metrics(model: FitModel, test: TestSet) -> dict[str, float]:
    scores = model.score_matrix(test.image_features, test.query_features)
    return {f"test_{name}": value for name, value in retrieval_metrics(scores, test.relevant_column).items()}


def mean_and_sd(per_seed: list[dict[str, float]]) -> dict[str, float]:
    """Each figure's mean over the seeds, and its sample standard deviation as ``<name>_sd`` (0 for one seed)."""
    out = {}
    for name in per_seed[0]:
        values = np.array([figures[name] for figures in per_seed], dtype=np.float64)
        out[name] = float(values.mean())
        out[f"{name}_sd"] = float(values.std(ddof=1)) if len(values) > 1 else 0.0
    return out


def seeds_of(seed: int, n_seeds: int) -> list[int]:
    return [seed + i for i in range(n_seeds)]


def make_model(kind: str, corpus: Corpus, epochs: int | None = None, seed: int = 0) -> FitModel:
    if kind == "linear":
        return LinearFit()
    if kind == "mlp":
        return MLPFit(seed=seed)
    if kind == "dual_encoder":
        # The joint space has the text encoder's width, so training starts from zero-shot matching in it.
        return DualEncoderFit(epochs=epochs or max(DUAL_CHECKPOINTS), image_text_block=corpus.image_text_block,
                              d_joint=corpus.text_features.shape[1],
                              visual_dims=corpus.visual_dims, memory_weight=MEMORY_WEIGHT, seed=seed)
    raise ValueError(f"unknown model kind {kind!r}; known: {MODEL_KINDS}")


def train_pairwise(kind: str, corpus: Corpus, test: TestSet, n_folds: int, seed: int, n_seeds: int = 1) -> TrainedModel:
    per_seed, kept = [], None
    for s in seeds_of(seed, n_seeds):
        split = _Split.of(corpus, n_folds, s)
        oof = _empty_oof(corpus)
        for k in held_out_folds(split.images):
            model = make_model(kind, corpus, seed=s).fit(split.training_data(corpus, k))
            _score_fold(model, corpus, split.images, k, oof, raw=False)
        figures = _oof_metrics(corpus, split, oof)
        final = make_model(kind, corpus, seed=s).fit(corpus.fit_data())
        figures.update(test_metrics(final, test))
        per_seed.append(figures)
        if kept is None:  # the first seed's model (``seed`` itself) is the one registered
            kept = final
    metrics = mean_and_sd(per_seed)
    metrics["seeds"] = float(n_seeds)
    log.info("%s: %s", kind, _brief(metrics))
    return TrainedModel(kind, kept, metrics, getattr(kept, "params", {}) or {"alpha": getattr(kept, "alpha", None)})


def dual_encoder_out_of_fold(corpus: Corpus, split: _Split, seed: int) -> dict[int, _OutOfFold]:
    """The dual encoder cross-validated with out-of-fold cosines at every checkpoint of ``DUAL_CHECKPOINTS``
    (one training per fold, scored as it goes). Training data only."""
    oofs = {epochs: _empty_oof(corpus) for epochs in DUAL_CHECKPOINTS}
    for k in held_out_folds(split.images):
        def checkpoint(epoch, model, k=k):
            if epoch in oofs:
                _score_fold(model, corpus, split.images, k, oofs[epoch], raw=True)

        make_model("dual_encoder", corpus, seed=seed).fit(split.training_data(corpus, k), on_epoch=checkpoint)
    return oofs


def choose_dual_epochs(corpus: Corpus, n_folds: int, seeds: list[int]) -> tuple[int, dict]:
    """Cross-validate the dual encoder for every seed; the checkpoint with the best caption-disjoint MRR
    (mean over seeds). Returns (epochs, {seed: (split, that checkpoint's out-of-fold cosines)})."""
    runs = {}
    by_epochs: dict[int, list[dict[str, float]]] = {epochs: [] for epochs in DUAL_CHECKPOINTS}
    for s in seeds:
        split = _Split.of(corpus, n_folds, s)
        oofs = dual_encoder_out_of_fold(corpus, split, s)
        runs[s] = (split, oofs)
        for epochs, oof in oofs.items():
            by_epochs[epochs].append(_oof_metrics(corpus, split, oof))
    summary = {epochs: mean_and_sd(figures) for epochs, figures in by_epochs.items()}
    for epochs, figures in summary.items():
        log.info("dual_encoder @ %d epochs (out of fold, %d seeds): %s", epochs, len(seeds), _brief(figures))
    best = max(summary, key=lambda e: summary[e][CHOICE_METRIC])
    return best, {s: (split, oofs[best]) for s, (split, oofs) in runs.items()}


def _cross_fitted_calibration(split: _Split, corpus: Corpus, cosines: np.ndarray) -> np.ndarray:
    """Platt-calibrated out-of-fold cosines, fold k calibrated on the other folds (for RMSE / MAE)."""
    judged_folds = split.images[corpus.judged["image_idx"].to_numpy()]
    targets = corpus.judged["target"].to_numpy()
    calibrated = np.empty_like(cosines)
    for k in held_out_folds(split.images):
        a, b = fit_platt(cosines[judged_folds != k], targets[judged_folds != k])
        calibrated[judged_folds == k] = 1 / (1 + np.exp(-(a * cosines[judged_folds == k] + b)))
    return calibrated


def train_dual_encoder(corpus: Corpus, test: TestSet, n_folds: int, seed: int, n_seeds: int = 1) -> TrainedModel:
    """Cross-validated per seed with out-of-fold scores at several epoch checkpoints; the number of epochs
    is the checkpoint with the best caption-disjoint MRR over the seeds (training data only). Calibration:
    Platt on out-of-fold cosines, cross-fitted for the out-of-fold figures (fold k calibrated on the other
    folds). One final model per seed measures the test split; the first seed's is registered."""
    seeds = seeds_of(seed, n_seeds)
    best_epochs, runs = choose_dual_epochs(corpus, n_folds, seeds)
    targets = corpus.judged["target"].to_numpy()
    per_seed, kept = [], None
    for s in seeds:
        split, oof = runs[s]
        figures = _oof_metrics(corpus, split, oof, judged_scores=_cross_fitted_calibration(split, corpus, oof.judged))
        final = make_model("dual_encoder", corpus, epochs=best_epochs, seed=s).fit(corpus.fit_data())
        final.calibrate(oof.judged, targets)
        figures.update(test_metrics(final, test))
        per_seed.append(figures)
        if kept is None:
            kept = final
    metrics = mean_and_sd(per_seed)
    metrics["epochs"] = float(best_epochs)
    metrics["seeds"] = float(n_seeds)
    log.info("dual_encoder (%d epochs, %d seeds): %s", best_epochs, n_seeds, _brief(metrics))
    return TrainedModel("dual_encoder", kept, metrics, dict(kept.params, calibration=list(kept.calibration)))


def train_models(corpus: Corpus, test: TestSet, kinds=MODEL_KINDS, n_folds: int = 5, seed: int = 0,
                 n_seeds: int = 1) -> list[TrainedModel]:
    trained = []
    for kind in kinds:
        if kind == "dual_encoder":
            trained.append(train_dual_encoder(corpus, test, n_folds, seed, n_seeds))
        else:
            trained.append(train_pairwise(kind, corpus, test, n_folds, seed, n_seeds))
    return trained


def _brief(metrics: dict[str, float]) -> str:
    keys = ("oof_expert_tau_c", "oof_clean_expert_tau_c", "oof_crowd_tau_b", "oof_clean_crowd_tau_b", "oof_R@1",
            "oof_MRR", "test_R@1", "test_R@10")
    return ", ".join(f"{k} {metrics[k]:.3g}" + (f"±{metrics[k + '_sd']:.2g}" if f"{k}_sd" in metrics else "")
                     for k in keys if k in metrics)
