"""Training and honest evaluation of the fit models.

Out-of-fold protocol: the train images are split into folds; a pair belongs to the fold of its image; the
model of fold k never saw a fold-k image (neither in a pair nor as the picture a training caption was
written for). Every figure named ``oof_*`` comes from models that did not train on the rows they score.
The test split is scored once the model is fixed, and chooses nothing.
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
DUAL_CHECKPOINTS = (5, 10, 20, 30)  # epochs at which the dual encoder is scored out of fold
# The caption memory's share of the dual encoder's joint space (0 turns it off). Out of fold on the
# training split (Lite0 features, 10 epochs): w = 0 → Expert τc 47.1, CF τb 28.0; w = 0.5 → 51.0, 30.1;
# w = 1 → 51.4, 30.0; w = 2 → 51.3, 29.6. w = 1 also makes both halves of the joint space equal.
MEMORY_WEIGHT = 1.0


@dataclass
class TrainedModel:
    kind: str
    model: FitModel
    metrics: dict[str, float]
    params: dict = field(default_factory=dict)


def image_folds(image_ids: list[str], n_folds: int, seed: int) -> np.ndarray:
    """A fold number per train image, from a hash of (seed, image id): the same image is in the same fold
    in every run and every tool, whatever order the index returns its rows in and whatever other images
    come and go. Fold sizes are even up to chance (±√(n/k)); a fold may be empty on a tiny delivery."""
    digests = (hashlib.sha256(f"{seed}:{image}".encode()).digest() for image in image_ids)
    return np.fromiter((int.from_bytes(d[:8], "big") % n_folds for d in digests), dtype=int, count=len(image_ids))


def held_out_folds(folds: np.ndarray) -> list[int]:
    """The folds that hold at least one image (only those are held out and scored)."""
    return [int(k) for k in np.unique(folds)]


@dataclass
class _OutOfFold:
    judged: np.ndarray  # score per judged pair
    crowd: np.ndarray  # score per crowd pair
    retrieval_ranks_matrices: list[tuple[np.ndarray, np.ndarray]]  # per fold: (score matrix, relevant column)


def _empty_oof(corpus: Corpus) -> _OutOfFold:
    return _OutOfFold(np.full(len(corpus.judged), np.nan), np.full(len(corpus.crowd), np.nan), [])


def _score_fold(model, corpus: Corpus, folds: np.ndarray, k: int, oof: _OutOfFold, raw: bool) -> None:
    """Score fold k's held-out rows with the fold-k model (raw cosine for the dual encoder)."""
    matrix = model.cosine_matrix if raw else model.score_matrix
    if hasattr(model, "embed_images"):
        # One joint vector per image and per caption, then a dot product per pair (not a vector per pair).
        joint_images, joint_texts = model.embed_images(corpus.image_features), model.embed_texts(corpus.text_features)

        def score(image_idx, text_idx):
            cosine = (joint_images[image_idx] * joint_texts[text_idx]).sum(-1)
            return cosine if raw else model.calibrated(cosine)
    else:
        def score(image_idx, text_idx):
            return model.score(corpus.image_features[image_idx], corpus.text_features[text_idx])
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
    scores = matrix(corpus.image_features[fold_images], corpus.text_features[positives["text_idx"].to_numpy()])
    oof.retrieval_ranks_matrices.append((scores, positives["image_idx"].map(column).to_numpy()))


def _oof_metrics(corpus: Corpus, oof: _OutOfFold, judged_scores: np.ndarray | None = None) -> dict[str, float]:
    judged = corpus.judged
    on_target_scale = oof.judged if judged_scores is None else judged_scores
    metrics = {
        "oof_rmse": rmse(on_target_scale, judged["target"].to_numpy()),
        "oof_mae": mae(on_target_scale, judged["target"].to_numpy()),
        "oof_expert_tau_c": expert_tau_c(oof.judged, judged[["expert_1", "expert_2", "expert_3"]].to_numpy(),
                                         judged["is_own_caption"].to_numpy()),
        "oof_crowd_tau_b": crowd_tau_b(oof.crowd, corpus.crowd["crowd_share"].to_numpy()),
    }
    # Retrieval figures per fold (each fold ranks its own ~n/k images), averaged with query weights.
    per_fold = [(retrieval_metrics(s, r), len(r)) for s, r in oof.retrieval_ranks_matrices]
    n = sum(size for _, size in per_fold)
    for name in per_fold[0][0]:
        metrics[f"oof_{name}"] = sum(m[name] * size for m, size in per_fold) / n
    return metrics


def test_metrics(model: FitModel, test: TestSet) -> dict[str, float]:
    scores = model.score_matrix(test.image_features, test.query_features)
    return {f"test_{name}": value for name, value in retrieval_metrics(scores, test.relevant_column).items()}


def make_model(kind: str, corpus: Corpus, epochs: int | None = None) -> FitModel:
    if kind == "linear":
        return LinearFit()
    if kind == "mlp":
        return MLPFit()
    if kind == "dual_encoder":
        return DualEncoderFit(epochs=epochs or max(DUAL_CHECKPOINTS), image_text_block=corpus.image_text_block,
                              visual_dims=corpus.visual_dims, memory_weight=MEMORY_WEIGHT)
    raise ValueError(f"unknown model kind {kind!r}; known: {MODEL_KINDS}")


def train_pairwise(kind: str, corpus: Corpus, test: TestSet, n_folds: int, seed: int) -> TrainedModel:
    folds = image_folds(corpus.image_ids, n_folds, seed)
    oof = _empty_oof(corpus)
    for k in held_out_folds(folds):
        model = make_model(kind, corpus).fit(corpus.fit_data(folds != k))
        _score_fold(model, corpus, folds, k, oof, raw=False)
    metrics = _oof_metrics(corpus, oof)
    final = make_model(kind, corpus).fit(corpus.fit_data())
    metrics.update(test_metrics(final, test))
    log.info("%s: %s", kind, _brief(metrics))
    return TrainedModel(kind, final, metrics, getattr(final, "params", {}) or {"alpha": getattr(final, "alpha", None)})


def dual_encoder_out_of_fold(corpus: Corpus, folds: np.ndarray) -> tuple[int, _OutOfFold]:
    """The dual encoder cross-validated with out-of-fold cosines at several epoch checkpoints: (the
    checkpoint with the best out-of-fold MRR, its out-of-fold cosines). Training data only."""
    oofs = {epochs: _empty_oof(corpus) for epochs in DUAL_CHECKPOINTS}
    for k in held_out_folds(folds):
        def checkpoint(epoch, model, k=k):
            if epoch in oofs:
                _score_fold(model, corpus, folds, k, oofs[epoch], raw=True)

        make_model("dual_encoder", corpus).fit(corpus.fit_data(folds != k), on_epoch=checkpoint)
    by_epochs = {}
    for epochs, oof in oofs.items():
        by_epochs[epochs] = _oof_metrics(corpus, oof)
        log.info("dual_encoder @ %d epochs (out of fold): %s", epochs, _brief(by_epochs[epochs]))
    best_epochs = max(by_epochs, key=lambda e: by_epochs[e]["oof_MRR"])
    return best_epochs, oofs[best_epochs]


def train_dual_encoder(corpus: Corpus, test: TestSet, n_folds: int, seed: int) -> TrainedModel:
    """Cross-validated with out-of-fold scores at several epoch checkpoints; the number of epochs is the
    checkpoint with the best out-of-fold MRR (training data only). Calibration: Platt on out-of-fold
    cosines, cross-fitted for the out-of-fold figures (fold k calibrated on the other folds)."""
    folds = image_folds(corpus.image_ids, n_folds, seed)
    best_epochs, oof = dual_encoder_out_of_fold(corpus, folds)
    # Cross-fitted calibration of the out-of-fold cosines, for RMSE / MAE on the target scale.
    judged_folds = folds[corpus.judged["image_idx"].to_numpy()]
    targets = corpus.judged["target"].to_numpy()
    calibrated = np.empty_like(oof.judged)
    for k in held_out_folds(folds):
        a, b = fit_platt(oof.judged[judged_folds != k], targets[judged_folds != k])
        calibrated[judged_folds == k] = 1 / (1 + np.exp(-(a * oof.judged[judged_folds == k] + b)))
    metrics = _oof_metrics(corpus, oof, judged_scores=calibrated)
    metrics["epochs"] = float(best_epochs)
    final = make_model("dual_encoder", corpus, epochs=best_epochs).fit(corpus.fit_data())
    final.calibrate(oof.judged, targets)
    metrics.update(test_metrics(final, test))
    log.info("dual_encoder (%d epochs): %s", best_epochs, _brief(metrics))
    return TrainedModel("dual_encoder", final, metrics, dict(final.params, calibration=list(final.calibration)))


def train_models(corpus: Corpus, test: TestSet, kinds=MODEL_KINDS, n_folds: int = 5, seed: int = 0) -> list[TrainedModel]:
    trained = []
    for kind in kinds:
        if kind == "dual_encoder":
            trained.append(train_dual_encoder(corpus, test, n_folds, seed))
        else:
            trained.append(train_pairwise(kind, corpus, test, n_folds, seed))
    return trained


def _brief(metrics: dict[str, float]) -> str:
    keys = ("oof_rmse", "oof_expert_tau_c", "oof_crowd_tau_b", "oof_R@1", "oof_MRR", "test_R@1", "test_R@10")
    return ", ".join(f"{k} {metrics[k]:.3g}" for k in keys if k in metrics)
