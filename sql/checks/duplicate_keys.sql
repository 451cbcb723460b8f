-- Check: no pair (image, query_id) is judged twice in one file, no test query id or test image is listed
-- twice. The first occurrence is kept; every later one is quarantined, naming the line it repeats.
WITH keyed AS (
    SELECT source_file, source_line, image || ' / ' || query_id AS key, to_json(t)::VARCHAR AS record
    FROM raw_train_pairs AS t
    UNION ALL
    SELECT source_file, source_line, image || ' / ' || query_id, to_json(t)::VARCHAR FROM raw_expert_annotations AS t
    UNION ALL
    SELECT source_file, source_line, image || ' / ' || query_id, to_json(t)::VARCHAR FROM raw_crowd_annotations AS t
    UNION ALL
    SELECT source_file, source_line, query_id, to_json(t)::VARCHAR FROM raw_test_queries AS t
    UNION ALL
    SELECT source_file, source_line, image, to_json(t)::VARCHAR FROM raw_test_images AS t
),
ranked AS (
    SELECT *,
           first_value(source_line) OVER (PARTITION BY source_file, key ORDER BY source_line) AS first_line,
           row_number() OVER (PARTITION BY source_file, key ORDER BY source_line) AS occurrence
    FROM keyed
    WHERE key IS NOT NULL
)
SELECT source_file, source_line,
       'duplicate of line ' || first_line || ' (' || key || ')' AS reason,
       record
FROM ranked
WHERE occurrence > 1
ORDER BY source_file, source_line
