"""Files under HOME, written atomically: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pyarrow as pa

from storage.errors import error_chain
from storage.locations import Location, unreachable


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


def write_parquet(target: Path | Location, rows: pa.Table) -> Path | Location:
    """A local file is written beside and renamed over; an object is uploaded in one PUT (or a multipart
    upload completed at the end), so a reader never sees half a file either way."""
    import pyarrow.parquet as pq

    if isinstance(target, Location) and not target.is_local:
        filesystem, path = target.filesystem()
        try:
            pq.write_table(rows, path, filesystem=filesystem)
        except OSError as error:
            raise unreachable(target, error) from error
        return target
    path = target.path if isinstance(target, Location) else target
    _atomically(path, lambda temporary: pq.write_table(rows, temporary))
    return target


def parquet_rows(target: Path | Location) -> int:
    """Rows of a Parquet file, from its footer (the data is not read)."""
    import pyarrow.parquet as pq

    if isinstance(target, Location):
        filesystem, path = target.filesystem()
        with filesystem.open_input_file(path) as handle:
            return pq.read_metadata(handle).num_rows
    return pq.read_metadata(target).num_rows


class HomeNotWritableError(OSError):
    """HOME cannot take the run's writes (read-only, full, not ours): nothing was changed."""


# What a full or read-only disk looks like, whether it comes from Python (errno), DuckDB ("IO Error: ...
# No space left on device") or LanceDB ("... (os error 28)").
_DISK_FULL = ("no space left on device", "os error 28", "disk quota exceeded", "os error 122")
_READ_ONLY = ("read-only file system", "os error 30")


def disk_trouble(error: BaseException, home: Path) -> str | None:
    """If ``error`` (or its cause) is HOME's disk being full or read-only, say so naming HOME and its free
    space (a write() that fails with ENOSPC names no file); else None."""
    import errno
    import shutil

    for link in error_chain(error):
        text = str(link).lower()
        code = getattr(link, "errno", None)
        if code in (errno.ENOSPC, errno.EDQUOT) or any(mark in text for mark in _DISK_FULL):
            try:
                usage = shutil.disk_usage(home)
                space = f"{usage.free / 1e6:.1f} MB free of {usage.total / 1e6:.1f} MB"
            except OSError:
                space = "free space unknown"
            return f"the disk of HOME {home} is full ({space}); free some space and run again"
        if code == errno.EROFS or any(mark in text for mark in _READ_ONLY):
            return f"HOME {home} is on a read-only filesystem; give the run a writable HOME"
    return None


def check_writable(folder: Path) -> None:
    """Raise :class:`HomeNotWritableError` naming ``folder`` unless a file can be written in it."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".write-check.") as probe:
            probe.write(b"x")
            probe.flush()
            os.fsync(probe.fileno())
    except OSError as error:
        raise HomeNotWritableError(error.errno, f"cannot write in HOME {folder}: {error.strerror or error}") from error
