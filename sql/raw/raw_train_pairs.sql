-- raw_train_pairs: train_dataset.csv as delivered, one row per good line.
-- Separator ',', with header `image,query_id,query_text`; captions may be quoted.
CREATE OR REPLACE TABLE raw_train_pairs (
    source_file VARCHAR NOT NULL,
    source_line BIGINT NOT NULL,
    image       VARCHAR,
    query_id    VARCHAR,
    query_text  VARCHAR
);
