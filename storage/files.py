"""Files under HOME, written atomically: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pyarrow as pa


def _atomically(path: Path, write) -> Path:
    """``write(temporary_path)``, then rename the temporary file over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(Path(temporary))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def write_text(path: Path, text: str) -> Path:
    return _atomically(path, lambda temporary: temporary.write_text(text, encoding="utf-8"))


def write_bytes(path: Path, content: bytes) -> Path:
    return _atomically(path, lambda temporary: temporary.write_bytes(content))


def write_json(path: Path, value: object) -> Path:
    return write_text(path, json.dumps(value, indent=1))


def read_json(path: Path) -> dict:
    """The JSON object stored at ``path``, or {} when there is none (or it is unreadable)."""
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}
    return value if isinstance(value, dict) else {}


def write_parquet(path: Path, rows: pa.Table) -> Path:
    import pyarrow.parquet as pq

    return _atomically(path, lambda temporary: pq.write_table(rows, temporary))


def parquet_rows(path: Path) -> int:
    """Rows of a Parquet file, from its footer (the data is not read)."""
    import pyarrow.parquet as pq

    return pq.read_metadata(path).num_rows
