-- raw_test_images: test_images.csv as delivered (one column, header `image`).
CREATE OR REPLACE TABLE raw_test_images (
    source_file VARCHAR NOT NULL,
    source_line BIGINT NOT NULL,
    image       VARCHAR
);
