"""What an image file is: content hash, size and the verdict of a full decode. Pure: bytes in, row out."""

from __future__ import annotations

import hashlib
import io

import pyarrow as pa
from PIL import Image, UnidentifiedImageError

IMAGE_FILE_SCHEMA = pa.schema(
    [
        ("split", pa.string()),
        ("image", pa.string()),
        ("path", pa.string()),
        ("n_bytes", pa.int64()),
        ("sha256", pa.string()),
        ("width", pa.int32()),
        ("height", pa.int32()),
        ("decodes", pa.bool_()),
        ("decode_error", pa.string()),
    ]
)


DecodeVerdicts = dict[str, dict]  # sha256 -> {"width", "height", "decodes", "decode_error"}


def describe_image_bytes(content: bytes, known: DecodeVerdicts | None = None) -> dict:
    """Hash the bytes and decode them in full; a truncated or non-image file gets ``decodes=False`` and why.

    Whether bytes decode depends on the bytes alone: a verdict already reached for the same sha256 (an
    earlier load) is reused instead of decoding again.
    """
    sha256 = hashlib.sha256(content).hexdigest()
    if known and sha256 in known:
        return {"n_bytes": len(content), "sha256": sha256, **known[sha256]}
    described = {"n_bytes": len(content), "sha256": sha256,
                 "width": None, "height": None, "decodes": False, "decode_error": None}
    try:
        with Image.open(io.BytesIO(content)) as image:
            image.load()  # a lazy open would accept a truncated JPEG: decode every pixel
            described.update(width=image.width, height=image.height, decodes=True)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        described["decode_error"] = f"{type(error).__name__}: {error}"
    return described


def image_file_rows(rows: list[dict]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=IMAGE_FILE_SCHEMA)
