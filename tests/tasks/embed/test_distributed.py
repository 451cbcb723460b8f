"""The embed stage's Dask chunk work, run in this process against a real LanceDB folder and real JPEGs:
a chunk written by a "worker" holds exactly what the local pipeline writes, its failures come back to the
driver, and a worker refuses work it cannot do faithfully."""

import hashlib
from pathlib import Path

import numpy as np
import pytest

from storage import vectors
from storage.settings import load_settings
from tasks.embed import distributed
from tasks.embed.edges import finish_image_index, index_images, open_images_table, plan_image_index
from tasks.embed.plan import ImageJob


def jobs_for(folder: Path) -> list[ImageJob]:
    return [ImageJob(image_id=p.name, split="test", path=str(p), sha256=hashlib.sha256(p.read_bytes()).hexdigest())
            for p in sorted(folder.glob("*.jpg"))]


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    # The torch backend: no ONNX export to wait for; the Dask path runs whichever backend the settings name.
    home = tmp_path_factory.mktemp("dask-home")
    return load_settings(home=home, image_encoder="efficientnet-lite0", image_backend="torch", embed_batch_size=4)


def test_chunks_cover_every_job_once_in_order():
    jobs = list(range(10))
    assert distributed.chunks(jobs, 4) == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    assert distributed.chunks([], 4) == []


def test_chunks_written_by_workers_equal_the_local_index_and_report_failures(settings, sample_copy, tmp_path):
    folder = sample_copy / "test_images"
    jobs = jobs_for(folder)
    (folder / jobs[3].image_id).write_bytes(b"not a jpeg any more")  # unreadable after planning
    encoder = distributed.worker_encoder(settings)
    assert distributed.worker_encoder(settings) is encoder  # loaded once per worker process, then kept

    local_db = vectors.connect(tmp_path / "local")
    local, local_failures = index_images(local_db, jobs, encoder.version, lambda: encoder, batch_size=4, workers=2,
                                         progress=False)

    db = vectors.connect(settings.catalog.vector_index)
    work = plan_image_index(db, jobs, encoder.version)
    open_images_table(db, encoder.dimension)
    parts = [distributed.embed_chunk_into_index(settings, chunk, encoder.version)
             for chunk in distributed.chunks(work.plan.to_embed, 3)]
    summary = finish_image_index(db, work, distributed.merged(parts, wall_seconds=1.0))

    assert summary.n_embedded == local.n_embedded == 9 and summary.n_failed == 1 and summary.n_rows == 9
    assert [f.job.image_id for p in parts for f in p.failures] == [f.job.image_id for f in local_failures]
    by_id = {r["image_id"]: r for r in vectors.read_columns(db.open_table("images"), ["image_id", "vector", "sha256"]).to_pylist()}
    expected = vectors.read_columns(local_db.open_table("images"), ["image_id", "vector", "sha256"]).to_pylist()
    for row in expected:
        assert by_id[row["image_id"]]["sha256"] == row["sha256"]
        np.testing.assert_allclose(by_id[row["image_id"]]["vector"], row["vector"], rtol=0, atol=1e-5)


def test_a_worker_with_other_weights_refuses_the_chunk(settings, sample_dir):
    jobs = jobs_for(sample_dir / "test_images")[:2]
    with pytest.raises(RuntimeError, match="every machine must have the same encoder weights"):
        distributed.embed_chunk_into_index(settings, jobs, "efficientnet-lite0@not-these-weights")


def test_a_worker_without_the_table_says_the_driver_creates_it(sample_dir, tmp_path):
    settings = load_settings(home=tmp_path, image_encoder="efficientnet-lite0", image_backend="torch")
    encoder = distributed.worker_encoder(settings)
    with pytest.raises(RuntimeError, match="the images table is missing"):
        distributed.embed_chunk_into_index(settings, jobs_for(sample_dir / "test_images")[:1], encoder.version)
