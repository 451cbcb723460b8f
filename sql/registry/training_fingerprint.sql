-- What the fit models are a function of, from the warehouse side: the judged pairs and the captions.
SELECT md5(coalesce((SELECT string_agg(image || '|' || query_id || '|' || target, ',' ORDER BY image, query_id) FROM targets), '')
        || '#' ||
        coalesce((SELECT string_agg(query_id || '|' || query_text || '|' || split, ',' ORDER BY query_id) FROM captions), '')
       ) AS fingerprint
