from tasks.train.champion import decide, noise, pick_challenger

GOOD = {"oof_clean_expert_tau_c": 50.0, "oof_clean_expert_tau_c_sd": 0.6, "oof_clean_MRR": 40.0,
        "oof_clean_MRR_sd": 0.8}


def figures(tau_c: float, mrr: float, sd: float = 0.6) -> dict[str, float]:
    return {"oof_clean_expert_tau_c": tau_c, "oof_clean_expert_tau_c_sd": sd, "oof_clean_MRR": mrr,
            "oof_clean_MRR_sd": sd}


def test_the_challenger_is_the_best_caption_disjoint_retrieval():
    assert pick_challenger({"linear": figures(18.0, 3.0),
                            "dual_encoder": figures(47.0, 43.0)}) == "dual_encoder"
    # The seen-caption figures do not choose.
    assert pick_challenger({"a": {**figures(40.0, 30.0), "oof_MRR": 99.0},
                            "b": {**figures(40.0, 31.0), "oof_MRR": 1.0}}) == "b"


def test_the_noise_of_a_difference_adds_both_seed_spreads():
    assert noise("oof_clean_MRR", figures(0, 0, sd=0.6), {"oof_clean_MRR_sd": 0.8}) == 1.0
    assert noise("oof_clean_MRR", {}, {}) == 0.0


def test_first_model_becomes_champion():
    assert decide(GOOD, None, False, True)[0]


def test_a_challenger_better_by_more_than_the_noise_replaces_the_champion():
    # MRR +2.0 against a noise of √(0.6² + 0.8²) = 1.0; τc within its noise.
    promote, why = decide(figures(50.3, 42.0), GOOD, False, True)
    assert promote and "better than the champion by more than the noise on oof_clean_MRR" in why
    assert "oof_clean_expert_tau_c" not in why


def test_a_challenger_within_the_noise_does_not():
    promote, why = decide(figures(50.5, 40.9), GOOD, False, True)
    assert not promote and why.startswith("within the noise")
    assert "noise ±1.00" in why and "noise ±0.85" in why


def test_a_challenger_worse_by_more_than_the_noise_on_either_guard_does_not():
    promote, why = decide(figures(48.0, 60.0), GOOD, False, True)
    assert not promote and "worse" in why and "oof_clean_expert_tau_c 48.00 < 50.00" in why
    assert not decide(figures(60.0, 38.0), GOOD, False, True)[0]


def test_without_seed_spreads_any_gain_wins_and_a_tie_keeps_the_champion():
    one_seed = {"oof_clean_expert_tau_c": 50.0, "oof_clean_MRR": 40.0}
    assert decide({"oof_clean_expert_tau_c": 50.0, "oof_clean_MRR": 40.1}, one_seed, False, True)[0]
    assert not decide(dict(one_seed), one_seed, False, True)[0]


def test_a_champion_measured_before_the_clean_protocol_is_replaced():
    promote, why = decide(GOOD, {"oof_expert_tau_c": 99.0, "oof_MRR": 99.0}, False, True)
    assert promote and "no caption-disjoint figures" in why


def test_a_pinned_champion_stays_and_an_incompatible_one_is_replaced():
    assert decide(figures(99.0, 99.0), GOOD, True, True) == (False, "champion is pinned")
    assert decide(figures(1.0, 1.0), GOOD, False, False)[0]


def test_a_pinned_champion_that_cannot_score_the_current_index_is_skipped_with_a_clear_reason():
    promote, why = decide(figures(1.0, 1.0), GOOD, True, False)
    assert promote and "pinned champion" in why and "cannot score the current index" in why and "unpinned" in why
