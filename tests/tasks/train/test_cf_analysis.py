"""The CF τb breakdown: own captions, other captions, and the reference-caption scorer."""

import numpy as np
import pandas as pd
import pytest

from tasks.train.cf_analysis import cf_breakdown, own_caption_mask, reference_caption_scores
from tasks.train.metrics import crowd_tau_b

# Three images; captions 0 and 1 were written for image 0, caption 2 for image 1; image 2 has none.
POSITIVES = pd.DataFrame({"image_idx": [0, 0, 1], "text_idx": [0, 1, 2]})
PAIRS = pd.DataFrame({"image_idx": [0, 0, 1, 1, 2], "text_idx": [1, 2, 2, 0, 0]})
TEXTS = np.array([[1.0, 0.0], [0.6, 0.8], [0.0, 2.0]])  # caption 2 is not unit: the cosine must normalise


def test_own_caption_pairs_are_those_whose_caption_was_written_for_the_image():
    assert own_caption_mask(PAIRS, POSITIVES).tolist() == [True, False, True, False, False]


def test_reference_scores_are_cosines_to_the_mean_caption_of_the_image():
    scores = reference_caption_scores(PAIRS, POSITIVES, TEXTS)
    mean_0 = np.array([1.6, 0.8]) / np.linalg.norm([1.6, 0.8])  # captions 0 and 1 of image 0
    assert scores[0] == pytest.approx(mean_0 @ [0.6, 0.8])
    assert scores[1] == pytest.approx(mean_0 @ [0.0, 1.0])
    assert scores[2] == pytest.approx(1.0) and scores[3] == pytest.approx(0.0)
    assert np.isnan(scores[4])  # image 2 has no caption to compare with


def test_breakdown_splits_own_and_other_captions_and_puts_own_captions_first():
    rng = np.random.default_rng(0)
    n = 400
    own = np.zeros(n, dtype=bool)
    own[:40] = True
    shares = np.where(own, rng.choice([0.67, 1.0], n), rng.choice([0.0, 0.0, 0.0, 0.33, 0.67], n))
    scores = shares + rng.normal(0, 0.4, n)  # a noisy scorer
    reference = shares + rng.normal(0, 0.2, n)  # a better one
    reference[-10:] = np.nan
    figures = cf_breakdown(scores, shares, own, reference)
    assert figures["pairs"] == n and figures["own_pairs"] == 40
    assert figures["tau_b"] == pytest.approx(crowd_tau_b(scores, shares))
    assert figures["tau_b_non_own"] == pytest.approx(crowd_tau_b(scores[~own], shares[~own]))
    assert figures["tau_b_own_first"] > figures["tau_b"]  # own captions carry the highest shares
    assert figures["reference_pairs"] == n - 40 - 10
    assert figures["reference_tau_b_non_own"] > figures["tau_b_non_own_same_pairs"]
    assert figures["reference_tau_b"] == pytest.approx(crowd_tau_b(reference[:-10], shares[:-10]))


@pytest.mark.parametrize("offset", [0.0, 5.0, -5.0])  # any score scale, not only cosines
def test_own_first_puts_own_captions_on_top_and_keeps_the_order_within_each_group(offset):
    scores = np.array([0.1, 0.9, 0.5, 0.2, 0.3]) + offset
    shares = np.array([1.0, 0.0, 0.33, 0.0, 0.67])
    own = np.array([True, False, False, False, True])
    figures = cf_breakdown(scores, shares, own, np.zeros(5))
    # own first: 0.3 > 0.1 on top; the others keep 0.9 > 0.5 > 0.2
    expected = crowd_tau_b(np.array([4.0, 0.9, 0.5, 0.2, 5.0]), shares)
    assert figures["tau_b_own_first"] == pytest.approx(expected)


@pytest.mark.parametrize("own", [np.zeros(4, dtype=bool), np.ones(4, dtype=bool)])
def test_breakdown_needs_both_groups(own):
    with pytest.raises(ValueError, match="both own-caption and other pairs"):
        cf_breakdown(np.arange(4.0), np.array([0, 1, 0, 1.0]), own, np.zeros(4))


def test_breakdown_refuses_arrays_of_different_lengths():
    with pytest.raises(ValueError, match="one value per pair"):
        cf_breakdown(np.arange(4.0), np.array([0, 1, 0.0]), np.array([True, False, False, False]), np.zeros(4))
