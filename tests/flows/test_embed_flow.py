"""The nightly run's embed stage end to end, under a real (temporary) Prefect server."""

from __future__ import annotations

import shutil
from pathlib import Path

import lancedb
import numpy as np
import pytest

from flows.nightly import nightly_flow

pytestmark = pytest.mark.usefixtures("prefect_server")


def table(home: Path, name: str):
    return lancedb.connect(str(home / "lancedb")).open_table(name).to_arrow()


def embedded_at(home: Path) -> dict[str, object]:
    images = table(home, "images")
    return dict(zip(images.column("image_id").to_pylist(), images.column("embedded_at").to_pylist()))


def test_the_sample_is_indexed_once_and_a_rerun_embeds_nothing(sample_dir: Path, tmp_path: Path):
    first = nightly_flow(data_dir=sample_dir, home=tmp_path)
    assert (first.embed.images.n_embedded, first.embed.texts.n_embedded) == (50, 194)
    images, texts = table(tmp_path, "images"), table(tmp_path, "texts")
    assert images.num_rows == 50 and texts.num_rows == 194
    image_vectors = np.array(images.column("vector").to_pylist())
    text_vectors = np.array(texts.column("vector").to_pylist())
    assert image_vectors.shape == (50, 1280) and text_vectors.shape == (194, 768)  # all-mpnet-base-v2, the default
    np.testing.assert_allclose(np.linalg.norm(image_vectors, axis=1), 1, atol=1e-5)
    np.testing.assert_allclose(np.linalg.norm(text_vectors, axis=1), 1, atol=1e-5)
    assert set(texts.column("split").to_pylist()) == {"train", "test"}
    assert all(len(labels) == 5 for labels in images.column("top_labels").to_pylist())

    before = embedded_at(tmp_path)
    second = nightly_flow(data_dir=sample_dir, home=tmp_path)
    assert (second.embed.images.n_embedded, second.embed.texts.n_embedded) == (0, 0)
    assert second.embed.images.n_unchanged == 50 and second.embed.texts.n_unchanged == 194
    assert embedded_at(tmp_path) == before
    assert table(tmp_path, "images").num_rows == 50 and table(tmp_path, "texts").num_rows == 194


def test_a_replaced_image_is_re_embedded_alone_and_a_deleted_one_removed(sample_copy: Path, tmp_path: Path):
    home = tmp_path / "home"
    nightly_flow(data_dir=sample_copy, home=home)
    before = embedded_at(home)
    train = sorted((sample_copy / "train_images").glob("*.jpg"))
    replaced, other_picture, deleted = train[0], train[1], train[2]
    shutil.copyfile(other_picture, replaced)  # another picture under the same name
    deleted.unlink()
    run = nightly_flow(data_dir=sample_copy, home=home)
    assert run.embed.images.n_embedded == 1 and run.embed.images.n_deleted == 1
    after = embedded_at(home)
    assert deleted.name not in after
    changed = {image for image in after if after[image] != before[image]}
    assert changed == {replaced.name}
    rows = {r["image_id"]: r for r in table(home, "images").to_pylist()}
    np.testing.assert_allclose(rows[replaced.name]["vector"], rows[other_picture.name]["vector"], atol=1e-5)


def test_a_downstream_user_can_search_the_index_by_text_vector(sample_dir: Path, tmp_path: Path):
    nightly_flow(data_dir=sample_dir, home=tmp_path)
    db = lancedb.connect(str(tmp_path / "lancedb"))
    texts = db.open_table("texts")
    caption = texts.search().where("split = 'train'").limit(1).to_list()[0]
    nearest = texts.search(caption["vector"]).metric("cosine").limit(3).to_list()
    assert nearest[0]["query_id"] == caption["query_id"] and nearest[0]["_distance"] < 1e-5
    images = db.open_table("images")
    image = images.search().limit(1).to_list()[0]
    hits = images.search(image["vector"]).metric("cosine").limit(5).select(["image_id", "top_labels"]).to_list()
    assert hits[0]["image_id"] == image["image_id"]
