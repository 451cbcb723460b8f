-- deliveries: one row per file of the delivery currently loaded: where it came from, its content hash,
-- when it was loaded, and how many of its lines became rows or were quarantined while parsing.
CREATE OR REPLACE TABLE deliveries (
    file_name       VARCHAR   NOT NULL,
    source_path     VARCHAR   NOT NULL,
    sha256          VARCHAR   NOT NULL,
    n_bytes         BIGINT    NOT NULL,
    n_rows_loaded   BIGINT    NOT NULL,
    n_rows_rejected BIGINT    NOT NULL,
    loaded_at       TIMESTAMPTZ NOT NULL
);
