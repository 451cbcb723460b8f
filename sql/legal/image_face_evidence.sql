-- Per content hash, what the current face reader found: the number of faces and the most child-like one.
SELECT sha256, any_value(n_faces) AS n_faces, any_value(max_child_probability) AS max_child_probability
FROM image_faces
WHERE reader_version = $reader_version
GROUP BY sha256
