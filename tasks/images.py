"""Inventory of the image folders: content hash, size and a full decode of every file."""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyarrow as pa
from PIL import Image, UnidentifiedImageError

from storage.delivery import IMAGE_DIRS, image_dir, relative_image_path

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


def describe_image_file(path: Path, known: DecodeVerdicts | None = None) -> dict:
    """Hash the file and decode it in full; a truncated or non-image file gets ``decodes=False`` and why.

    Whether bytes decode depends on the bytes alone: a verdict already reached for the same sha256 (an
    earlier load) is reused instead of decoding again.
    """
    content = path.read_bytes()
    sha256 = hashlib.sha256(content).hexdigest()
    if known and sha256 in known:
        return {"n_bytes": len(content), "sha256": sha256, **known[sha256]}
    described = {"n_bytes": len(content), "sha256": sha256,
                 "width": None, "height": None, "decodes": False, "decode_error": None}
    try:
        with Image.open(path) as image:
            image.load()  # a lazy open would accept a truncated JPEG: decode every pixel
            described.update(width=image.width, height=image.height, decodes=True)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        described["decode_error"] = f"{type(error).__name__}: {error}"
    return described


def inventory_images(data_dir: Path, workers: int, known: DecodeVerdicts | None = None) -> pa.Table:
    """One row per file of train_images/ and test_images/ (hidden files are not deliveries)."""
    entries = [
        (split, path)
        for split in IMAGE_DIRS
        for path in sorted(image_dir(data_dir, split).iterdir())
        if path.is_file() and not path.name.startswith(".")
    ]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        described = list(pool.map(lambda entry: describe_image_file(entry[1], known), entries))
    rows = [
        {"split": split, "image": path.name, "path": relative_image_path(split, path.name), **info}
        for (split, path), info in zip(entries, described)
    ]
    return pa.Table.from_pylist(rows, schema=IMAGE_FILE_SCHEMA)
