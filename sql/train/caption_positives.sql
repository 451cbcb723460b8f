-- Train captions with the image they were written for: positives that need no vote.
SELECT query_id, own_image AS image
FROM captions
WHERE split = 'train' AND own_image_available
ORDER BY query_id
