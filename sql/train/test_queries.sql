-- The test queries and the image each was written for (used only to measure a fixed model).
SELECT query_id, query_text, image
FROM stg_test_queries
ORDER BY source_line
