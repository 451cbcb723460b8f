"""Reading the faces of the delivery's images for the legal filter. Pure: the caller gives the files (content
hash, path) and a reader (``models.faces.FaceAgeReader``); the rows go to ``image_faces``."""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa

from models.encoders.base import ImageDecodeError, decode_rgb

log = logging.getLogger(__name__)

FACES_SCHEMA = pa.schema([
    pa.field("sha256", pa.string(), nullable=False), pa.field("reader_version", pa.string(), nullable=False),
    pa.field("n_faces", pa.int32(), nullable=False), pa.field("max_child_probability", pa.float64()),
    pa.field("face_boxes", pa.list_(pa.list_(pa.float64()))), pa.field("child_probabilities", pa.list_(pa.float64())),
    pa.field("read_at", pa.timestamp("us", tz="UTC"), nullable=False),
])


def read_faces(files: list[tuple[str, Path]], reader) -> tuple[pa.Table, list[tuple[Path, str]]]:
    """(rows for ``image_faces``, the files that could not be read with why). A file that no longer reads
    gets no row: its image simply has no face evidence, and it is tried again next night."""
    rows, failures = [], []
    read_at = datetime.now(timezone.utc)
    for sha256, path in files:
        try:
            rgb = decode_rgb(path.read_bytes())
        except (OSError, ImageDecodeError) as error:
            log.warning("faces: cannot read %s: %s", path, error)
            failures.append((path, f"{type(error).__name__}: {error}"))
            continue
        faces = reader.read(rgb)
        rows.append({"sha256": sha256, "reader_version": reader.version, "n_faces": faces.n_faces,
                     "max_child_probability": faces.max_child_probability,
                     "face_boxes": [[float(v) for v in box] for box in faces.boxes],
                     "child_probabilities": [float(p) for p in faces.child_probability], "read_at": read_at})
    return pa.Table.from_pylist(rows, schema=FACES_SCHEMA), failures
