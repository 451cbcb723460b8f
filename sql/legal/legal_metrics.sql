-- legal_metrics: the filters' measured figures, per run (history kept).
CREATE TABLE IF NOT EXISTS legal_metrics (
    run_id      VARCHAR NOT NULL,
    metric      VARCHAR NOT NULL,
    value       DOUBLE,
    recorded_at TIMESTAMPTZ NOT NULL
);
