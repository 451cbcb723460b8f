"""The run summary's core: the operator's page from the stages' summaries, without a HOME."""

from tasks.report.run_summary import model_conclusions, render_run_summary

FIGURES = {
    "linear": {"oof_rmse": 0.283, "oof_R@1": 0.5, "test_R@1": 1.0, "oof_expert_tau_c": 17.9},
    "dual_encoder": {"oof_rmse": 0.179, "oof_expert_tau_c": 51.7, "oof_crowd_tau_b": 30.3, "test_R@1": 43.8,
                     "test_R@10": 89.4, "test_median_rank": 2.0},
}


def test_the_summary_shows_every_stage_the_models_the_decision_the_legal_line_and_the_outputs():
    page = render_run_summary(["loaded 5822 rows from train_dataset.csv"], FIGURES, "first model: no champion yet",
                              "legal filter: 715 of 1100 images blocked", {"gallery": "/h/reports/gallery/index.html"})
    assert "- loaded 5822 rows from train_dataset.csv" in page
    # Columns: the metrics any model has (no oof_MRR here), in a fixed order; a model without one shows —.
    assert "| model | oof_rmse | oof_expert_tau_c | oof_crowd_tau_b | oof_R@1 | test_R@1 | test_R@10 |" in page
    assert "| dual_encoder | 0.179 | 51.7 | 30.3 | — | 43.8 | 89.4 | 2 |" in page
    assert "| linear | 0.283 | 17.9 | — | 0.5 | 1 | — | — |" in page
    assert "Champion decision: first model: no champion yet" in page and "715 of 1100 images blocked" in page
    assert "| gallery | `/h/reports/gallery/index.html` |" in page
    assert "Expert τc 51.7 and CF τb 30.3" in page and "cannot rank" in page


def test_before_any_training_the_summary_says_so():
    assert model_conclusions({}) == ["No fit model has been trained yet: model figures appear here after the first "
                                     "training run."]
    assert "No fit model has been trained yet" in render_run_summary([], {}, "", "", {})
