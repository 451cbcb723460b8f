"""Champion / challenger: which trained model scores for everyone, decided on caption-disjoint out-of-fold
figures only (``tasks.train.cross_validation``), each a mean over seeds with its standard deviation."""

from __future__ import annotations

import math

SELECTION_METRIC = "oof_clean_MRR"  # out-of-fold retrieval: the product is search
GUARD_METRICS = ("oof_clean_expert_tau_c", "oof_clean_MRR")


def pick_challenger(candidates: dict[str, dict[str, float]]) -> str:
    """The run's best model: highest caption-disjoint out-of-fold MRR, then Expert τc."""
    return max(candidates, key=lambda name: (candidates[name][SELECTION_METRIC], candidates[name][GUARD_METRICS[0]]))


def noise(metric: str, challenger: dict[str, float], champion: dict[str, float]) -> float:
    """The standard deviation of the difference of two seed means: √(sd₁² + sd₂²) (0 without seeds' sds)."""
    return math.hypot(challenger.get(f"{metric}_sd", 0.0), champion.get(f"{metric}_sd", 0.0))


def decide(challenger: dict[str, float], champion: dict[str, float] | None, champion_pinned: bool,
           same_encoders: bool) -> tuple[bool, str]:
    """(promote?, why). A challenger wins only by more than the seeds' noise on a guard figure and without
    losing by more than the noise on the other; within the noise the champion stays. The test split's
    figures are never consulted."""
    if champion is None:
        return True, "first model: no champion yet"
    if not same_encoders:
        # A pin keeps a model that can score; one trained on other encoders' features cannot, pinned or not.
        pinned = "pinned " if champion_pinned else ""
        return True, (f"the {pinned}champion was trained on features of other encoders: it cannot score the "
                      "current index, so it is skipped" + (" and unpinned" if champion_pinned else ""))
    if champion_pinned:
        return False, "champion is pinned"
    missing = [m for m in GUARD_METRICS if m not in champion]
    if missing:
        return True, ("the champion has no caption-disjoint figures (" + ", ".join(missing)
                      + "): it was measured under the older protocol, so the challenger replaces it")

    def compared(m: str, sign: str) -> str:
        return (f"{m} {challenger[m]:.2f} {sign} {champion[m]:.2f} "
                f"(noise ±{noise(m, challenger, champion):.2f})")

    worse = [m for m in GUARD_METRICS if challenger[m] - champion[m] < -noise(m, challenger, champion)]
    if worse:
        return False, "worse than the champion by more than the noise on " + ", ".join(compared(m, "<") for m in worse)
    better = [m for m in GUARD_METRICS if challenger[m] - champion[m] > noise(m, challenger, champion)]
    if not better:
        return False, "within the noise of the champion on " + ", ".join(compared(m, "vs") for m in GUARD_METRICS)
    return True, "better than the champion by more than the noise on " + ", ".join(compared(m, ">") for m in better)
