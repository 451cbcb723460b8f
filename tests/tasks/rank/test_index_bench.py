"""The scale bench's index half at a small row count: synthetic rows are unit vectors around the real
ones, the table gets the nightly's ANN index, and recall is measured against an exact scan."""

from pathlib import Path

import numpy as np

from tasks.rank.index_bench import run_index_bench, synthetic_rows


def _unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def test_synthetic_rows_are_unit_vectors_near_the_real_ones_chunk_by_chunk():
    rng = np.random.default_rng(0)
    real = _unit(rng.standard_normal((20, 32)).astype(np.float32))
    chunks = list(synthetic_rows(real, 250, seed=1, chunk_rows=100))
    assert [start for start, _ in chunks] == [0, 100, 200] and sum(len(rows) for _, rows in chunks) == 250
    rows = np.concatenate([rows for _, rows in chunks])
    np.testing.assert_allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)
    nearest_real = (rows @ real.T).max(axis=1)
    assert np.median(nearest_real) > 0.8  # clustered around the real images, not uniform noise
    assert len(np.unique(rows.round(4), axis=0)) == 250  # and no two alike


def test_the_bench_builds_the_index_and_measures_recall_against_an_exact_scan(tmp_path: Path):
    rng = np.random.default_rng(0)
    real = _unit(rng.standard_normal((50, 64)).astype(np.float32))
    queries = _unit(real[:20] + 0.3 * rng.standard_normal((20, 64)).astype(np.float32))
    report = run_index_bench(tmp_path, real, queries, n_rows=3000, seed=0, exact_queries=5)
    assert report.n_rows == 3000 and report.dimension == 64 and report.n_queries == 20
    assert report.index.startswith("IVF_HNSW_SQ")
    assert report.recall_at_10 >= 0.9
    assert report.p50_ms > 0 and report.index_mb > 0 and report.table_mb > report.index_mb
    assert "recall@10 against the exact scan" in report.markdown()
