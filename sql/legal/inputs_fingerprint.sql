-- What the legal filter's decisions depend on in the warehouse: every image's content, every caption and
-- the expert grades (which captions fit which image).
SELECT md5(coalesce((SELECT string_agg(split || '|' || image || '|' || sha256, ',' ORDER BY split, image) FROM image_files WHERE decodes), '')
        || '#' ||
        coalesce((SELECT string_agg(query_id || '|' || query_text, ',' ORDER BY query_id) FROM captions), '')
        || '#' ||
        coalesce((SELECT string_agg(image || '|' || query_id || '|' || expert_mean, ',' ORDER BY image, query_id)
                  FROM targets), '')
       ) AS fingerprint
