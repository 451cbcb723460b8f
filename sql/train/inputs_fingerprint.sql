-- What the fit models are a function of, from the warehouse side: the judged pairs, the captions, and the
-- content of every image (an image replaced under the same name is embedded again, so the models must be
-- trained again on its new vector).
SELECT md5(coalesce((SELECT string_agg(image || '|' || query_id || '|' || target, ',' ORDER BY image, query_id) FROM targets), '')
        || '#' ||
        coalesce((SELECT string_agg(query_id || '|' || query_text || '|' || split, ',' ORDER BY query_id) FROM captions), '')
        || '#' ||
        coalesce((SELECT string_agg(split || '|' || image || '|' || sha256, ',' ORDER BY split, image) FROM image_files WHERE decodes), '')
       ) AS fingerprint
