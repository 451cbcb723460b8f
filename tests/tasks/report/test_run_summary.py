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


def test_the_caption_disjoint_figures_lead_with_their_seed_spread():
    dual = dict(FIGURES["dual_encoder"], oof_clean_expert_tau_c=50.95, oof_clean_expert_tau_c_sd=0.85,
                oof_clean_crowd_tau_b=30.2, oof_clean_crowd_tau_b_sd=0.61, seeds=3.0)
    page = render_run_summary([], {"dual_encoder": dual}, "", "", {})
    assert "| model | oof_rmse | oof_clean_expert_tau_c | oof_clean_crowd_tau_b | oof_expert_tau_c |" in page
    assert ("never saw, Expert τc 51.0 ± 0.8 and CF τb 30.2 ± 0.6 (mean ± sd over 3 seeds) — the figures that "
            "compare with published ones") in page


def test_before_any_training_the_summary_says_so():
    assert model_conclusions({}) == ["No fit model has been trained yet: model figures appear here after the first "
                                     "training run."]
    assert "No fit model has been trained yet" in render_run_summary([], {}, "", "", {})


def _summaries(train_skipped: bool):
    from tasks.embed.plan import IndexSummary
    from tasks.ingest.summary import IngestSummary
    from tasks.legal.summary import LegalSummary
    from tasks.train.summary import TrainingSummary

    ingest = IngestSummary(loaded_rows={"train_dataset.csv": 244, "ExpertAnnotations.tsv": 246}, staged_rows={},
                           quarantined_by_check={"parse": 2}, quarantine_groups=[], n_quarantined=2, n_image_files=50,
                           n_images_undecodable=1, mart_rows={"captions": 194, "targets": 244}, n_targets=244,
                           min_target=0.0, max_target=1.0, n_targets_out_of_range=0)
    images = IndexSummary(table="images", encoder_version="e", n_embedded=10, n_relocated=1, n_deleted=2,
                          n_unchanged=38, n_failed=1, n_rows=49, seconds=1.0)
    texts = IndexSummary(table="texts", encoder_version="t", n_embedded=0, n_relocated=0, n_deleted=0,
                         n_unchanged=194, n_failed=0, n_rows=194, seconds=0.1, n_repaired=3)
    training = TrainingSummary(run_id="r", skipped=train_skipped, reason="why", champion="r-dual_encoder",
                               metrics={} if train_skipped else {"linear": {}, "mlp": {}, "dual_encoder": {}})
    legal = LegalSummary(query_threshold=0.3, image_threshold=0.25, n_images_blocked=13, n_images=50,
                         metrics={"heldout_image_recall": 1.0, "written_validation_n": 160.0}, skipped=True)
    return ingest, images, texts, training, legal


def test_the_row_counts_give_every_stage_the_same_columns():
    from tasks.report.run_summary import stage_row_counts

    rows = stage_row_counts(*_summaries(train_skipped=False), ranking_rows=401)
    assert [r["stage"] for r in rows] == ["ingest", "embed images", "embed texts", "train", "legal", "rank"]
    assert all(set(r) == {"stage", "read", "quarantined", "written", "unchanged", "note"} for r in rows)
    by_stage = {r["stage"]: r for r in rows}
    assert (by_stage["ingest"]["read"], by_stage["ingest"]["quarantined"], by_stage["ingest"]["written"]) == (490, 2, 438)
    assert (by_stage["embed images"]["written"], by_stage["embed images"]["unchanged"],
            by_stage["embed images"]["quarantined"], by_stage["embed images"]["read"]) == (10, 38, 1, 49)
    assert "repaired 3 duplicates" in by_stage["embed texts"]["note"]
    assert by_stage["train"]["written"] == 3 and by_stage["train"]["unchanged"] == 0
    assert by_stage["rank"]["written"] == 401


def test_a_kept_training_counts_as_unchanged():
    from tasks.report.run_summary import stage_row_counts

    train = {r["stage"]: r for r in stage_row_counts(*_summaries(train_skipped=True), ranking_rows=0)}["train"]
    assert (train["written"], train["unchanged"]) == (0, 1)
    assert "champion r-dual_encoder" in train["note"]


def test_model_rows_mark_the_champion_and_legal_rows_show_each_figure_once():
    from tasks.report.run_summary import legal_rows, model_metric_rows

    rows = model_metric_rows([
        {"kind": "linear", "model_version": "r-linear", "is_champion": False, "metrics": FIGURES["linear"]},
        {"kind": "dual_encoder", "model_version": "r-dual_encoder", "is_champion": True,
         "metrics": FIGURES["dual_encoder"]}])
    assert [(r["model"], r["champion"]) for r in rows] == [("r-linear", False), ("r-dual_encoder", True)]
    assert rows[1]["oof_crowd_tau_b"] == 30.3 and "oof_crowd_tau_b" not in rows[0]
    figures = {r["figure"]: r["value"] for r in legal_rows(_summaries(True)[4])}
    assert figures["images blocked"] == "13 of 50"
    assert figures["heldout image recall"] == "1" and figures["written validation n"] == "160"
    assert len(figures) == len(legal_rows(_summaries(True)[4]))
