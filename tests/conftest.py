"""Shared fixtures: the shipped sample, the full dataset (when present), a Prefect test server."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

# Prefect reads its settings at import: give the tests their own, offline, home before anything imports it.
_PREFECT_HOME = Path(tempfile.mkdtemp(prefix="withsense-test-prefect-"))
os.environ["PREFECT_HOME"] = str(_PREFECT_HOME)
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "180"
os.environ.pop("PREFECT_API_URL", None)
os.environ["HF_HUB_OFFLINE"] = "1"

import duckdb  # noqa: E402
import pytest  # noqa: E402

from storage import warehouse  # noqa: E402
from storage.settings import PROJECT_ROOT, SAMPLE_DATA_DIR  # noqa: E402

FULL_DATA_DIR = (PROJECT_ROOT.parent / "shared" / "data" / "practicum").resolve()


@pytest.fixture(scope="session")
def prefect_server():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


@pytest.fixture
def sample_dir() -> Path:
    return SAMPLE_DATA_DIR


@pytest.fixture
def full_data_dir() -> Path:
    if not (FULL_DATA_DIR / "train_dataset.csv").is_file():
        pytest.skip(f"full dataset not found at {FULL_DATA_DIR}")
    return FULL_DATA_DIR


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped sample, to plant faults in."""
    target = tmp_path / "delivery"
    shutil.copytree(SAMPLE_DATA_DIR, target)
    return target


@pytest.fixture
def real_jpeg() -> Path:
    return next(iter(sorted((SAMPLE_DATA_DIR / "train_images").glob("*.jpg"))))


@pytest.fixture
def raw_con() -> duckdb.DuckDBPyConnection:
    """An in-memory warehouse with the raw tables created (empty)."""
    from tasks.ingest import create_raw_tables

    con = duckdb.connect()
    create_raw_tables(con)
    yield con
    con.close()


def insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    """Insert rows given as dicts (missing source_file/source_line get defaults)."""
    import pyarrow as pa

    if table.startswith("raw_"):
        for number, row in enumerate(rows, start=1):
            row.setdefault("source_file", table)
            row.setdefault("source_line", number)
    warehouse.append_rows(con, table, pa.Table.from_pylist(rows))
