-- The decodable images whose bytes the current face reader has not read yet (one path per content hash).
SELECT f.sha256, min(f.path) AS path
FROM image_files AS f
WHERE f.decodes
  AND NOT EXISTS (SELECT 1 FROM image_faces AS x WHERE x.sha256 = f.sha256 AND x.reader_version = $reader_version)
GROUP BY f.sha256
ORDER BY f.sha256
