from pathlib import Path

import pytest

from storage.delivery import DeliveryStructureError
from tasks.ingest.edges import inventory_images
from tasks.ingest.inventory import describe_image_bytes


def describe_image_file(path: Path) -> dict:
    return describe_image_bytes(path.read_bytes())


def test_a_real_jpeg_decodes_with_its_size_and_hash(real_jpeg: Path):
    described = describe_image_file(real_jpeg)
    assert described["decodes"] and described["decode_error"] is None
    assert described["width"] > 100 and described["height"] > 100
    assert described["n_bytes"] == real_jpeg.stat().st_size and len(described["sha256"]) == 64


def test_a_truncated_jpeg_does_not_decode_and_says_why(real_jpeg: Path, tmp_path: Path):
    truncated = tmp_path / "cut.jpg"
    truncated.write_bytes(real_jpeg.read_bytes()[:5000])
    described = describe_image_file(truncated)
    assert not described["decodes"]
    assert "truncated" in described["decode_error"]


def test_a_file_that_is_not_an_image_does_not_decode(tmp_path: Path):
    text = tmp_path / "notes.jpg"
    text.write_text("not a picture")
    described = describe_image_file(text)
    assert not described["decodes"] and "cannot identify image" in described["decode_error"]


def test_inventory_lists_every_image_of_both_splits(sample_dir: Path):
    table = inventory_images(sample_dir, workers=2).to_pylist()
    assert {row["split"] for row in table} == {"train", "test"}
    assert len(table) == len(list((sample_dir / "train_images").iterdir())) + len(list((sample_dir / "test_images").iterdir()))
    assert all(row["decodes"] for row in table)
    assert table[0]["path"].startswith(("train_images/", "test_images/"))


def test_inventory_of_a_delivery_without_an_image_folder_is_a_structural_error(tmp_path: Path):
    with pytest.raises(DeliveryStructureError, match="train_images: image folder is missing"):
        inventory_images(tmp_path, workers=1)
