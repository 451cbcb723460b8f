-- The texts the index should hold: every distinct caption and test query, with its own image.
SELECT query_id, own_image AS image_id, query_text AS text, split
FROM captions
ORDER BY split, query_id
