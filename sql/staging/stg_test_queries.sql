-- stg_test_queries: the rows of raw_test_queries that passed every check (quarantined lines left out).
CREATE OR REPLACE TABLE stg_test_queries AS
SELECT r.source_file, r.source_line, r.query_id, r.query_text, r.image
FROM raw_test_queries AS r
WHERE NOT EXISTS (
    SELECT 1 FROM quarantine AS q
    WHERE q.source_file = r.source_file AND q.source_line = r.source_line
)
ORDER BY r.source_line;
