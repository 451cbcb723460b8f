"""Data verification: run every check of ``sql/checks/`` and quarantine the rows each one returns."""

from __future__ import annotations

from datetime import datetime

import duckdb
import pyarrow as pa
from prefect import task
from prefect.cache_policies import NO_CACHE

from storage import warehouse

CHECKS_FOLDER = "checks"


def check_names() -> list[str]:
    return [name.split("/", 1)[1] for name in warehouse.sql_names(CHECKS_FOLDER)]


def run_check(con: duckdb.DuckDBPyConnection, check_name: str, params: dict) -> pa.Table:
    """The offending rows of one check: source_file, source_line, reason, record."""
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


@task(name="verify data", cache_policy=NO_CACHE)
def run_checks_task(con: duckdb.DuckDBPyConnection, params: dict, checked_at: datetime) -> dict[str, int]:
    return run_checks(con, params, checked_at)
