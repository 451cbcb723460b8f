"""The DuckDB warehouse: connections, transactions and the SQL files under ``sql/``."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pyarrow as pa

from storage.settings import SQL_DIR

_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def sql_text(name: str) -> str:
    """The text of ``sql/<name>.sql``; ``name`` is a path like ``marts/targets``."""
    path = SQL_DIR / f"{name}.sql"
    if not path.is_file():
        raise FileNotFoundError(f"no SQL file {path}")
    return path.read_text()


def sql_names(folder: str) -> list[str]:
    """The SQL files of one folder of ``sql/``, as names for :func:`sql_text`, in file-name order."""
    return [f"{folder}/{path.stem}" for path in sorted((SQL_DIR / folder).glob("*.sql"))]


def _bound(name: str, text: str, params: Mapping[str, object] | None) -> dict[str, object]:
    wanted = set(_PARAMETER.findall(text))
    missing = wanted - set(params or {})
    if missing:
        raise KeyError(f"sql/{name}.sql needs parameters {sorted(missing)}")
    return {key: value for key, value in (params or {}).items() if key in wanted}


def run_sql(
    con: duckdb.DuckDBPyConnection, name: str, params: Mapping[str, object] | None = None
) -> duckdb.DuckDBPyConnection:
    """Run one SQL file with its ``$name`` parameters bound from ``params`` (never formatted in)."""
    text = sql_text(name)
    bound = _bound(name, text, params)
    return con.execute(text, bound) if bound else con.execute(text)


def query_row(con: duckdb.DuckDBPyConnection, name: str, params: Mapping[str, object] | None = None) -> dict:
    """The single row a query file returns, as a dict (the result is read to its end, so the connection is
    free for the next statement)."""
    result = run_sql(con, name, params)
    columns = [d[0] for d in result.description]
    rows = result.fetchall()
    if len(rows) != 1:
        raise ValueError(f"sql/{name}.sql returned {len(rows)} rows, expected one")
    return dict(zip(columns, rows[0]))


def query_arrow(con: duckdb.DuckDBPyConnection, name: str, params: Mapping[str, object] | None = None) -> pa.Table:
    """The result of one query file as an Arrow table."""
    text = sql_text(name)
    return con.sql(text, params=_bound(name, text, params) or None).to_arrow_table()


def connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    path.parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(path), read_only=read_only)


@contextmanager
def reading(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection, closed on leaving the block (so the next writer can open the file)."""
    con = connect(path, read_only=True)
    try:
        yield con
    finally:
        con.close()


@contextmanager
def transaction(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """One connection whose work is committed together, or not at all.

    A failed run rolls back, so the tables of the previous successful run stay as they were.
    """
    con = connect(path)
    try:
        con.execute("BEGIN TRANSACTION")
        try:
            yield con
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
    finally:
        con.close()


def replace_rows(con: duckdb.DuckDBPyConnection, table: str, rows: pa.Table) -> None:
    """Replace the content of ``table`` (already created from its DDL) with ``rows``.

    Columns are matched by name, so the Arrow table may list them in any order.
    """
    con.execute(f"DELETE FROM {_identifier(table)}")
    append_rows(con, table, rows)


def append_rows(con: duckdb.DuckDBPyConnection, table: str, rows: pa.Table) -> None:
    if rows.num_rows == 0:
        return
    con.register("_incoming_rows", rows)
    try:
        columns = ", ".join(_identifier(name) for name in rows.column_names)
        con.execute(f"INSERT INTO {_identifier(table)} ({columns}) SELECT {columns} FROM _incoming_rows")
    finally:
        con.unregister("_incoming_rows")


def table_exists(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    [(found,)] = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = $table", {"table": table}
    ).fetchall()
    return bool(found)


def _identifier(name: str) -> str:
    # Table and column names come from our own code, never from data; still refuse anything odd.
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise ValueError(f"not a plain SQL identifier: {name!r}")
    return f'"{name}"'


def count_rows(con: duckdb.DuckDBPyConnection, table: str) -> int:
    [(count,)] = con.execute(f"SELECT count(*) FROM {_identifier(table)}").fetchall()
    return count


def read_table(con: duckdb.DuckDBPyConnection, table: str):
    """A whole table as a pandas DataFrame (for reports over the small marts)."""
    return con.execute(f"SELECT * FROM {_identifier(table)}").df()


def damage(path: Path) -> str | None:
    """Why the warehouse file cannot be read (not a DuckDB file, a corrupt block), or None when every
    table of it reads in full (or there is no file yet). A lock held by another process is not damage."""
    if not path.exists():
        return None
    try:
        with reading(path) as con:
            for (table,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall():
                con.execute(f"SELECT * FROM {_identifier(table)}").fetchall()
    except duckdb.Error as error:
        if "could not set lock" in str(error).lower():  # another process has the file open: busy, not damaged
            raise
        return f"{type(error).__name__}: {error}"
    return None


def set_aside(path: Path, stamp: str) -> Path:
    """Move a damaged warehouse file (and its write-ahead log) aside, kept for inspection."""
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    path.rename(target)
    wal = path.with_name(path.name + ".wal")
    if wal.exists():
        wal.rename(target.with_name(target.name + ".wal"))
    return target
