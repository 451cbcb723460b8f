"""The reader → mapper → writer pipeline on real JPEGs with the real encoder."""

from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from models.encoders import load_image_encoder
from storage.vectors import images_schema
from tasks.embed.pipeline import BufferedWriter, EmbedStageError, embed_images, read_batches
from tasks.embed.plan import ImageJob


@pytest.fixture(scope="module")
def encoder():
    return load_image_encoder("efficientnet-lite0", backend="torch-channels-last")


@pytest.fixture
def jobs(sample_dir: Path) -> list[ImageJob]:
    paths = sorted((sample_dir / "train_images").glob("*.jpg"))[:9]
    return [ImageJob(image_id=p.name, split="train", path=str(p), sha256="unknown") for p in paths]


def test_the_reader_batches_in_order_and_records_real_hashes_and_sizes(jobs, encoder):
    batches = list(read_batches(jobs, encoder.prepare, batch_size=4, workers=2))
    assert [len(b.jobs) for b in batches] == [4, 4, 1]
    assert [j.image_id for b in batches for j in b.jobs] == [j.image_id for j in jobs]
    first = batches[0]
    assert first.pixels.shape == (4, 224, 224, 3) and first.pixels.dtype == np.uint8
    assert all(len(j.sha256) == 64 and j.width > 0 for j in first.jobs)


def test_an_unreadable_image_is_skipped_with_its_reason_and_the_batch_goes_on(jobs, encoder, tmp_path):
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(Path(jobs[0].path).read_bytes()[:3000])
    missing = ImageJob(image_id="missing.jpg", split="train", path=str(tmp_path / "missing.jpg"), sha256="x")
    with_bad = jobs[:3] + [ImageJob(image_id="broken.jpg", split="train", path=str(broken), sha256="x"), missing]
    written: list[pa.Table] = []
    stats = embed_images(with_bad, encoder, written.append, images_schema(encoder.dimension), batch_size=2,
                         progress=False)
    assert stats.n_embedded == 3 and stats.n_failed == 2
    reasons = {f.job.image_id: f.reason for f in stats.failures}
    assert "truncated" in reasons["broken.jpg"] and "No such file" in reasons["missing.jpg"]
    rows = pa.concat_tables(written)
    assert rows.column("image_id").to_pylist() == [j.image_id for j in jobs[:3]]
    assert rows.schema == images_schema(1280)


def test_stage_times_are_measured_apart(jobs, encoder):
    stats = embed_images(jobs, encoder, lambda rows: None, images_schema(encoder.dimension), batch_size=4,
                         progress=False)
    assert stats.n_embedded == len(jobs)
    assert stats.inference_seconds > 0 and stats.read_seconds > 0 and stats.wall_seconds >= stats.inference_seconds
    assert stats.images_per_second > 0


def test_the_writer_flushes_in_chunks_and_on_close():
    sizes = []
    writer = BufferedWriter(lambda table: sizes.append(table.num_rows), flush_rows=5)
    for _ in range(6):
        writer.add(pa.table({"x": [1, 2]}))
    writer.flush()
    assert sizes == [6, 6]


def test_a_reader_crash_reaches_the_consumer_instead_of_hanging(jobs):
    def prepare(image):
        raise KeyboardInterrupt  # not an ordinary decode error: must surface, not be swallowed

    with pytest.raises(KeyboardInterrupt):
        list(read_batches(jobs, prepare, batch_size=4, workers=1))


def test_a_bug_in_prepare_stops_the_stage_instead_of_quarantining_good_images(jobs):
    def prepare(image):
        raise ValueError("operands could not be broadcast")  # a code bug, not a bad file

    with pytest.raises(EmbedStageError, match=r"embed stage: preparing .*\.jpg .*operands could not be broadcast"):
        list(read_batches(jobs, prepare, batch_size=4, workers=2))
