-- Captions the experts judged to fit an image well (mean grade ≥ $min_expert_mean) though they were
-- written for another image: further descriptions of it. The legal stage uses them only to label train
-- images more fully when it chooses how much adult-only descriptions may clear an image.
SELECT image, list(query_text ORDER BY query_id) AS fitting
FROM targets
WHERE NOT is_own_caption AND expert_mean >= $min_expert_mean AND query_text IS NOT NULL
GROUP BY image
ORDER BY image
