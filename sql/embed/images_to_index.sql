-- The images the index should hold: every image file of the current delivery that decodes.
SELECT image AS image_id, split, path, sha256, width, height
FROM image_files
WHERE decodes
ORDER BY split, image
