from tasks.train.champion import decide, pick_challenger

GOOD = {"oof_expert_tau_c": 50.0, "oof_MRR": 40.0}


def test_the_challenger_is_the_best_out_of_fold_retrieval():
    assert pick_challenger({"linear": {"oof_MRR": 3.0, "oof_expert_tau_c": 18.0},
                            "dual_encoder": {"oof_MRR": 43.0, "oof_expert_tau_c": 47.0}}) == "dual_encoder"


def test_first_model_becomes_champion():
    assert decide(GOOD, None, False, True)[0]


def test_a_challenger_not_worse_on_both_guards_replaces_the_champion():
    promote, why = decide({"oof_expert_tau_c": 50.0, "oof_MRR": 41.0}, GOOD, False, True)
    assert promote and "not worse" in why


def test_a_challenger_worse_on_either_guard_does_not():
    promote, why = decide({"oof_expert_tau_c": 49.9, "oof_MRR": 60.0}, GOOD, False, True)
    assert not promote and "oof_expert_tau_c" in why
    assert not decide({"oof_expert_tau_c": 60.0, "oof_MRR": 39.0}, GOOD, False, True)[0]


def test_a_pinned_champion_stays_and_an_incompatible_one_is_replaced():
    assert decide({"oof_expert_tau_c": 99.0, "oof_MRR": 99.0}, GOOD, True, True) == (False, "champion is pinned")
    assert decide({"oof_expert_tau_c": 1.0, "oof_MRR": 1.0}, GOOD, False, False)[0]


def test_a_pinned_champion_that_cannot_score_the_current_index_is_skipped_with_a_clear_reason():
    promote, why = decide({"oof_expert_tau_c": 1.0, "oof_MRR": 1.0}, GOOD, True, False)
    assert promote and "pinned champion" in why and "cannot score the current index" in why and "unpinned" in why
