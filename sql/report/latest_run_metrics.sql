-- Every metric of the most recent training run's models (empty before the first run).
SELECT m.run_id, m.model_version, m.kind, m.is_champion, x.metric, x.value
FROM models AS m
JOIN metrics AS x USING (model_version)
WHERE m.run_id = (SELECT max(run_id) FROM models)
ORDER BY m.kind, x.metric
