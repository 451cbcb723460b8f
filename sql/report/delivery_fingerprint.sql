-- The content of the loaded delivery, as one string: its files' hashes (the data report depends on these).
SELECT string_agg(file_name || ':' || sha256, ',' ORDER BY file_name) AS fingerprint
FROM deliveries
