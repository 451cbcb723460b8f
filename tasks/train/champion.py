"""Champion / challenger: which trained model scores for everyone, decided on out-of-fold figures only."""

from __future__ import annotations

SELECTION_METRIC = "oof_MRR"  # out-of-fold retrieval: the product is search
GUARD_METRICS = ("oof_expert_tau_c", "oof_MRR")  # a challenger must not be worse on either


def pick_challenger(candidates: dict[str, dict[str, float]]) -> str:
    """The run's best model: highest out-of-fold MRR, then Expert τc."""
    return max(candidates, key=lambda name: (candidates[name][SELECTION_METRIC], candidates[name]["oof_expert_tau_c"]))


def decide(challenger: dict[str, float], champion: dict[str, float] | None, champion_pinned: bool,
           same_encoders: bool) -> tuple[bool, str]:
    """(promote?, why). The test split's figures are never consulted."""
    if champion is None:
        return True, "first model: no champion yet"
    if not same_encoders:
        # A pin keeps a model that can score; one trained on other encoders' features cannot, pinned or not.
        pinned = "pinned " if champion_pinned else ""
        return True, (f"the {pinned}champion was trained on features of other encoders: it cannot score the "
                      "current index, so it is skipped" + (" and unpinned" if champion_pinned else ""))
    if champion_pinned:
        return False, "champion is pinned"
    worse = [m for m in GUARD_METRICS if challenger[m] < champion[m]]
    if worse:
        return False, "worse than the champion on " + ", ".join(
            f"{m} ({challenger[m]:.2f} < {champion[m]:.2f})" for m in worse)
    return True, "not worse than the champion on " + ", ".join(
        f"{m} ({challenger[m]:.2f} ≥ {champion[m]:.2f})" for m in GUARD_METRICS)
