-- image_legal: the legal filter's decision for every image of the delivery, and why.
CREATE OR REPLACE TABLE image_legal (
    split                  VARCHAR NOT NULL,
    image                  VARCHAR NOT NULL,
    sha256                 VARCHAR NOT NULL,
    is_blocked             BOOLEAN NOT NULL,
    reason                 VARCHAR,
    child_caption          BOOLEAN NOT NULL,   -- a caption users wrote for it is about children
    classifier_probability DOUBLE  NOT NULL    -- the visual classifier's child probability
);
