-- How many registered models have this version (0 or 1).
SELECT count(*) AS n FROM models WHERE model_version = $model_version
