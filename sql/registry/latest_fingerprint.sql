-- The training fingerprint of the most recent run (NULL before the first).
SELECT any_value(training_fingerprint ORDER BY created_at DESC) AS training_fingerprint FROM models
