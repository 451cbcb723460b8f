-- models: every fit model a training run produced (history kept across runs), and which one scores.
CREATE TABLE IF NOT EXISTS models (
    model_version        VARCHAR PRIMARY KEY,   -- <run_id>-<kind>
    run_id               VARCHAR NOT NULL,
    kind                 VARCHAR NOT NULL,      -- linear | mlp | dual_encoder
    created_at           TIMESTAMPTZ NOT NULL,
    path                 VARCHAR NOT NULL,      -- folder holding the model's files
    params               VARCHAR NOT NULL,      -- JSON
    image_encoder        VARCHAR NOT NULL,      -- encoder versions the features came from
    text_encoder         VARCHAR NOT NULL,
    training_fingerprint VARCHAR NOT NULL,      -- hash of the training data and settings
    is_challenger        BOOLEAN NOT NULL,      -- the run's best model by out-of-fold figures
    is_champion          BOOLEAN NOT NULL,      -- the model `rank`, `score` and `search` use
    is_pinned            BOOLEAN NOT NULL DEFAULT false,
    decision             VARCHAR                -- why it became (or did not become) champion
);
