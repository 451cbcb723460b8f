-- The legal filter's figures of the most recent run.
SELECT metric, value FROM legal_metrics WHERE run_id = (SELECT max(run_id) FROM legal_metrics)
