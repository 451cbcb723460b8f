"""Staging (checked rows only) and marts (training targets, captions), all in SQL."""

from __future__ import annotations

import duckdb
from prefect import task
from prefect.cache_policies import NO_CACHE

from storage import warehouse


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


@task(name="build staging tables", cache_policy=NO_CACHE)
def build_staging_task(con: duckdb.DuckDBPyConnection) -> None:
    build_staging(con)


@task(name="build targets and captions", cache_policy=NO_CACHE)
def build_marts_task(con: duckdb.DuckDBPyConnection, params: dict) -> dict[str, int]:
    return build_marts(con, params)
