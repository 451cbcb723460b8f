-- Check: the key and text columns of every row are present and not blank.
WITH keyed AS (
    SELECT source_file, source_line, to_json(t)::VARCHAR AS record,
           [('image', image), ('query_id', query_id), ('query_text', query_text)] AS required
    FROM raw_train_pairs AS t
    UNION ALL
    SELECT source_file, source_line, to_json(t)::VARCHAR,
           [('image', image), ('query_id', query_id)]
    FROM raw_expert_annotations AS t
    UNION ALL
    SELECT source_file, source_line, to_json(t)::VARCHAR,
           [('image', image), ('query_id', query_id)]
    FROM raw_crowd_annotations AS t
    UNION ALL
    SELECT source_file, source_line, to_json(t)::VARCHAR,
           [('image', image), ('query_id', query_id), ('query_text', query_text)]
    FROM raw_test_queries AS t
    UNION ALL
    SELECT source_file, source_line, to_json(t)::VARCHAR, [('image', image)]
    FROM raw_test_images AS t
),
missing AS (
    SELECT source_file, source_line, record,
           list_transform(list_filter(required, lambda x: trim(coalesce(x[2], '')) = ''), lambda x: x[1]) AS empty_columns
    FROM keyed
)
SELECT source_file, source_line,
       'empty value in column(s): ' || array_to_string(empty_columns, ', ') AS reason,
       record
FROM missing
WHERE len(empty_columns) > 0
ORDER BY source_file, source_line
