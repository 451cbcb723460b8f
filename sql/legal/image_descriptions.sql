-- Every indexed image's descriptions: the captions users wrote for it (train captions, test queries).
SELECT f.split, f.image, f.sha256, list(c.query_text ORDER BY c.query_id) FILTER (WHERE c.query_text IS NOT NULL) AS captions
FROM image_files AS f
LEFT JOIN captions AS c ON c.own_image = f.image AND c.split = f.split
WHERE f.decodes
GROUP BY f.split, f.image, f.sha256
ORDER BY f.split, f.image
