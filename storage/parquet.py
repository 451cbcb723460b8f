"""Parquet outputs for downstream teams, written atomically (temporary file, then rename)."""

from __future__ import annotations

import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq


def write_parquet_atomically(rows: pa.Table, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    pq.write_table(rows, temporary)
    os.replace(temporary, path)
    return path


def ranking_partition(parquet_dir: Path, run_date: str, run_id: str) -> Path:
    """HOME/parquet/rankings/run_date=YYYY-MM-DD/<run_id>.parquet (hive-style partition by run date)."""
    return parquet_dir / "rankings" / f"run_date={run_date}" / f"{run_id}.parquet"
