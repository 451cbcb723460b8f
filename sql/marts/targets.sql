-- targets: one row per (image, query_id) pair judged by the experts — the training target of the fit models.
--
-- Aggregation:
--   expert_mean      = mean of the three expert grades (1..4)
--   expert_score     = (expert_mean - 1) / 3, rescaled to 0..1
--   expert_agreement = share of the experts that gave the most common grade (1 = unanimous, 2/3, 1/3)
--   expert_std       = population standard deviation of the three grades
--   crowd_share      = n_yes / (n_yes + n_no), where crowd votes exist for the pair (NULL otherwise)
--   target           = expert_score where no crowd votes exist, else the weighted blend
--                      ($expert_weight * expert_score + $crowd_weight * crowd_share) / ($expert_weight + $crowd_weight)
-- is_own_caption marks the pairs whose caption was written for this very image (query id prefix = image).
CREATE OR REPLACE TABLE targets AS
WITH expert AS (
    SELECT image, query_id, expert_1, expert_2, expert_3,
           (expert_1 + expert_2 + expert_3) / 3.0 AS expert_mean
    FROM stg_expert_annotations
),
expert_scored AS (
    SELECT *,
           (expert_mean - 1.0) / 3.0 AS expert_score,
           CASE
               WHEN expert_1 = expert_2 AND expert_2 = expert_3 THEN 1.0
               WHEN expert_1 = expert_2 OR expert_2 = expert_3 OR expert_1 = expert_3 THEN 2.0 / 3.0
               ELSE 1.0 / 3.0
           END AS expert_agreement,
           sqrt(((expert_1 - expert_mean) ^ 2 + (expert_2 - expert_mean) ^ 2 + (expert_3 - expert_mean) ^ 2) / 3.0)
               AS expert_std
    FROM expert
),
caption_texts AS (
    SELECT query_id, any_value(query_text) AS query_text
    FROM stg_train_pairs
    GROUP BY query_id
),
joined AS (
    SELECT e.*, c.n_yes AS crowd_yes, c.n_no AS crowd_no, c.crowd_share, t.query_text
    FROM expert_scored AS e
    LEFT JOIN stg_crowd_annotations AS c USING (image, query_id)
    LEFT JOIN caption_texts AS t USING (query_id)
)
SELECT
    image,
    query_id,
    query_text,
    split_part(query_id, '#', 1) = image AS is_own_caption,
    expert_1, expert_2, expert_3,
    expert_mean, expert_score, expert_agreement, expert_std,
    crowd_yes, crowd_no, crowd_share,
    CASE
        WHEN crowd_share IS NULL THEN expert_score
        ELSE ($expert_weight * expert_score + $crowd_weight * crowd_share) / ($expert_weight + $crowd_weight)
    END AS target
FROM joined
ORDER BY image, query_id;
