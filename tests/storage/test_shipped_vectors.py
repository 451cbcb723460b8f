"""The environment's store of the shipped texts' vectors: one database per encoder version, and a cache that
never fails a run (a read-only folder, a full disk or a damaged table is passed over with a warning)."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import numpy as np
import pytest

from storage import shipped_vectors
from tests.faults import ReadOnlyView, SmallDisk


def test_each_encoder_version_keeps_its_own_vectors(tmp_path: Path):
    store = tmp_path / "text-vectors"
    assert shipped_vectors.shipped_text_vectors(store, "mpnet@1") == ([], [])  # nothing kept yet
    assert shipped_vectors.keep_shipped_text_vectors(store, "mpnet@1", ["a boy's kite", "two dogs"],
                                                     np.eye(2, 4, dtype=np.float32)) == 2
    # Another encoder in the same environment does not replace them (HOME's legal_texts would: one row a text).
    assert shipped_vectors.keep_shipped_text_vectors(store, "clip/tiny v2", ["two dogs"],
                                                     np.full((1, 8), 0.5, np.float32)) == 1
    texts, matrix = shipped_vectors.shipped_text_vectors(store, "mpnet@1")
    assert dict(zip(texts, map(tuple, matrix))) == {"a boy's kite": (1, 0, 0, 0), "two dogs": (0, 1, 0, 0)}
    assert shipped_vectors.shipped_text_vectors(store, "clip/tiny v2") == (["two dogs"], [[0.5] * 8])
    assert sorted(p.name for p in store.iterdir() if p.is_dir()) == ["clip_tiny_v2", "mpnet@1"]
    # More texts later (a new batch of written queries): added beside the others, an old one updated in place.
    assert shipped_vectors.keep_shipped_text_vectors(store, "mpnet@1", ["two dogs", "a kitten"],
                                                     np.full((2, 4), 0.25, np.float32)) == 2
    texts, matrix = shipped_vectors.shipped_text_vectors(store, "mpnet@1")
    assert sorted(texts) == ["a boy's kite", "a kitten", "two dogs"]
    assert dict(zip(texts, map(tuple, matrix)))["two dogs"] == (0.25,) * 4
    assert shipped_vectors.keep_shipped_text_vectors(store, "mpnet@1", [], np.zeros((0, 4))) == 0


def test_a_read_only_environment_is_read_but_not_written(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    store = tmp_path / "text-vectors"
    shipped_vectors.keep_shipped_text_vectors(store, "mpnet@1", ["two dogs"], np.ones((1, 4), np.float32))
    view = ReadOnlyView(store, tmp_path / "read-only")
    try:
        assert shipped_vectors.shipped_text_vectors(view.target, "mpnet@1")[0] == ["two dogs"]
        with caplog.at_level(logging.WARNING, logger="storage.shipped_vectors"):
            assert shipped_vectors.keep_shipped_text_vectors(view.target, "mpnet@1", ["a kitten"],
                                                             np.ones((1, 4), np.float32)) == 0
        assert "could not be kept" in caplog.text and "Read-only file system" in caplog.text
    finally:
        view.close()
    assert shipped_vectors.shipped_text_vectors(store, "mpnet@1")[0] == ["two dogs"]  # nothing half-written


def test_a_full_disk_keeps_nothing_and_fails_nothing(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    disk = SmallDisk(tmp_path / "disk", megabytes=1)
    try:
        store = disk.folder / "text-vectors"
        shipped_vectors.keep_shipped_text_vectors(store, "mpnet@1", ["two dogs"], np.ones((1, 4), np.float32))
        disk.fill()
        many = [f"query {i}" for i in range(2000)]
        with caplog.at_level(logging.WARNING, logger="storage.shipped_vectors"):
            assert shipped_vectors.keep_shipped_text_vectors(store, "mpnet@1", many,
                                                             np.ones((len(many), 4), np.float32)) == 0
        assert "could not be kept" in caplog.text
        disk.free()
        assert shipped_vectors.shipped_text_vectors(store, "mpnet@1")[0] == ["two dogs"]  # the last whole version
    finally:
        disk.close()


def test_a_damaged_store_is_passed_over(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    store = tmp_path / "text-vectors"
    shipped_vectors.keep_shipped_text_vectors(store, "mpnet@1", ["two dogs"], np.ones((1, 4), np.float32))
    table = next(shipped_vectors.version_folder(store, "mpnet@1").glob("*.lance"))
    for data in (table / "data").iterdir():
        data.write_bytes(b"not a lance file")
    with caplog.at_level(logging.WARNING, logger="storage.shipped_vectors"):
        assert shipped_vectors.shipped_text_vectors(store, "mpnet@1") == ([], [])
    assert "could not be read" in caplog.text
    shutil.rmtree(shipped_vectors.version_folder(store, "mpnet@1"))  # an operator's mend: delete it, it refills
    assert shipped_vectors.keep_shipped_text_vectors(store, "mpnet@1", ["two dogs"], np.ones((1, 4), np.float32)) == 1
