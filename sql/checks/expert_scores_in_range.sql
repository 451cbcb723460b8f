-- Check: each of the three expert scores is an integer grade from 1 to 4.
SELECT source_file, source_line,
       'expert scores must be 1..4, got ' || coalesce(expert_1::VARCHAR, 'NULL') || ', '
           || coalesce(expert_2::VARCHAR, 'NULL') || ', ' || coalesce(expert_3::VARCHAR, 'NULL') AS reason,
       to_json(t)::VARCHAR AS record
FROM raw_expert_annotations AS t
WHERE NOT (coalesce(expert_1 BETWEEN 1 AND 4, false)
       AND coalesce(expert_2 BETWEEN 1 AND 4, false)
       AND coalesce(expert_3 BETWEEN 1 AND 4, false))
ORDER BY source_line
