-- Check: a query id has the form `<image>#<n>`: the caption's own image file name, '#', a caption number.
WITH ids AS (
    SELECT source_file, source_line, query_id, to_json(t)::VARCHAR AS record FROM raw_train_pairs AS t
    UNION ALL
    SELECT source_file, source_line, query_id, to_json(t)::VARCHAR FROM raw_expert_annotations AS t
    UNION ALL
    SELECT source_file, source_line, query_id, to_json(t)::VARCHAR FROM raw_crowd_annotations AS t
    UNION ALL
    SELECT source_file, source_line, query_id, to_json(t)::VARCHAR FROM raw_test_queries AS t
)
SELECT source_file, source_line,
       'query id ' || query_id || ' is not of the form <image>#<n>' AS reason,
       record
FROM ids
WHERE query_id IS NOT NULL AND trim(query_id) <> ''
  AND NOT regexp_full_match(query_id, '[^#\s]+#[0-9]+')
ORDER BY source_file, source_line
