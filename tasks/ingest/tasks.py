"""The ingest stage's Prefect tasks: thin wrappers over ``tasks.ingest.edges``."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from storage.catalog import Catalog
from storage.retry import TRANSIENT_IO_RETRIES
from tasks.ingest import edges
from tasks.ingest.inventory import DecodeVerdicts
from tasks.ingest.parse import ParsedFile
from tasks.ingest.sources import SourceFile
from tasks.ingest.summary import IngestSummary


@task(name="read previous decode verdicts", cache_policy=NO_CACHE, **TRANSIENT_IO_RETRIES)
def previous_decode_verdicts_task(catalog: Catalog) -> DecodeVerdicts:
    return edges.previous_decode_verdicts(catalog)


@task(name="inventory images", cache_policy=NO_CACHE, **TRANSIENT_IO_RETRIES)
def inventory_images_task(data_dir: Path, workers: int, known: DecodeVerdicts) -> pa.Table:
    images = edges.inventory_images(data_dir, workers, known)
    reused = sum(1 for sha in images.column("sha256").to_pylist() if sha in known)
    get_run_logger().info("image inventory: %d files, %d decoded, %d unchanged since the last load",
                          images.num_rows, images.num_rows - reused, reused)
    return images


@task(name="parse delivery file", cache_policy=NO_CACHE, **TRANSIENT_IO_RETRIES, task_run_name="parse {source.file_name}")
def parse_source_file_task(data_dir: Path, source: SourceFile) -> ParsedFile:
    return edges.read_source_file(data_dir, source)


@task(name="store delivery", cache_policy=NO_CACHE)
def store_delivery_task(con: duckdb.DuckDBPyConnection, parsed_files: list[ParsedFile], image_files: pa.Table,
                        loaded_at: datetime) -> list[edges.LoadedFile]:
    return edges.store_delivery(con, parsed_files, image_files, loaded_at)


@task(name="verify data", cache_policy=NO_CACHE)
def run_checks_task(con: duckdb.DuckDBPyConnection, params: dict, checked_at: datetime) -> dict[str, int]:
    return edges.run_checks(con, params, checked_at)


@task(name="build staging tables", cache_policy=NO_CACHE)
def build_staging_task(con: duckdb.DuckDBPyConnection) -> None:
    edges.build_staging(con)


@task(name="build targets and captions", cache_policy=NO_CACHE)
def build_marts_task(con: duckdb.DuckDBPyConnection, params: dict) -> dict[str, int]:
    return edges.build_marts(con, params)


@task(name="check the delivery did not change", cache_policy=NO_CACHE)
def verify_delivery_unchanged_task(data_dir: Path, parsed_files: list[ParsedFile], image_files: pa.Table) -> None:
    n_files = edges.verify_delivery_unchanged(data_dir, parsed_files, image_files)
    get_run_logger().info("delivery unchanged while it was read: %d files hashed again", n_files)


@task(name="summarize ingest", cache_policy=NO_CACHE)
def summarize_ingest_task(con: duckdb.DuckDBPyConnection, loaded: list[edges.LoadedFile], found: dict[str, int],
                          marts: dict[str, int]) -> IngestSummary:
    summary = edges.summarize_ingest(con, loaded, found, marts)
    logger = get_run_logger()
    for line in summary.lines():
        logger.info(line)
    return summary
