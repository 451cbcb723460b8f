import duckdb

from tasks.ingest.edges import create_raw_tables
from tasks.ingest.sources import SOURCE_FILES

_DUCKDB_TYPES = {str: "VARCHAR", int: "INTEGER", float: "DOUBLE"}


def test_parser_columns_match_the_raw_table_ddl():
    con = duckdb.connect()
    create_raw_tables(con)
    for source in SOURCE_FILES:
        described = [(name, kind) for name, kind, *_ in con.execute(f"DESCRIBE {source.table}").fetchall()]
        expected = [("source_file", "VARCHAR"), ("source_line", "BIGINT")] + [
            (column.name, _DUCKDB_TYPES[column.kind]) for column in source.columns
        ]
        assert described == expected, source.file_name
