-- The models that can score an index embedded with $image_encoder + $text_encoder: the champion first,
-- then by caption-disjoint out-of-fold MRR (the champion selection metric; the seen-caption MRR for models
-- registered before it existed — the two are one figure), newest first on ties.
SELECT m.model_version, m.kind, m.path, m.image_encoder, m.text_encoder, m.is_champion, m.is_pinned
FROM models AS m
LEFT JOIN metrics AS x ON x.model_version = m.model_version AND x.metric = 'oof_clean_MRR'
LEFT JOIN metrics AS y ON y.model_version = m.model_version AND y.metric = 'oof_MRR'
WHERE m.image_encoder = $image_encoder AND m.text_encoder = $text_encoder
ORDER BY m.is_champion DESC, coalesce(x.value, y.value) DESC NULLS LAST, m.created_at DESC
