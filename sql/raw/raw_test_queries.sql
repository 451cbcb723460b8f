-- raw_test_queries: test_queries.csv as delivered ('|', header `|query_id|query_text|image`,
-- whose first, unnamed column is a row index written by the exporter).
CREATE OR REPLACE TABLE raw_test_queries (
    source_file VARCHAR NOT NULL,
    source_line BIGINT NOT NULL,
    row_index   INTEGER,
    query_id    VARCHAR,
    query_text  VARCHAR,
    image       VARCHAR
);
