"""What an incremental embedding run must do: compare what the delivery has with what the index holds."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa
from pydantic import BaseModel


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


def plan_changes(wanted: list, indexed: pa.Table | None, key: str, content: str, placement: tuple[str, ...],
                 encoder_version: str) -> Plan:
    """Compare what should be indexed with what is: ``key`` names a row, ``content`` is what its vector
    is made from (an image's sha256, a text), ``placement`` is metadata that can change without it."""
    current = {row[key]: row for row in indexed.to_pylist()} if indexed is not None else {}
    plan = Plan()
    for job in wanted:
        row = current.get(getattr(job, key))
        if row is None or row[content] != getattr(job, content) or row["encoder_version"] != encoder_version:
            plan.to_embed.append(job)
        elif any(row[field] != getattr(job, field) for field in placement):
            plan.to_relocate.append(job)
        else:
            plan.n_unchanged += 1
    wanted_keys = {getattr(job, key) for job in wanted}
    plan.to_delete = sorted(k for k in current if k not in wanted_keys)
    return plan


def plan_images(wanted: list[ImageJob], indexed: pa.Table | None, encoder_version: str) -> Plan:
    """``indexed``: image_id, sha256, encoder_version, path, split of the rows already in the index."""
    return plan_changes(wanted, indexed, "image_id", "sha256", ("path", "split"), encoder_version)


def plan_texts(wanted: list[TextJob], indexed: pa.Table | None, encoder_version: str) -> Plan:
    """``indexed``: query_id, text, encoder_version, image_id, split of the rows already in the index."""
    return plan_changes(wanted, indexed, "query_id", "text", ("image_id", "split"), encoder_version)


class IndexSummary(BaseModel):
    """What one indexing run did to one table of the index."""

    table: str
    encoder_version: str
    n_embedded: int
    n_relocated: int
    n_deleted: int
    n_unchanged: int
    n_failed: int
    n_rows: int
    n_repaired: int = 0  # duplicate rows removed before planning (two runs wrote the table at once)
    seconds: float
    timings: dict[str, float] = {}

    def describe(self) -> str:
        if self.n_embedded == self.n_relocated == self.n_deleted == self.n_failed == 0:
            change = "nothing to embed: index up to date"
        else:
            change = (f"embedded {self.n_embedded}, moved {self.n_relocated}, deleted {self.n_deleted}, "
                      f"failed {self.n_failed}")
        repaired = f"; repaired {self.n_repaired} duplicate rows" if self.n_repaired else ""
        return (f"{self.table}: {change}; {self.n_unchanged} unchanged; {self.n_rows} rows ({self.seconds:.1f}s)"
                f"{repaired}")
