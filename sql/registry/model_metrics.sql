-- All metrics of one model version.
SELECT metric, value FROM metrics WHERE model_version = $model_version ORDER BY metric
