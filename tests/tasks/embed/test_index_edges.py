"""Incremental indexing against a real LanceDB folder and the real encoders."""

from datetime import datetime, timezone
from pathlib import Path

import pytest
from PIL import Image

from models.encoders import image_encoder_version, load_image_encoder
from storage import vectors, warehouse
from storage.catalog import Catalog
from tasks.embed.edges import index_images, quarantine_failures
from tasks.embed.plan import ImageJob
from tasks.ingest.edges import create_raw_tables


@pytest.fixture(scope="module")
def encoder():
    return load_image_encoder("efficientnet-lite0", backend="torch-channels-last")


def jobs_for(folder: Path) -> list[ImageJob]:
    import hashlib

    return [ImageJob(image_id=p.name, split="train", path=str(p), sha256=hashlib.sha256(p.read_bytes()).hexdigest())
            for p in sorted(folder.glob("*.jpg"))]


def test_an_image_that_stops_decoding_loses_its_vector_and_is_reported(sample_copy: Path, tmp_path: Path, encoder):
    folder = sample_copy / "test_images"
    db = vectors.connect(tmp_path / "lancedb")
    loads = []

    def load():
        loads.append(1)
        return encoder

    version = image_encoder_version("efficientnet-lite0")
    summary, failures = index_images(db, jobs_for(folder), version, load, batch_size=4, workers=2, progress=False)
    assert summary.n_embedded == summary.n_rows == 10 and not failures

    victim = sorted(folder.glob("*.jpg"))[0]
    victim.write_bytes(victim.read_bytes()[:2000])
    summary, failures = index_images(db, jobs_for(folder), version, load, batch_size=4, workers=2, progress=False)
    assert [f.job.image_id for f in failures] == [victim.name] and summary.n_rows == 9

    catalog = Catalog(tmp_path / "home")
    with warehouse.transaction(catalog.warehouse) as con:
        create_raw_tables(con)
    quarantine_failures(catalog, failures, datetime.now(timezone.utc))
    with warehouse.reading(catalog.warehouse) as con:
        [(check, source, reason)] = con.execute("SELECT check_name, source_file, reason FROM quarantine").fetchall()
    assert check == "embed_image_read" and source.endswith(victim.name) and "truncated" in reason

    summary, _ = index_images(db, jobs_for(folder)[1:], version, load, batch_size=4, workers=2, progress=False)
    assert summary.n_embedded == 0 and len(loads) == 2  # nothing to embed: the encoder was not even loaded


def test_an_index_with_duplicate_keys_is_repaired_and_takes_upserts_again(sample_copy: Path, tmp_path: Path, encoder):
    folder = sample_copy / "test_images"
    db = vectors.connect(tmp_path / "lancedb")
    version = image_encoder_version("efficientnet-lite0")
    index_images(db, jobs_for(folder), version, lambda: encoder, batch_size=4, workers=2, progress=False)
    table = db.open_table("images")
    twice = table.to_arrow().slice(0, 3)
    table.add(twice)  # what two runs upserting the same new images at once leave behind
    ids = twice.column("image_id").to_pylist()
    with pytest.raises(ValueError, match="Ambiguous merge inserts"):  # rewriting those rows (legal flags, moves)
        vectors.upsert(table, vectors.IMAGE_KEY, vectors.read_rows(table, vectors.IMAGE_KEY, ids))

    victim = folder / twice.column("image_id")[0].as_py()
    victim.write_bytes(Image.open(victim).rotate(90, expand=True).tobytes("jpeg", "RGB"))  # a changed image
    summary, failures = index_images(db, jobs_for(folder), version, lambda: encoder, batch_size=4, workers=2,
                                     progress=False)
    assert not failures and summary.n_repaired == 3 and summary.n_embedded == 1
    assert "repaired 3 duplicate rows" in summary.describe()
    table = db.open_table("images")
    ids = table.to_arrow().column("image_id").to_pylist()
    assert len(ids) == len(set(ids)) == 10
    vectors.upsert(table, vectors.IMAGE_KEY, vectors.read_rows(table, vectors.IMAGE_KEY, ids))  # writes work again
