"""The search table at a million rows: build a table of synthetic joint-space vectors drawn around the
real ones, give it the ANN index the nightly would give it (``storage.vectors.ann_index_plan``), and
measure build time, query latency, recall@10 against an exact scan, and disk size.

Synthetic rows: a point on the segment between a real image vector and one of its ten nearest real
neighbours (a uniform fraction of the way), plus Gaussian noise scaled by each dimension's spread over the
real images, renormalised. A photo collection is a continuum of related pictures, not isotropic balls
around 1,100 centres: a generator of pure noise balls (tried first) makes the ~900 rows of a ball nearly
equidistant from any query in 768 dimensions, so its "true" top-10 is a coin toss no index reproduces
(recall@10 0.79 at 1M). Queries are real captions projected by the champion's text side, never rows of
the table.
"""

from __future__ import annotations

import logging
import time
import warnings
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa

from storage import vectors

log = logging.getLogger(__name__)
NOISE_SCALE = 0.2  # noise std / real per-dimension std: no two rows alike, the structure kept
NEIGHBOURS = 10
CHUNK_ROWS = 100_000


@dataclass
class IndexBenchReport:
    n_rows: int
    dimension: int
    n_queries: int
    index: str
    write_seconds: float
    build_seconds: float
    p50_ms: float
    p99_ms: float
    exact_p50_ms: float
    recall_at_10: float
    table_mb: float
    index_mb: float

    def markdown(self) -> str:
        return ("| search table at scale | |\n|---|---|\n"
                f"| rows × dimension | {self.n_rows:,} × {self.dimension} (synthetic around the real images) |\n"
                f"| index | {self.index} |\n"
                f"| write the table | {self.write_seconds:.0f} s |\n"
                f"| build the index | {self.build_seconds:.0f} s |\n"
                f"| query p50 / p99 ({self.n_queries} real captions, k = 10) | {self.p50_ms:.1f} ms / {self.p99_ms:.1f} ms |\n"
                f"| exact scan p50 (no index) | {self.exact_p50_ms:.0f} ms |\n"
                f"| recall@10 against the exact scan | {self.recall_at_10:.3f} |\n"
                f"| disk: table / of which index | {self.table_mb:,.0f} MB / {self.index_mb:,.0f} MB |")


def synthetic_rows(real: np.ndarray, n_rows: int, seed: int, chunk_rows: int = CHUNK_ROWS):
    """Unit vectors around the real ones, ``chunk_rows`` at a time (memory stays at one chunk)."""
    rng = np.random.default_rng(seed)
    spread = real.std(axis=0, keepdims=True) * NOISE_SCALE
    neighbours = np.argsort(-(real @ real.T), axis=1)[:, 1 : NEIGHBOURS + 1]
    for start in range(0, n_rows, chunk_rows):
        n = min(chunk_rows, n_rows - start)
        origin = rng.integers(0, len(real), n)
        toward = neighbours[origin, rng.integers(0, neighbours.shape[1], n)]
        fraction = rng.random((n, 1), dtype=np.float32)
        rows = real[origin] + fraction * (real[toward] - real[origin])
        rows += rng.standard_normal((n, real.shape[1]), dtype=np.float32) * spread
        yield start, (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def _folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def run_index_bench(work_dir: Path, real: np.ndarray, queries: np.ndarray, n_rows: int, seed: int = 0,
                    k: int = 10, exact_queries: int = 20) -> IndexBenchReport:
    """``real``: the search table's unit vectors; ``queries``: unit query vectors in the same space."""
    dimension = real.shape[1]
    plan = vectors.ann_index_plan(n_rows, dimension, min_rows=1)
    db = vectors.connect(work_dir / "lancedb")
    schema = pa.schema([pa.field("image_id", pa.string(), nullable=False),
                        pa.field("vector", pa.list_(pa.float32(), dimension))])
    table = db.create_table("scale_search", schema=schema, mode="overwrite")
    matrix = np.empty((n_rows, dimension), dtype=np.float32)  # kept for the exact ground truth
    started = time.perf_counter()
    for start, rows in synthetic_rows(real, n_rows, seed):
        matrix[start : start + len(rows)] = rows
        table.add(pa.table({"image_id": [f"synthetic-{i}" for i in range(start, start + len(rows))],
                            "vector": vectors.vector_column(rows, dimension)}))
    with warnings.catch_warnings():  # "removes every version except the latest": this bench's own table
        warnings.simplefilter("ignore", UserWarning)
        table.optimize(cleanup_older_than=timedelta(0))  # one set of files: the size is the table's, not history
    write_seconds = time.perf_counter() - started
    log.info("wrote %d synthetic rows in %.0f s; building %s", n_rows, write_seconds, plan.describe())
    started = time.perf_counter()
    vectors.build_ann_index(table, plan)
    build_seconds = time.perf_counter() - started
    log.info("index built in %.0f s", build_seconds)

    vectors.nearest(table, queries[0], k, ["image_id"], plan)  # the first query loads the index
    latencies, found = [], []
    for query in queries:
        began = time.perf_counter()
        rows = vectors.nearest(table, query, k, ["image_id"], plan)
        latencies.append((time.perf_counter() - began) * 1000)
        found.append(rows.column("image_id").to_pylist())
    exact_ids = np.argsort(-(queries @ matrix.T), axis=1)[:, :k]
    recall = float(np.mean([len({f"synthetic-{i}" for i in truth} & set(ann)) / k
                            for truth, ann in zip(exact_ids, found)]))
    exact_latencies = []
    for query in queries[:exact_queries]:
        began = time.perf_counter()
        vectors.nearest(table, query, k, ["image_id"], exact=True)
        exact_latencies.append((time.perf_counter() - began) * 1000)
    folder = work_dir / "lancedb" / "scale_search.lance"
    return IndexBenchReport(n_rows, dimension, len(queries), plan.describe(), write_seconds, build_seconds,
                            float(np.percentile(latencies, 50)), float(np.percentile(latencies, 99)),
                            float(np.percentile(exact_latencies, 50)), recall, _folder_mb(folder),
                            _folder_mb(folder / "_indices") if (folder / "_indices").is_dir() else 0.0)
