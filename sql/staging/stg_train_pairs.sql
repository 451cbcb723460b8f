-- stg_train_pairs: the rows of raw_train_pairs that passed every check (quarantined lines left out).
CREATE OR REPLACE TABLE stg_train_pairs AS
SELECT r.source_file, r.source_line, r.image, r.query_id, r.query_text
FROM raw_train_pairs AS r
WHERE NOT EXISTS (
    SELECT 1 FROM quarantine AS q
    WHERE q.source_file = r.source_file AND q.source_line = r.source_line
)
ORDER BY r.source_line;
