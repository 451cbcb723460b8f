-- The range of the training targets, and how many fall outside [0, 1] (must be none).
SELECT count(*) AS n_targets,
       min(target) AS min_target,
       max(target) AS max_target,
       count(*) FILTER (WHERE target IS NULL OR target < 0 OR target > 1) AS n_out_of_range
FROM targets
