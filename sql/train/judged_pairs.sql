-- Judged train pairs with their target and the raw judgments the evaluation needs.
SELECT image, query_id, target, expert_1, expert_2, expert_3, is_own_caption, crowd_share
FROM targets
ORDER BY image, query_id
