-- The models that can score an index embedded with $image_encoder + $text_encoder: the champion first,
-- then by out-of-fold MRR (the champion selection metric), newest first on ties.
SELECT m.model_version, m.kind, m.path, m.image_encoder, m.text_encoder, m.is_champion, m.is_pinned
FROM models AS m
LEFT JOIN metrics AS x ON x.model_version = m.model_version AND x.metric = 'oof_MRR'
WHERE m.image_encoder = $image_encoder AND m.text_encoder = $text_encoder
ORDER BY m.is_champion DESC, x.value DESC NULLS LAST, m.created_at DESC
