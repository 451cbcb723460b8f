-- Image files found in the delivery, and how many of them do not decode.
SELECT count(*) AS n_image_files, count(*) FILTER (WHERE NOT decodes) AS n_undecodable
FROM image_files
