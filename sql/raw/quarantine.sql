-- quarantine: every line or file kept aside, with the check that caught it and a readable reason.
-- `record` is the offending row as JSON (or the raw line text when it could not be parsed).
CREATE OR REPLACE TABLE quarantine (
    check_name     VARCHAR NOT NULL,
    source_file    VARCHAR NOT NULL,
    source_line    BIGINT,
    reason         VARCHAR NOT NULL,
    record         VARCHAR,
    quarantined_at TIMESTAMPTZ NOT NULL
);
