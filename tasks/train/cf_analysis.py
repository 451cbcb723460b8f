"""What bounds a fit score's CF τb: a breakdown of the Flickr8K-CF crowd pairs of the training split.

Every figure is Kendall τ-b × 100 between a score and the crowd share, as in ``tasks.train.metrics``; the scores
to break down are out-of-fold ones (models that never saw the pair's image). Two groups of pairs:

- **own captions**: the pairs whose caption was written for the image (in this data ~700 of the ~46 700,
  crowd share ~0.9). ``tau_b_own_first`` is the τb the same score would get if it put every own-caption pair
  above every other pair and kept its order elsewhere: what perfect recognition of an image's own
  caption would be worth.
- **other captions**: the rest (``tau_b_non_own``). ``reference_tau_b_non_own`` scores them with the text encoder's cosine between
  the candidate caption and the caption written for the image. That scorer knows the image's true
  description, so it stands for a perfect captioner read through the text encoder; a fit score that
  already matches it on these pairs is limited by what one description and the text encoder can tell
  apart, not by its training. ``reference_tau_b`` is that scorer on every pair (own captions included,
  where it is ~1 and so ranks them first): the CF τb of a perfect captioner read through the text encoder.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from models.encoders.base import l2_normalize
from tasks.train.cross_validation import choose_dual_epochs, seeds_of
from tasks.train.metrics import crowd_tau_b


def own_caption_mask(pairs: pd.DataFrame, positives: pd.DataFrame) -> np.ndarray:
    """True where the pair's caption was written for the pair's image (``image_idx``/``text_idx`` columns)."""
    own = set(zip(positives["image_idx"], positives["text_idx"]))
    return np.array([key in own for key in zip(pairs["image_idx"], pairs["text_idx"])], dtype=bool)


def reference_caption_scores(pairs: pd.DataFrame, positives: pd.DataFrame, text_features: np.ndarray) -> np.ndarray:
    """Cosine between each pair's caption and the mean caption written for its image (NaN: no caption)."""
    unit = l2_normalize(text_features)
    n_images = int(max(pairs["image_idx"].max(), positives["image_idx"].max())) + 1
    reference = np.zeros((n_images, unit.shape[1]), dtype=np.float64)
    np.add.at(reference, positives["image_idx"].to_numpy(), unit[positives["text_idx"].to_numpy()])
    norms = np.linalg.norm(reference, axis=1, keepdims=True)
    reference = np.divide(reference, norms, out=np.full_like(reference, np.nan), where=norms > 0)
    return (reference[pairs["image_idx"].to_numpy()] * unit[pairs["text_idx"].to_numpy()]).sum(axis=1)


def cf_breakdown(scores: np.ndarray, shares: np.ndarray, own: np.ndarray, reference: np.ndarray) -> dict[str, float]:
    """τb of ``scores`` overall, on own and other captions, with own captions put first, and the
    reference-caption scorer's τb on the other captions (only where the image has a caption)."""
    scores, shares, own = np.asarray(scores, dtype=np.float64), np.asarray(shares), np.asarray(own, dtype=bool)
    if len(scores) != len(shares) or len(scores) != len(own) or len(scores) != len(reference):
        raise ValueError("cf_breakdown: scores, shares, own and reference must have one value per pair")
    if not own.any() or own.all():
        raise ValueError("cf_breakdown needs both own-caption and other pairs")
    # Own-caption pairs above every other pair, the score's order kept within each group.
    own_first = np.where(own, scores + (scores.max() - scores.min()) + 1.0, scores)
    comparable = ~own & np.isfinite(reference)
    return {
        "pairs": float(len(scores)),
        "own_pairs": float(own.sum()),
        "own_mean_share": float(shares[own].mean()),
        "tau_b": crowd_tau_b(scores, shares),
        "tau_b_non_own": crowd_tau_b(scores[~own], shares[~own]),
        "tau_b_own_first": crowd_tau_b(own_first, shares),
        "reference_pairs": float(comparable.sum()),
        "tau_b_non_own_same_pairs": crowd_tau_b(scores[comparable], shares[comparable]),
        "reference_tau_b_non_own": crowd_tau_b(reference[comparable], shares[comparable]),
        "reference_tau_b": crowd_tau_b(reference[np.isfinite(reference)], shares[np.isfinite(reference)]),
    }


def out_of_fold_breakdown(corpus, n_folds: int, seed: int, n_seeds: int = 1) -> tuple[int, dict[str, float]]:
    """The nightly's dual encoder, cross-validated exactly as the nightly does it (same seeds and folds,
    epochs chosen by the seeds' mean caption-disjoint MRR), broken down over the crowd pairs and averaged
    over the seeds: (its epochs, ``cf_breakdown``). Training split only."""
    seeds = seeds_of(seed, n_seeds)
    epochs, runs = choose_dual_epochs(corpus, n_folds, seeds)
    crowd = corpus.crowd
    own = own_caption_mask(crowd, corpus.positives)
    reference = reference_caption_scores(crowd, corpus.positives, corpus.text_features)
    per_seed = [cf_breakdown(runs[s][1].crowd, crowd["crowd_share"].to_numpy(), own, reference) for s in seeds]
    return epochs, {name: float(np.mean([figures[name] for figures in per_seed])) for name in per_seed[0]}
