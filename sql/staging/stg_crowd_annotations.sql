-- stg_crowd_annotations: the rows of raw_crowd_annotations that passed every check (quarantined lines left out).
CREATE OR REPLACE TABLE stg_crowd_annotations AS
SELECT r.source_file, r.source_line, r.image, r.query_id, r.crowd_share, r.n_yes, r.n_no
FROM raw_crowd_annotations AS r
WHERE NOT EXISTS (
    SELECT 1 FROM quarantine AS q
    WHERE q.source_file = r.source_file AND q.source_line = r.source_line
)
ORDER BY r.source_line;
