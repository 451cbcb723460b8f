-- What the last load learnt about each distinct image content: its size and whether it decodes.
SELECT sha256, any_value(width) AS width, any_value(height) AS height,
       any_value(decodes) AS decodes, any_value(decode_error) AS decode_error
FROM image_files
GROUP BY sha256
