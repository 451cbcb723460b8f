"""What an incremental embedding run must do: compare what the delivery has with what the index holds."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa


@dataclass(frozen=True)
class ImageJob:
    image_id: str
    split: str
    path: str  # absolute path of the file to read
    sha256: str
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class TextJob:
    query_id: str
    image_id: str
    text: str
    split: str


@dataclass
class Plan:
    to_embed: list = field(default_factory=list)  # new, changed bytes or text, or another encoder
    to_relocate: list = field(default_factory=list)  # same content and encoder, new path/split: no inference
    to_delete: list[str] = field(default_factory=list)  # gone from the delivery
    n_unchanged: int = 0

    def describe(self, what: str) -> str:
        return (f"{what}: {len(self.to_embed)} to embed, {len(self.to_relocate)} moved, "
                f"{len(self.to_delete)} to delete, {self.n_unchanged} unchanged")


def plan_images(wanted: list[ImageJob], indexed: pa.Table | None, encoder_version: str) -> Plan:
    """``indexed``: image_id, sha256, encoder_version, path, split of the rows already in the index."""
    current = {row["image_id"]: row for row in indexed.to_pylist()} if indexed is not None else {}
    plan = Plan()
    for job in wanted:
        row = current.get(job.image_id)
        if row is None or row["sha256"] != job.sha256 or row["encoder_version"] != encoder_version:
            plan.to_embed.append(job)
        elif row["path"] != job.path or row["split"] != job.split:
            plan.to_relocate.append(job)
        else:
            plan.n_unchanged += 1
    wanted_ids = {job.image_id for job in wanted}
    plan.to_delete = sorted(image_id for image_id in current if image_id not in wanted_ids)
    return plan


def plan_texts(wanted: list[TextJob], indexed: pa.Table | None, encoder_version: str) -> Plan:
    """``indexed``: query_id, text, encoder_version, image_id, split of the rows already in the index."""
    current = {row["query_id"]: row for row in indexed.to_pylist()} if indexed is not None else {}
    plan = Plan()
    for job in wanted:
        row = current.get(job.query_id)
        if row is None or row["text"] != job.text or row["encoder_version"] != encoder_version:
            plan.to_embed.append(job)
        elif row["image_id"] != job.image_id or row["split"] != job.split:
            plan.to_relocate.append(job)
        else:
            plan.n_unchanged += 1
    wanted_ids = {job.query_id for job in wanted}
    plan.to_delete = sorted(query_id for query_id in current if query_id not in wanted_ids)
    return plan
