"""One child probability per image from several kinds of visual evidence, each measurable on its own:

- ``whole``: the image classifier on the whole picture's vector (ImageNet features: no notion of age);
- ``faces``: the most child-like face a person's age estimator sees (missing when no face is found);
- ``memory``: the share of the image's nearest train images whose captions mention children.

A logistic regression over the three (the second level of a stack: the whole-image probabilities it learns
from are out of fold) gives the probability the legal rule thresholds. Pure: arrays in, arrays out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tasks.legal.rules import logistic, out_of_fold, recall_threshold

SIGNALS = ("whole", "faces", "memory")
MEMORY_NEIGHBOURS = 10


def _logit(p: np.ndarray, floor: float = 1e-3) -> np.ndarray:
    p = np.clip(np.asarray(p, dtype=np.float64), floor, 1 - floor)
    return np.log(p / (1 - p))


def caption_memory(image_vectors: np.ndarray, about_children: np.ndarray, is_train: np.ndarray,
                   k: int = MEMORY_NEIGHBOURS) -> np.ndarray:
    """For every image, the share of its ``k`` nearest train images (cosine on ``image_vectors``, never itself)
    whose captions mention children."""
    unit = image_vectors / np.clip(np.linalg.norm(image_vectors, axis=1, keepdims=True), 1e-9, None)
    train_rows = np.flatnonzero(is_train)
    similarity = unit @ unit[train_rows].T
    similarity[train_rows, np.arange(len(train_rows))] = -np.inf  # a train image is not its own neighbour
    k = min(k, max(len(train_rows) - 1, 1))
    nearest = np.argpartition(-similarity, k - 1, axis=1)[:, :k]
    return about_children[train_rows][nearest].mean(axis=1)


def evidence_columns(whole: np.ndarray, face_child: np.ndarray, memory: np.ndarray,
                     signals: tuple[str, ...] = SIGNALS) -> np.ndarray:
    """The second level's inputs: logits of each signal; a face signal is 0 (and a has-face flag says so)
    where no face was found."""
    columns = []
    if "whole" in signals:
        columns.append(_logit(whole))
    if "faces" in signals:
        has_face = ~np.isnan(face_child)
        columns += [has_face.astype(np.float64), np.where(has_face, _logit(np.nan_to_num(face_child, nan=0.5)), 0.0)]
    if "memory" in signals:
        columns.append(_logit(memory, floor=0.02))
    return np.column_stack(columns)


@dataclass
class EvidenceModel:
    model: object  # sklearn LogisticRegression over evidence_columns(..., signals)
    signals: tuple[str, ...]

    def probability(self, whole: np.ndarray, face_child: np.ndarray, memory: np.ndarray) -> np.ndarray:
        return self.model.predict_proba(evidence_columns(whole, face_child, memory, self.signals))[:, 1]


def fit_evidence(whole_oof: np.ndarray, face_child: np.ndarray, memory: np.ndarray, labels: np.ndarray,
                 n_folds: int, seed: int, signals: tuple[str, ...] = SIGNALS) -> tuple[EvidenceModel, np.ndarray]:
    """The second level fitted on train images, and its out-of-fold probabilities (for thresholds)."""
    columns = evidence_columns(whole_oof, face_child, memory, signals)
    oof = out_of_fold(columns, labels, n_folds, seed, split_seed=seed + 1)
    return EvidenceModel(logistic(seed).fit(columns, labels), signals), oof


def choose_signals(whole_oof: np.ndarray, face_child: np.ndarray, memory: np.ndarray, labels: np.ndarray,
                   target_recall: float, n_folds: int, seed: int) -> tuple[EvidenceModel, np.ndarray, dict[str, float]]:
    """Out of fold, for each combination of signals that adds to the whole image: AUC and the share of
    child-free train images blocked at ``target_recall``. Returns the second level of the combination that
    blocks the fewest (the fewer signals on a tie: with few train images a second level can do worse than
    the whole image alone), its out-of-fold probabilities, and every combination's figures."""
    from sklearn.metrics import roc_auc_score

    figures, best, best_over_block = {}, None, np.inf
    for signals in (("whole",), ("whole", "faces"), ("whole", "memory"), SIGNALS):
        model, oof = fit_evidence(whole_oof, face_child, memory, labels, n_folds, seed, signals)
        over_block = float((oof[~labels] >= recall_threshold(oof, labels, target_recall)).mean())
        name = "+".join(signals)
        figures[f"signal_{name}_oof_auc"] = float(roc_auc_score(labels, oof))
        figures[f"signal_{name}_oof_over_block_rate"] = over_block
        if over_block < best_over_block:
            best, best_over_block = (model, oof), over_block
    model, oof = best
    figures[f"signal_chosen_{'+'.join(model.signals)}"] = 1.0
    return model, oof, figures
