"""The legal stage's one log line."""

from tasks.legal.summary import LegalSummary


def test_the_log_line_gives_the_design_half_and_keeps_the_validation_half_to_legal_eval():
    metrics = {"heldout_image_recall": 0.95, "heldout_image_over_block_rate": 0.3, "written_design_recall": 0.986,
               "written_design_false_block_rate": 0.01, "written_validation_recall": 0.912,
               "written_validation_false_block_rate": 0.262}
    line = LegalSummary(query_threshold=0.5, image_threshold=0.2, n_images_blocked=13, n_images=50,
                        metrics=metrics).describe()
    assert "13 of 50 images blocked" in line and "design half) recall 98.6%, false blocks 1.0%" in line
    assert "91.2%" not in line and "26.2%" not in line and "withsense legal-eval" in line
