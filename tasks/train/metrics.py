"""Evaluation metrics, as plain functions over arrays.

- regression: RMSE and MAE of scores against the 0..1 target;
- Flickr8K-Expert protocol (as in CLIPScore, Hessel et al. 2021): every expert rating is its own row,
  pairs whose caption belongs to the image itself are left out, Kendall τ-c between score and rating;
- Flickr8K-CF protocol: crowd share yes/(yes+no) against score, Kendall τ-b;
- retrieval: each query ranks a set of images holding exactly one relevant image (its own): R@K, median
  rank, MRR, nDCG@10.
"""

from __future__ import annotations

import numpy as np
from scipy.stats import kendalltau


def rmse(scores: np.ndarray, targets: np.ndarray) -> float:
    return float(np.sqrt(np.mean((np.asarray(scores) - np.asarray(targets)) ** 2)))


def mae(scores: np.ndarray, targets: np.ndarray) -> float:
    return float(np.mean(np.abs(np.asarray(scores) - np.asarray(targets))))


def expert_tau_c(scores: np.ndarray, expert_ratings: np.ndarray, is_own_caption: np.ndarray) -> float:
    """``expert_ratings``: (n, 3). Each rating becomes a row; own-caption pairs are left out. ×100."""
    keep = ~np.asarray(is_own_caption, dtype=bool)
    ratings = np.asarray(expert_ratings)[keep]
    repeated = np.repeat(np.asarray(scores)[keep], ratings.shape[1])
    return float(kendalltau(repeated, ratings.reshape(-1), variant="c").statistic * 100)


def crowd_tau_b(scores: np.ndarray, crowd_shares: np.ndarray) -> float:
    return float(kendalltau(np.asarray(scores), np.asarray(crowd_shares), variant="b").statistic * 100)


def ranks_of_relevant(score_matrix: np.ndarray, relevant_column: np.ndarray) -> np.ndarray:
    """1-based rank of each query's relevant image in its row of ``score_matrix`` (ties count against it)."""
    relevant_scores = score_matrix[np.arange(len(score_matrix)), relevant_column]
    return 1 + (score_matrix > relevant_scores[:, None]).sum(axis=1) + (
        (score_matrix == relevant_scores[:, None]).sum(axis=1) - 1)


def retrieval_metrics(score_matrix: np.ndarray, relevant_column: np.ndarray) -> dict[str, float]:
    """R@1/5/10 and MRR in percent, median rank, nDCG@10 in percent (one relevant image per query)."""
    ranks = ranks_of_relevant(np.asarray(score_matrix, dtype=np.float64), np.asarray(relevant_column))
    ndcg10 = np.where(ranks <= 10, 1.0 / np.log2(ranks + 1), 0.0)
    return {
        "R@1": float(np.mean(ranks <= 1) * 100),
        "R@5": float(np.mean(ranks <= 5) * 100),
        "R@10": float(np.mean(ranks <= 10) * 100),
        "median_rank": float(np.median(ranks)),
        "MRR": float(np.mean(1.0 / ranks) * 100),
        "nDCG@10": float(np.mean(ndcg10) * 100),
    }
