"""all-mpnet-base-v2 assembled from its five installed part packages (real parts, real model)."""

from pathlib import Path

import numpy as np
import pytest

from models.encoders import load_text_encoder, text_encoder_version
from models.encoders import mpnet_parts
from models.encoders.mpnet_parts import MissingModelPart, assemble_mpnet, part_files


@pytest.fixture(scope="module")
def assembled(tmp_path_factory) -> Path:
    return assemble_mpnet(tmp_path_factory.mktemp("encoders") / "all-mpnet-base-v2")


def test_the_parts_are_five_files_in_order():
    parts = part_files()
    assert [p.name for p in parts] == [f"all-mpnet-base-v2.zip.{i:03d}" for i in range(1, 6)]


def test_assembled_once_into_a_whole_folder_that_encodes_offline(assembled):
    assert (assembled / "modules.json").is_file() and (assembled / "model.safetensors").stat().st_size > 400e6
    assert not [p for p in assembled.parent.iterdir() if p.name.startswith(".")]  # no scratch left behind
    stamp = (assembled / "model.safetensors").stat().st_mtime_ns
    assert assemble_mpnet(assembled) == assembled and (assembled / "model.safetensors").stat().st_mtime_ns == stamp
    encoder = load_text_encoder("all-mpnet-base-v2", assembled=assembled)
    vectors = encoder.encode(["a dog runs on the beach", "a puppy running along the sand", "a stock market chart"])
    assert vectors.shape == (3, 768) and encoder.dimension == 768
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.3
    assert encoder.version == text_encoder_version("all-mpnet-base-v2", assembled=assembled)
    assert encoder.version.startswith("all-mpnet-base-v2@")


def test_a_missing_part_package_is_named_with_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setattr(mpnet_parts, "PART_PACKAGES", mpnet_parts.PART_PACKAGES[:4] + ("all-mpnet-base-v2-part-x",))
    with pytest.raises(MissingModelPart, match=r"missing: all-mpnet-base-v2-part-x\. Install them with `pip install"):
        assemble_mpnet(tmp_path / "all-mpnet-base-v2")
    assert not (tmp_path / "all-mpnet-base-v2").exists()


def test_parts_that_are_not_one_zip_leave_no_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(mpnet_parts, "part_files", lambda: part_files()[1:])  # the first part lost
    with pytest.raises(MissingModelPart, match="not a valid zip"):
        assemble_mpnet(tmp_path / "all-mpnet-base-v2")
    assert list(tmp_path.iterdir()) == []


def test_the_encoder_needs_a_place_to_be_assembled():
    with pytest.raises(ValueError, match="assembled"):
        load_text_encoder("all-mpnet-base-v2")


def test_a_folder_that_cannot_be_written_is_named_with_the_setting_that_moves_it(tmp_path):
    from tests.faults import ReadOnlyView

    (tmp_path / "source").mkdir()
    view = ReadOnlyView(tmp_path / "source", tmp_path / "read-only")
    try:
        with pytest.raises(OSError, match=r"cannot assemble all-mpnet-base-v2 under .*read-only.*WITHSENSE_ASSEMBLED_ENCODERS"):
            assemble_mpnet(tmp_path / "read-only" / "encoders" / "all-mpnet-base-v2")
    finally:
        view.close()
    assert list((tmp_path / "source").iterdir()) == []


def test_every_home_shares_one_assembly_in_the_environment(tmp_path):
    from storage.settings import load_settings

    first, second = load_settings(home=tmp_path / "a"), load_settings(home=tmp_path / "b")
    assert first.assembled_encoders == second.assembled_encoders
    assert not first.assembled_encoders.is_relative_to(tmp_path)


def test_exported_to_onnx_it_encodes_like_sentence_transformers_without_token_types(assembled, tmp_path):
    """What a search process runs: MPNet reads no token types, so its graph takes ids and mask only."""
    from models.encoders.onnx_text import OnnxSentenceEncoder, export_sentence_transformer

    original = load_text_encoder("all-mpnet-base-v2", assembled=assembled)
    exported = OnnxSentenceEncoder(export_sentence_transformer(assembled, tmp_path / "mpnet.onnx"), assembled,
                                   original.name, original.version)
    assert exported.inputs == ["input_ids", "attention_mask"]
    texts = ["a dog runs on the grass", "Two young children are playing in a fountain .", "x",
             "a man climbs a steep snowy mountain while another man watches " * 60]  # past 384 tokens
    a, b = original.encode(texts), exported.encode(texts)
    assert b.shape == a.shape == (4, 768) and (a * b).sum(axis=1).min() >= 0.9999
