"""Where the files of one delivery live inside its data folder (the published layout)."""

from __future__ import annotations

from pathlib import Path

TRAIN_PAIRS_FILE = "train_dataset.csv"
EXPERT_FILE = "ExpertAnnotations.tsv"
CROWD_FILE = "CrowdAnnotations.tsv"
TEST_QUERIES_FILE = "test_queries.csv"
TEST_IMAGES_FILE = "test_images.csv"

IMAGE_DIRS = {"train": "train_images", "test": "test_images"}


class DeliveryStructureError(Exception):
    """A problem that makes a whole file unusable (missing file, wrong column count, wrong header).

    Row-level problems never raise this: they are quarantined and the run goes on.
    """

    def __init__(self, file: Path | str, line: int | None, problem: str):
        self.file = str(file)
        self.line = line
        self.problem = problem
        where = f"{self.file}, line {line}" if line is not None else self.file
        super().__init__(f"{where}: {problem}")


class DeliveryChangedError(DeliveryStructureError):
    """A file of the delivery changed while the run read it (another delivery being copied in)."""

    def __init__(self, file: Path | str, read_sha256: str, now_sha256: str | None):
        now = f"{now_sha256[:12]}… now" if now_sha256 else "gone now"
        super().__init__(file, None, f"changed while the run read it (sha256 {read_sha256[:12]}… when read, {now}): "
                                     "run again once the delivery is complete")


def delivery_file(data_dir: Path, name: str) -> Path:
    path = data_dir / name
    if not path.is_file():
        raise DeliveryStructureError(path, None, "file is missing from the delivery")
    return path


def image_dir(data_dir: Path, split: str) -> Path:
    path = data_dir / IMAGE_DIRS[split]
    if not path.is_dir():
        raise DeliveryStructureError(path, None, "image folder is missing from the delivery")
    return path


def relative_image_path(split: str, image: str) -> str:
    return f"{IMAGE_DIRS[split]}/{image}"
