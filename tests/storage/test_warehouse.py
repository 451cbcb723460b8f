from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from storage import warehouse


def test_run_sql_binds_parameters_and_names_the_missing_ones():
    con = duckdb.connect()
    con.execute("CREATE TABLE targets AS SELECT 0.5 AS expert_score, 1.0 AS crowd_share, 1 AS crowd_yes, 0 AS crowd_no")
    warehouse.run_sql(con, "report/expert_crowd_overlap")  # no parameters needed
    with pytest.raises(KeyError, match="share_tolerance"):
        warehouse.run_sql(con, "checks/crowd_votes_consistent", {})


def test_sql_text_of_an_unknown_file_fails_clearly():
    with pytest.raises(FileNotFoundError, match="nope"):
        warehouse.sql_text("marts/nope")


def test_a_failed_transaction_leaves_the_previous_tables_intact(tmp_path: Path):
    path = tmp_path / "w.duckdb"
    with warehouse.transaction(path) as con:
        con.execute("CREATE TABLE targets AS SELECT 1 AS v")
    with pytest.raises(RuntimeError):
        with warehouse.transaction(path) as con:
            con.execute("CREATE OR REPLACE TABLE targets AS SELECT 2 AS v")
            con.execute("CREATE TABLE new_table AS SELECT 3 AS v")
            raise RuntimeError("the run failed half way")
    con = warehouse.connect(path, read_only=True)
    assert con.execute("SELECT v FROM targets").fetchall() == [(1,)]
    assert not warehouse.table_exists(con, "new_table")


def test_replace_rows_matches_columns_by_name_and_replaces_content():
    con = duckdb.connect()
    con.execute("CREATE TABLE t (a INTEGER, b VARCHAR)")
    warehouse.replace_rows(con, "t", pa.table({"b": ["x"], "a": [1]}))
    warehouse.replace_rows(con, "t", pa.table({"b": ["y", "z"], "a": [2, 3]}))
    assert con.execute("SELECT a, b FROM t ORDER BY a").fetchall() == [(2, "y"), (3, "z")]


def test_identifiers_that_are_not_plain_names_are_refused():
    con = duckdb.connect()
    with pytest.raises(ValueError, match="identifier"):
        warehouse.count_rows(con, 't"; DROP TABLE x; --')
