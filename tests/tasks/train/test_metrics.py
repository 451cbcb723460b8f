import numpy as np
import pytest

from tasks.train.metrics import crowd_tau_b, expert_tau_c, mae, ranks_of_relevant, retrieval_metrics, rmse


def test_regression_errors():
    assert rmse(np.array([0.0, 1.0]), np.array([0.0, 0.0])) == pytest.approx(np.sqrt(0.5))
    assert mae(np.array([0.0, 1.0]), np.array([0.5, 0.5])) == pytest.approx(0.5)


def test_expert_tau_c_repeats_each_rating_and_leaves_own_captions_out():
    scores = np.array([0.1, 0.5, 0.9, 0.0])
    ratings = np.array([[1, 1, 2], [2, 3, 2], [4, 4, 3], [4, 4, 4]])
    own = np.array([False, False, False, True])  # would break the perfect order if kept
    assert expert_tau_c(scores, ratings, own) > 80
    assert expert_tau_c(scores[:3][::-1], ratings[:3], own[:3]) < -80


def test_crowd_tau_b_is_a_rank_correlation_in_percent():
    assert crowd_tau_b(np.array([0.1, 0.2, 0.3]), np.array([0.0, 0.5, 1.0])) == pytest.approx(100)


def test_ranks_and_retrieval_metrics_on_a_small_hand_checked_case():
    scores = np.array([[0.9, 0.1, 0.2],   # relevant 0 -> rank 1
                       [0.9, 0.5, 0.2],   # relevant 1 -> rank 2
                       [0.9, 0.8, 0.2]])  # relevant 2 -> rank 3
    relevant = np.array([0, 1, 2])
    assert ranks_of_relevant(scores, relevant).tolist() == [1, 2, 3]
    m = retrieval_metrics(scores, relevant)
    assert m["R@1"] == pytest.approx(100 / 3) and m["R@5"] == 100 and m["median_rank"] == 2
    assert m["MRR"] == pytest.approx((1 + 1 / 2 + 1 / 3) / 3 * 100)
    assert m["nDCG@10"] == pytest.approx((1 + 1 / np.log2(3) + 1 / np.log2(4)) / 3 * 100)


def test_a_constant_scorer_gets_no_credit_for_ties():
    scores = np.zeros((4, 4))
    assert retrieval_metrics(scores, np.arange(4))["R@1"] == 0
