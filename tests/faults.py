"""Plant the faults a real delivery may carry into a copy of a delivery folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

ANNOTATION_FILES = ("train_dataset.csv", "ExpertAnnotations.tsv", "CrowdAnnotations.tsv", "test_queries.csv",
                    "test_images.csv")


def copy_delivery(source: Path, target: Path) -> Path:
    """Annotation files copied (to be edited); images linked, except those a test replaces."""
    target.mkdir(parents=True)
    for name in ANNOTATION_FILES:
        shutil.copy2(source / name, target / name)
    for folder in ("train_images", "test_images"):
        (target / folder).mkdir()
        for image in (source / folder).iterdir():
            os.symlink(image, target / folder / image.name)
    return target


def plant_faults(delivery: Path) -> dict[str, str]:
    """Plant one of each fault; returns a description of each, keyed by the check expected to catch it."""
    planted: dict[str, str] = {}

    # 1. A truncated JPEG: the first train image that a train pair references, cut to a third of its bytes.
    train_lines = (delivery / "train_dataset.csv").read_text().splitlines()
    broken = train_lines[1].split(",", 1)[0]
    image_path = delivery / "train_images" / broken
    content = image_path.read_bytes()
    image_path.unlink()
    image_path.write_bytes(content[: len(content) // 3])
    planted["image_files_decode"] = broken

    # 2. A row with 4 columns in the expert file (5 expected), appended.
    expert = delivery / "ExpertAnnotations.tsv"
    expert_lines = expert.read_text().splitlines()
    fields = expert_lines[-1].split("\t")
    expert_lines.append("\t".join(fields[:4]))
    # 3. An expert score of 7, on a copy of the last line with a new caption id.
    image, query_id = fields[0], fields[1]
    expert_lines.append("\t".join([image, query_id.split("#")[0] + "#9", "7", "2", "2"]))
    # 4. A duplicate pair: the last good line again.
    expert_lines.append(expert_lines[-3])
    expert.write_text("\n".join(expert_lines) + "\n")
    planted["parse"] = f"ExpertAnnotations.tsv line {len(expert_lines) - 2}"
    planted["expert_scores_in_range"] = f"ExpertAnnotations.tsv line {len(expert_lines) - 1}"
    planted["duplicate_keys"] = f"ExpertAnnotations.tsv line {len(expert_lines)}"

    # 5. A query id without '#', appended to the crowd file.
    crowd = delivery / "CrowdAnnotations.tsv"
    crowd_lines = crowd.read_text().splitlines()
    last = crowd_lines[-1].split("\t")
    crowd_lines.append("\t".join([last[0], last[1].replace("#", "_"), *last[2:]]))
    crowd.write_text("\n".join(crowd_lines) + "\n")
    planted["query_id_format"] = f"CrowdAnnotations.tsv line {len(crowd_lines)}"
    return planted


# --- faults of the disk under HOME: real mounts (the tests run as root; chmod would prove nothing) ---------

def _mount(*arguments: str) -> None:
    import subprocess

    import pytest

    result = subprocess.run(["mount", *arguments], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"this machine cannot mount ({' '.join(arguments)}): {result.stderr.strip()}")


def _unmount(target: Path) -> None:
    import subprocess

    subprocess.run(["umount", "-l", str(target)], check=True)


class SmallDisk:
    """A tmpfs of ``megabytes`` at ``folder``: a disk that really fills up (ENOSPC)."""

    def __init__(self, folder: Path, megabytes: int):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        _mount("-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(folder))
        self.filler = folder / "filler"

    def fill(self, leave_bytes: int = 0) -> None:
        """Take all the free space but ``leave_bytes`` (rounded down to whole pages)."""
        self.free()
        available = shutil.disk_usage(self.folder).free - leave_bytes
        with open(self.filler, "wb") as out:
            chunk = b"\0" * (1 << 20)
            while available > 0:
                try:
                    available -= out.write(chunk[: min(len(chunk), available)])
                except OSError:
                    break

    def free(self) -> None:
        self.filler.unlink(missing_ok=True)

    def close(self) -> None:
        _unmount(self.folder)


class ReadOnlyView:
    """``source`` seen read-only at ``target`` (a read-only bind mount)."""

    def __init__(self, source: Path, target: Path):
        self.target = target
        target.mkdir(parents=True, exist_ok=True)
        _mount("--bind", str(source), str(target))
        try:
            _mount("-o", "remount,bind,ro", str(target))
        except BaseException:
            _unmount(target)
            raise

    def close(self) -> None:
        _unmount(self.target)
