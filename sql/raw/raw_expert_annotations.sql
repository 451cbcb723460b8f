-- raw_expert_annotations: ExpertAnnotations.tsv as delivered (tab, no header).
-- Three experts grade how well the caption (query_id) describes the image: 1 (not at all) .. 4 (exactly).
CREATE OR REPLACE TABLE raw_expert_annotations (
    source_file VARCHAR NOT NULL,
    source_line BIGINT NOT NULL,
    image       VARCHAR,
    query_id    VARCHAR,
    expert_1    INTEGER,
    expert_2    INTEGER,
    expert_3    INTEGER
);
