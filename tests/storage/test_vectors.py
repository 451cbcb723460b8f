"""The vector store's kept legal texts: written once per text, read back by encoder version, replaced in place."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from storage import vectors


def test_kept_legal_texts_are_read_back_by_encoder_version_and_upserted_by_text(tmp_path: Path):
    index = tmp_path / "lancedb"
    assert vectors.legal_text_vectors(index, "v1") == ([], [])  # no index yet
    first = np.eye(3, 4, dtype=np.float32)
    assert vectors.keep_legal_text_vectors(index, "v1", ["a boy's kite", "two dogs", "it's 'quoted'"], first) == 3
    texts, matrix = vectors.legal_text_vectors(index, "v1")
    assert dict(zip(texts, map(tuple, matrix))) == {"a boy's kite": (1, 0, 0, 0), "two dogs": (0, 1, 0, 0),
                                                    "it's 'quoted'": (0, 0, 1, 0)}
    # The same text encoded by another version replaces its row: one row per text, the old version no longer read.
    assert vectors.keep_legal_text_vectors(index, "v2", ["two dogs"], np.full((1, 4), 0.5, np.float32)) == 1
    assert vectors.legal_text_vectors(index, "v2") == (["two dogs"], [[0.5] * 4])
    assert sorted(vectors.legal_text_vectors(index, "v1")[0]) == ["a boy's kite", "it's 'quoted'"]
    table = vectors.connect(index).open_table(vectors.LEGAL_TEXTS_TABLE)
    assert table.count_rows() == 3
    assert vectors.keep_legal_text_vectors(index, "v1", [], np.zeros((0, 4))) == 0
