-- Check: every file in the image folders decodes as an image.
-- Offending rows: one per file that does not (truncated, not an image, unreadable).
SELECT
    f.path                                             AS source_file,
    CAST(NULL AS BIGINT)                               AS source_line,
    'image file does not decode: ' || coalesce(f.decode_error, 'unknown error') AS reason,
    to_json(f)::VARCHAR                                AS record
FROM image_files AS f
WHERE NOT f.decodes
ORDER BY f.path
