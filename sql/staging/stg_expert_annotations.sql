-- stg_expert_annotations: the rows of raw_expert_annotations that passed every check (quarantined lines left out).
CREATE OR REPLACE TABLE stg_expert_annotations AS
SELECT r.source_file, r.source_line, r.image, r.query_id, r.expert_1, r.expert_2, r.expert_3
FROM raw_expert_annotations AS r
WHERE NOT EXISTS (
    SELECT 1 FROM quarantine AS q
    WHERE q.source_file = r.source_file AND q.source_line = r.source_line
)
ORDER BY r.source_line;
