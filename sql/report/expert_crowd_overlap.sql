-- Pairs judged by both experts and crowd: their two 0..1 scores side by side.
SELECT expert_score, crowd_share, crowd_yes + crowd_no AS n_votes
FROM targets
WHERE crowd_share IS NOT NULL
