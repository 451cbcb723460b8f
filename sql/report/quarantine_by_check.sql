-- Quarantined rows per check and file (one row of the data report's quarantine summary each).
SELECT check_name, source_file, count(*) AS n_rows, min(reason) AS example_reason
FROM quarantine
GROUP BY check_name, source_file
ORDER BY check_name, source_file
