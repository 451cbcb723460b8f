"""The embedding bench on the sample's real JPEGs: figures are measured, medians of alternating rounds."""

import logging
from pathlib import Path

import pytest

from storage.settings import SAMPLE_DATA_DIR
from tasks.embed.bench import BASELINE, PIPELINE_ROUNDS, run_bench


def test_the_bench_measures_model_only_pipeline_and_incremental_run(tmp_path: Path, caplog):
    caplog.set_level(logging.INFO, logger="tasks.embed.bench")
    report = run_bench(SAMPLE_DATA_DIR, tmp_path, encoder_name="efficientnet-lite0", batch_size=8, limit=24,
                       skip=("1 thread", "compile", "int8", "channels_last"))
    lines = [record.getMessage() for record in caplog.records]
    names = [v.name for v in report.variants]
    assert names == [BASELINE, "onnxruntime fp32, 2 threads"] and report.encoder == "efficientnet-lite0"
    baseline, fast = report.variants
    assert fast.faithful and fast.min_cosine_to_fp32_eager >= 0.995
    assert baseline.rounds == 1 and fast.rounds == PIPELINE_ROUNDS
    assert sum("round" in line for line in lines) == 1 + PIPELINE_ROUNDS
    for v in report.variants:
        assert v.pipeline_to_model_ratio == pytest.approx(v.pipeline_images_per_second / v.model_images_per_second)
    assert report.chosen == max(report.variants, key=lambda v: v.pipeline_images_per_second).name
    assert report.incremental_run_seconds is not None and report.incremental_run_seconds < report.first_run_seconds
    assert "median of 3 alternating rounds" in report.markdown()


def test_the_bench_refuses_an_encoder_it_cannot_compare(tmp_path: Path):
    with pytest.raises(ValueError, match="EfficientNet-Lite execution variants"):
        run_bench(SAMPLE_DATA_DIR, tmp_path, encoder_name="clip", limit=4)


def test_the_static_int8_variant_is_calibrated_on_train_images_and_measured_against_fp32(tmp_path: Path):
    report = run_bench(SAMPLE_DATA_DIR, tmp_path, encoder_name="efficientnet-lite0", batch_size=8, limit=24,
                       skip=("1 thread", "compile", "dynamic", "channels_last", "onnxruntime fp32"))
    assert [v.name for v in report.variants] == [BASELINE, "onnxruntime static int8 (QDQ), 2 threads"]
    static = report.variants[1]
    assert "activations calibrated on 24 train images" in static.note  # the sample's first 24 are train images
    assert 0.0 < static.min_cosine_to_fp32_eager <= 1.0 and static.model_images_per_second > 0
    assert static.faithful == (static.min_cosine_to_fp32_eager >= 0.995)
