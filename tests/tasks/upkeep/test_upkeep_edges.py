"""Damaged derived stores are found and set aside (never deleted), on copies of a real HOME."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

from storage import memo
from storage.catalog import Catalog
from tasks.upkeep.edges import set_aside_damaged_stores

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=timezone.utc)


@pytest.fixture
def home(sample_home: Path, tmp_path: Path) -> Path:
    """A writable copy of the sample HOME's warehouse, index and memos."""
    for name in ("withsense.duckdb", "lancedb", "state"):
        source = sample_home / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    return tmp_path


def damage_blocks(path: Path) -> None:
    """Overwrite the data blocks past the file's headers (as a bad disk or a torn copy would)."""
    content = bytearray(path.read_bytes())
    start = 3 * 4096  # DuckDB's file header and its two database headers stay readable
    content[start:] = b"\xde\xad" * ((len(content) - start) // 2)
    path.write_bytes(bytes(content))


def test_stores_that_read_in_full_are_left_alone(home: Path):
    summary = set_aside_damaged_stores(Catalog(home), NOW)
    assert summary.set_aside == {} and summary.describe() == "stores: warehouse and index read in full"
    assert (home / "withsense.duckdb").exists() and (home / "state" / "train.json").exists()


def test_a_warehouse_that_is_not_a_duckdb_file_is_set_aside_and_the_memos_forgotten(home: Path):
    (home / "withsense.duckdb").write_bytes(b"this is not a database" * 500)
    n_memos = len(list((home / "state").glob("*.json")))
    summary = set_aside_damaged_stores(Catalog(home), NOW)
    assert not (home / "withsense.duckdb").exists()
    assert (home / "withsense.duckdb.corrupt-20261201T020000Z").read_bytes().startswith(b"this is not")
    assert "not a valid DuckDB database file" in summary.set_aside[str(home / "withsense.duckdb")]
    assert summary.memos_forgotten == n_memos > 0 and not list((home / "state").glob("*.json"))


def test_a_warehouse_with_a_damaged_block_is_set_aside(home: Path):
    damage_blocks(home / "withsense.duckdb")
    summary = set_aside_damaged_stores(Catalog(home), NOW)
    assert str(home / "withsense.duckdb") in summary.set_aside
    assert (home / "withsense.duckdb.corrupt-20261201T020000Z").exists()


def test_an_index_table_with_a_truncated_data_file_is_set_aside_alone(home: Path):
    for data_file in (home / "lancedb" / "images.lance" / "data").glob("*.lance"):
        data_file.write_bytes(data_file.read_bytes()[:100])
    summary = set_aside_damaged_stores(Catalog(home), NOW)
    assert list(summary.set_aside) == ["LanceDB table images"]
    assert not (home / "lancedb" / "images.lance").exists()
    assert (home / "lancedb" / "images.lance.corrupt-20261201T020000Z").is_dir()
    assert (home / "lancedb" / "texts.lance").is_dir() and (home / "withsense.duckdb").exists()
    assert memo.forget_all(home / "nowhere") == 0
