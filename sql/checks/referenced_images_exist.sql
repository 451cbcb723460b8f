-- Check: every image an annotation row references exists in its split's folder and decodes.
-- Train files reference train_images/, test files test_images/.
WITH referenced AS (
    SELECT source_file, source_line, image, 'train' AS split, to_json(t)::VARCHAR AS record
    FROM raw_train_pairs AS t
    UNION ALL
    SELECT source_file, source_line, image, 'train', to_json(t)::VARCHAR FROM raw_expert_annotations AS t
    UNION ALL
    SELECT source_file, source_line, image, 'train', to_json(t)::VARCHAR FROM raw_crowd_annotations AS t
    UNION ALL
    SELECT source_file, source_line, image, 'test', to_json(t)::VARCHAR FROM raw_test_queries AS t
    UNION ALL
    SELECT source_file, source_line, image, 'test', to_json(t)::VARCHAR FROM raw_test_images AS t
)
SELECT
    r.source_file,
    r.source_line,
    CASE
        WHEN f.image IS NULL THEN 'image ' || r.image || ' is not in ' || r.split || '_images/'
        ELSE 'image ' || r.image || ' in ' || r.split || '_images/ does not decode: ' || coalesce(f.decode_error, '')
    END AS reason,
    r.record
FROM referenced AS r
LEFT JOIN image_files AS f ON f.split = r.split AND f.image = r.image
WHERE r.image IS NOT NULL AND (f.image IS NULL OR NOT f.decodes)
ORDER BY r.source_file, r.source_line
