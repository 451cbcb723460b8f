-- raw_crowd_annotations: CrowdAnnotations.tsv as delivered (tab, no header).
-- 3 to 6 crowd workers answered "does the caption describe the image?"; share = n_yes / (n_yes + n_no).
CREATE OR REPLACE TABLE raw_crowd_annotations (
    source_file VARCHAR NOT NULL,
    source_line BIGINT NOT NULL,
    image       VARCHAR,
    query_id    VARCHAR,
    crowd_share DOUBLE,
    n_yes       INTEGER,
    n_no        INTEGER
);
