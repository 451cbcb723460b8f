"""The legal filter's visual evidence: caption memory, the second level over the signals, face reading."""

import numpy as np

from models.faces import FaceAgeReader
from storage.settings import SAMPLE_DATA_DIR
from tasks.legal.evidence import caption_memory, choose_signals, fit_evidence
from tasks.legal.rules import recall_threshold
from tasks.legal.faces import read_faces


def test_caption_memory_counts_the_nearest_train_images_never_the_image_itself():
    features = np.array([[1, 0], [0.99, 0.1], [0, 1], [0.1, 0.99], [1, 0.05]], dtype=np.float32)
    children = np.array([True, True, False, False, False])
    is_train = np.array([True, True, True, True, False])  # the last one is held out: its label is never read
    memory = caption_memory(features, children, is_train, k=1)
    assert list(memory) == [1.0, 1.0, 0.0, 0.0, 1.0]


def test_the_face_signal_adds_what_the_whole_image_misses():
    rng = np.random.default_rng(0)
    labels = rng.random(600) < 0.3
    whole = np.clip(0.5 + (labels - 0.5) * 0.3 + rng.normal(0, 0.25, 600), 0.01, 0.99)
    face = np.where(rng.random(600) < 0.5, np.clip(labels * 0.8 + rng.normal(0.1, 0.1, 600), 0, 1), np.nan)
    memory = rng.random(600)
    chosen, chosen_oof, figures = choose_signals(whole, face, memory, labels, 0.97, 5, 0)
    signals = chosen.signals
    assert figures["signal_whole+faces_oof_auc"] > figures["signal_whole_oof_auc"] + 0.05
    assert figures["signal_whole+faces_oof_over_block_rate"] < figures["signal_whole_oof_over_block_rate"]
    assert "faces" in signals and figures[f"signal_chosen_{'+'.join(signals)}"] == 1.0
    model, oof = fit_evidence(whole, face, memory, labels, 5, 0)
    assert (oof[labels] >= recall_threshold(oof, labels, 0.97)).mean() >= 0.97
    assert model.probability(whole, face, memory).shape == (600,)


def test_reading_faces_keeps_going_past_a_file_that_does_not_decode(tmp_path):
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not a jpeg")
    good = SAMPLE_DATA_DIR / "train_images" / "2484190118_e89363c465.jpg"
    rows, failures = read_faces([("aa" * 32, good), ("bb" * 32, broken), ("cc" * 32, tmp_path / "gone.jpg")],
                                FaceAgeReader(threads=1))
    assert rows.column("sha256").to_pylist() == ["aa" * 32]
    assert rows.column("n_faces")[0].as_py() >= 1 and rows.column("max_child_probability")[0].as_py() > 0.9
    assert [path.name for path, _ in failures] == ["broken.jpg", "gone.jpg"]


def test_signals_that_do_not_help_out_of_fold_are_left_out():
    rng = np.random.default_rng(1)
    labels = rng.random(400) < 0.3
    whole = np.clip(0.5 + (labels - 0.5) * 0.6 + rng.normal(0, 0.15, 400), 0.01, 0.99)  # informative
    face = np.where(rng.random(400) < 0.5, rng.random(400), np.nan)  # noise
    memory = rng.random(400)  # noise
    chosen, _, figures = choose_signals(whole, face, memory, labels, 0.97, 5, 0)
    signals = chosen.signals
    chosen_over_block = figures[f"signal_{'+'.join(signals)}_oof_over_block_rate"]
    assert chosen_over_block == min(v for k, v in figures.items() if k.endswith("_oof_over_block_rate"))
