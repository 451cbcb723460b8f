-- image_faces: the faces found in each image's bytes and how likely each is a child's, by reader version
-- (detector and age model weights): read once per content hash, kept across nights.
CREATE TABLE IF NOT EXISTS image_faces (
    sha256                VARCHAR NOT NULL,
    reader_version        VARCHAR NOT NULL,
    n_faces               INTEGER NOT NULL,
    max_child_probability DOUBLE,             -- NULL without a face
    face_boxes            DOUBLE[][],         -- x1, y1, x2, y2 per face, in pixels
    child_probabilities   DOUBLE[],           -- P(younger than 16) per face
    read_at               TIMESTAMP WITH TIME ZONE NOT NULL
)
