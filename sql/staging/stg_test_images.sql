-- stg_test_images: the rows of raw_test_images that passed every check (quarantined lines left out).
CREATE OR REPLACE TABLE stg_test_images AS
SELECT r.source_file, r.source_line, r.image
FROM raw_test_images AS r
WHERE NOT EXISTS (
    SELECT 1 FROM quarantine AS q
    WHERE q.source_file = r.source_file AND q.source_line = r.source_line
)
ORDER BY r.source_line;
