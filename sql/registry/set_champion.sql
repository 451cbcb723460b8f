-- Make $model_version the champion (and only it).
UPDATE models SET is_champion = (model_version = $model_version)
