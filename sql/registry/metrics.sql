-- metrics: every figure of every model of every run (run_id, model, metric, value).
CREATE TABLE IF NOT EXISTS metrics (
    run_id        VARCHAR NOT NULL,
    model_version VARCHAR NOT NULL,
    model         VARCHAR NOT NULL,
    metric        VARCHAR NOT NULL,
    value         DOUBLE,
    recorded_at   TIMESTAMPTZ NOT NULL
);
