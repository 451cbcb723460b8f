-- image_files: every file found in train_images/ and test_images/, with its content hash and
-- whether it decodes as an image (decoded in full, so a truncated JPEG is caught).
CREATE OR REPLACE TABLE image_files (
    split        VARCHAR NOT NULL,   -- 'train' or 'test'
    image        VARCHAR NOT NULL,   -- file name, as the annotation files reference it
    path         VARCHAR NOT NULL,   -- path relative to the data folder
    n_bytes      BIGINT  NOT NULL,
    sha256       VARCHAR NOT NULL,
    width        INTEGER,
    height       INTEGER,
    decodes      BOOLEAN NOT NULL,
    decode_error VARCHAR
);
