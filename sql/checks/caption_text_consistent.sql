-- Check: a caption id names one text. A later line giving the same query id another text is quarantined
-- (the first text seen in the file is the one kept).
WITH ranked AS (
    SELECT source_file, source_line, query_id, query_text, to_json(t)::VARCHAR AS record,
           first_value(query_text) OVER (PARTITION BY source_file, query_id ORDER BY source_line) AS first_text
    FROM raw_train_pairs AS t
    WHERE query_id IS NOT NULL
)
SELECT source_file, source_line,
       'query id ' || query_id || ' already has another text: "' || first_text || '"' AS reason,
       record
FROM ranked
WHERE query_text IS DISTINCT FROM first_text
ORDER BY source_line
