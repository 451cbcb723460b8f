"""The ingest stage's edges: read the delivery's files, and load them into the warehouse in one transaction
(raw tables, checks and quarantine, staging, marts) with the summary of what was loaded."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from storage import warehouse
from storage.catalog import Catalog
from storage.delivery import IMAGE_DIRS, DeliveryChangedError, delivery_file, image_dir, relative_image_path
from tasks.ingest.inventory import DecodeVerdicts, describe_image_bytes, image_file_rows
from tasks.ingest.parse import ParsedFile, parse_source_bytes
from tasks.ingest.sources import SOURCE_FILES, SourceFile
from tasks.ingest.summary import IngestSummary, QuarantineGroup

PARSE_CHECK_NAME = "parse"
CHECKS_FOLDER = "checks"


@dataclass(frozen=True)
class LoadedFile:
    file_name: str
    table: str
    n_rows_loaded: int
    n_rows_rejected: int


# --- reading the delivery --------------------------------------------------------------------------------

def read_source_file(data_dir: Path, source: SourceFile) -> ParsedFile:
    path = delivery_file(data_dir, source.file_name)
    return parse_source_bytes(path.read_bytes(), source, str(path))


def inventory_images(data_dir: Path, workers: int, known: DecodeVerdicts | None = None) -> pa.Table:
    """One row per file of train_images/ and test_images/ (hidden files are not deliveries)."""
    entries = [
        (split, path)
        for split in IMAGE_DIRS
        for path in sorted(image_dir(data_dir, split).iterdir())
        if path.is_file() and not path.name.startswith(".")
    ]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        described = list(pool.map(lambda entry: describe_image_bytes(entry[1].read_bytes(), known), entries))
    return image_file_rows([
        {"split": split, "image": path.name, "path": relative_image_path(split, path.name), **info}
        for (split, path), info in zip(entries, described)
    ])


def verify_delivery_unchanged(data_dir: Path, parsed_files: list[ParsedFile], image_files: pa.Table) -> int:
    """Hash every file of the delivery again and compare with what was loaded; :class:`DeliveryChangedError`
    naming the first file that changed (or vanished) since it was read. Returns the number of files checked.

    Called inside the load's transaction, before it commits: a delivery replaced while the run read it is
    never loaded half old, half new."""
    import hashlib

    recorded = {parsed.path: parsed.sha256 for parsed in parsed_files}
    recorded.update({str(data_dir / row["path"]): row["sha256"]
                     for row in image_files.select(["path", "sha256"]).to_pylist()})
    for path, sha256 in recorded.items():
        try:
            now = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except FileNotFoundError:
            now = None
        if now != sha256:
            raise DeliveryChangedError(path, sha256, now)
    return len(recorded)


def previous_decode_verdicts(catalog: Catalog) -> DecodeVerdicts:
    """Decode verdicts of the last successful load, by content hash (empty on a first run)."""
    if not catalog.warehouse.exists():
        return {}
    with warehouse.reading(catalog.warehouse) as con:
        if not warehouse.table_exists(con, "image_files"):
            return {}
        rows = warehouse.query_arrow(con, "report/image_decode_verdicts").to_pylist()
    return {row.pop("sha256"): row for row in rows}


# --- loading the warehouse, one transaction --------------------------------------------------------------

@contextmanager
def load_transaction(catalog: Catalog) -> Iterator[duckdb.DuckDBPyConnection]:
    """A delivery replaces the previous one whole, or (on any failure) not at all."""
    with warehouse.transaction(catalog.warehouse) as con:
        yield con


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
            {"file_name": p.source.file_name, "source_path": p.path, "sha256": p.sha256, "n_bytes": p.n_bytes,
             "n_rows_loaded": p.rows.num_rows, "n_rows_rejected": len(p.rejected), "loaded_at": loaded_at}
            for p in parsed_files
        ],
        schema=pa.schema([("file_name", pa.string()), ("source_path", pa.string()), ("sha256", pa.string()),
                          ("n_bytes", pa.int64()), ("n_rows_loaded", pa.int64()), ("n_rows_rejected", pa.int64()),
                          ("loaded_at", pa.timestamp("us", "UTC"))]),
    )


def check_names() -> list[str]:
    return [name.split("/", 1)[1] for name in warehouse.sql_names(CHECKS_FOLDER)]


def run_check(con: duckdb.DuckDBPyConnection, check_name: str, params: dict) -> pa.Table:
    """The offending rows of one check (``sql/checks/<name>.sql``): source_file, source_line, reason, record."""
    return warehouse.query_arrow(con, f"{CHECKS_FOLDER}/{check_name}", params)


def run_checks(con: duckdb.DuckDBPyConnection, params: dict, checked_at: datetime) -> dict[str, int]:
    """Run every check against the raw tables; quarantine what they find. Returns offenders per check.

    All checks read the raw tables as loaded, so their order does not matter; a line caught by two
    checks is quarantined under both names, with both reasons.
    """
    found: dict[str, int] = {}
    for check_name in check_names():
        offenders = run_check(con, check_name, params)
        n = offenders.num_rows
        offenders = offenders.append_column("check_name", pa.array([check_name] * n, pa.string()))
        offenders = offenders.append_column("quarantined_at", pa.array([checked_at] * n, pa.timestamp("us", "UTC")))
        warehouse.append_rows(con, "quarantine", offenders)
        found[check_name] = n
    return found


def build_staging(con: duckdb.DuckDBPyConnection) -> None:
    for name in warehouse.sql_names("staging"):
        warehouse.run_sql(con, name)


def build_marts(con: duckdb.DuckDBPyConnection, params: dict) -> dict[str, int]:
    """Build every mart of ``sql/marts/``; returns the row count of each."""
    counts = {}
    for name in warehouse.sql_names("marts"):
        warehouse.run_sql(con, name, params)
        table = name.split("/", 1)[1]
        counts[table] = warehouse.count_rows(con, table)
    return counts


def summarize_ingest(
    con: duckdb.DuckDBPyConnection, loaded: list[LoadedFile], found: dict[str, int], marts: dict[str, int]
) -> IngestSummary:
    groups = [QuarantineGroup(check_name=c, source_file=f, n_rows=n, example_reason=r)
              for c, f, n, r in warehouse.run_sql(con, "report/quarantine_by_check").fetchall()]
    n_parse_rejects = sum(item.n_rows_rejected for item in loaded)
    target_range = warehouse.query_row(con, "report/target_range")
    image_counts = warehouse.query_row(con, "report/image_file_counts")
    return IngestSummary(
        loaded_rows={item.file_name: item.n_rows_loaded for item in loaded},
        staged_rows={s.file_name: warehouse.count_rows(con, s.staging_table) for s in SOURCE_FILES},
        quarantined_by_check={"parse": n_parse_rejects, **found},
        quarantine_groups=groups,
        n_quarantined=warehouse.count_rows(con, "quarantine"),
        n_image_files=image_counts["n_image_files"],
        n_images_undecodable=image_counts["n_undecodable"],
        mart_rows=marts,
        n_targets=target_range["n_targets"],
        min_target=target_range["min_target"],
        max_target=target_range["max_target"],
        n_targets_out_of_range=target_range["n_out_of_range"],
    )
