"""Load a parsed delivery into the raw tables of the warehouse, with its provenance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb
import pyarrow as pa
from prefect import task
from prefect.cache_policies import NO_CACHE

from pathlib import Path

from storage import warehouse
from tasks.images import DecodeVerdicts, inventory_images
from tasks.parse import ParsedFile, parse_source_file
from tasks.sources import SourceFile

PARSE_CHECK_NAME = "parse"


@dataclass(frozen=True)
class LoadedFile:
    file_name: str
    table: str
    n_rows_loaded: int
    n_rows_rejected: int


def create_raw_tables(con: duckdb.DuckDBPyConnection) -> None:
    for name in warehouse.sql_names("raw"):
        warehouse.run_sql(con, name)


def store_delivery(
    con: duckdb.DuckDBPyConnection, parsed_files: list[ParsedFile], image_files: pa.Table, loaded_at: datetime
) -> list[LoadedFile]:
    """Replace the raw tables with this delivery. Lines the parser rejected go to quarantine."""
    create_raw_tables(con)
    loaded: list[LoadedFile] = []
    for parsed in parsed_files:
        warehouse.replace_rows(con, parsed.source.table, parsed.rows)
        warehouse.append_rows(con, "quarantine", _rejected_rows(parsed, loaded_at))
        loaded.append(
            LoadedFile(parsed.source.file_name, parsed.source.table, parsed.rows.num_rows, len(parsed.rejected))
        )
    warehouse.replace_rows(con, "image_files", image_files)
    warehouse.replace_rows(con, "deliveries", _delivery_rows(parsed_files, loaded_at))
    return loaded


def _rejected_rows(parsed: ParsedFile, loaded_at: datetime) -> pa.Table:
    return pa.Table.from_pylist(
        [
            {"check_name": PARSE_CHECK_NAME, "source_file": parsed.source.file_name, "source_line": r.line,
             "reason": r.reason, "record": r.text, "quarantined_at": loaded_at}
            for r in parsed.rejected
        ],
        schema=pa.schema([("check_name", pa.string()), ("source_file", pa.string()), ("source_line", pa.int64()),
                          ("reason", pa.string()), ("record", pa.string()), ("quarantined_at", pa.timestamp("us", "UTC"))]),
    )


def _delivery_rows(parsed_files: list[ParsedFile], loaded_at: datetime) -> pa.Table:
    return pa.Table.from_pylist(
        [
            {"file_name": p.source.file_name, "source_path": str(p.path), "sha256": p.sha256, "n_bytes": p.n_bytes,
             "n_rows_loaded": p.rows.num_rows, "n_rows_rejected": len(p.rejected), "loaded_at": loaded_at}
            for p in parsed_files
        ],
        schema=pa.schema([("file_name", pa.string()), ("source_path", pa.string()), ("sha256", pa.string()),
                          ("n_bytes", pa.int64()), ("n_rows_loaded", pa.int64()), ("n_rows_rejected", pa.int64()),
                          ("loaded_at", pa.timestamp("us", "UTC"))]),
    )


@task(name="parse delivery file", cache_policy=NO_CACHE, task_run_name="parse {source.file_name}")
def parse_source_file_task(data_dir: Path, source: SourceFile) -> ParsedFile:
    return parse_source_file(data_dir, source)


def previous_decode_verdicts(duckdb_path: Path) -> DecodeVerdicts:
    """Decode verdicts of the last successful load, by content hash (empty on a first run)."""
    if not duckdb_path.exists():
        return {}
    with warehouse.reading(duckdb_path) as con:
        if not warehouse.table_exists(con, "image_files"):
            return {}
        rows = warehouse.query_arrow(con, "report/image_decode_verdicts").to_pylist()
    return {row.pop("sha256"): row for row in rows}


@task(name="read previous decode verdicts", cache_policy=NO_CACHE)
def previous_decode_verdicts_task(duckdb_path: Path) -> DecodeVerdicts:
    return previous_decode_verdicts(duckdb_path)


@task(name="inventory images", cache_policy=NO_CACHE)
def inventory_images_task(data_dir: Path, workers: int, known: DecodeVerdicts) -> pa.Table:
    images = inventory_images(data_dir, workers, known)
    reused = sum(1 for sha in images.column("sha256").to_pylist() if sha in known)
    print(f"image inventory: {images.num_rows} files, {images.num_rows - reused} decoded, "
          f"{reused} unchanged since the last load")
    return images


@task(name="store delivery", cache_policy=NO_CACHE)
def store_delivery_task(
    con: duckdb.DuckDBPyConnection, parsed_files: list[ParsedFile], image_files: pa.Table, loaded_at: datetime
) -> list[LoadedFile]:
    return store_delivery(con, parsed_files, image_files, loaded_at)
