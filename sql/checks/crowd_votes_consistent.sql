-- Check: crowd vote counts are non-negative, at least one vote was cast, and the published share equals
-- n_yes / (n_yes + n_no) within $share_tolerance (the file rounds shares to 15 digits).
SELECT source_file, source_line,
       CASE
           WHEN n_yes IS NULL OR n_no IS NULL OR crowd_share IS NULL THEN 'share or vote count missing'
           WHEN n_yes < 0 OR n_no < 0 THEN 'negative vote count: yes=' || n_yes || ', no=' || n_no
           WHEN n_yes + n_no = 0 THEN 'no votes cast'
           ELSE 'share ' || crowd_share || ' differs from yes/(yes+no) = '
                || round(n_yes / (n_yes + n_no), 6)
       END AS reason,
       to_json(t)::VARCHAR AS record
FROM raw_crowd_annotations AS t
WHERE n_yes IS NULL OR n_no IS NULL OR crowd_share IS NULL
   OR n_yes < 0 OR n_no < 0
   OR n_yes + n_no = 0
   OR abs(crowd_share - n_yes / (n_yes + n_no)) > $share_tolerance
ORDER BY source_line
