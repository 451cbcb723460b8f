-- The current champion (at most one row).
SELECT model_version, kind, path, image_encoder, text_encoder, is_pinned, training_fingerprint
FROM models
WHERE is_champion
