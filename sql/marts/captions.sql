-- captions: one row per distinct caption (train captions and test queries), with its own image — the image
-- named by the query id's prefix, for which the caption was written.
--   own_image_available: the own image is in its split's folder and decodes
--   own_pair_annotated:  the pair (caption, own image) was judged by experts or the crowd
CREATE OR REPLACE TABLE captions AS
WITH train_captions AS (
    SELECT 'train' AS split, query_id, any_value(query_text) AS query_text
    FROM stg_train_pairs
    GROUP BY query_id
),
test_captions AS (
    SELECT 'test' AS split, query_id, any_value(query_text) AS query_text
    FROM stg_test_queries
    GROUP BY query_id
),
all_captions AS (
    SELECT * FROM train_captions
    UNION ALL
    SELECT * FROM test_captions
),
annotated_pairs AS (
    SELECT image, query_id FROM stg_expert_annotations
    UNION
    SELECT image, query_id FROM stg_crowd_annotations
)
SELECT
    c.split,
    c.query_id,
    c.query_text,
    split_part(c.query_id, '#', 1) AS own_image,
    TRY_CAST(split_part(c.query_id, '#', 2) AS INTEGER) AS caption_number,
    EXISTS (
        SELECT 1 FROM image_files AS f
        WHERE f.split = c.split AND f.image = split_part(c.query_id, '#', 1) AND f.decodes
    ) AS own_image_available,
    EXISTS (
        SELECT 1 FROM annotated_pairs AS p
        WHERE p.query_id = c.query_id AND p.image = split_part(c.query_id, '#', 1)
    ) AS own_pair_annotated,
    length(c.query_text) AS n_chars,
    -- words, not tokens: the captions set punctuation apart ("a pool .")
    len(list_filter(string_split(trim(c.query_text), ' '), lambda w: regexp_matches(w, '[A-Za-z0-9]'))) AS n_words
FROM all_captions AS c
ORDER BY c.split DESC, c.query_id;
