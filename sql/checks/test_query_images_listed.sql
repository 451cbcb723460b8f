-- Check: every test query's image is one of the images listed in test_images.csv.
SELECT q.source_file, q.source_line,
       'test query image ' || q.image || ' is not listed in test_images.csv' AS reason,
       to_json(q)::VARCHAR AS record
FROM raw_test_queries AS q
WHERE q.image IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM raw_test_images AS i WHERE i.image = q.image)
ORDER BY q.source_line
