"""The five annotation files of a delivery: separator, header and typed columns of each.

The raw tables' DDL in ``sql/raw/`` declares the same columns (a test keeps the two in step).
"""

from __future__ import annotations

from dataclasses import dataclass

from storage import delivery


@dataclass(frozen=True)
class Column:
    name: str
    kind: type  # str, int or float


@dataclass(frozen=True)
class SourceFile:
    file_name: str
    table: str
    delimiter: str
    columns: tuple[Column, ...]
    header: tuple[str, ...] | None  # the exact header fields, or None when the file has no header
    quoted: bool  # whether '"' quotes fields (only the comma-separated captions need it)

    @property
    def staging_table(self) -> str:
        return "stg_" + self.table.removeprefix("raw_")

    @property
    def n_fields(self) -> int:
        return len(self.columns)


def _columns(*spec: tuple[str, type]) -> tuple[Column, ...]:
    return tuple(Column(name, kind) for name, kind in spec)


TRAIN_PAIRS = SourceFile(
    file_name=delivery.TRAIN_PAIRS_FILE,
    table="raw_train_pairs",
    delimiter=",",
    columns=_columns(("image", str), ("query_id", str), ("query_text", str)),
    header=("image", "query_id", "query_text"),
    quoted=True,
)
EXPERT_ANNOTATIONS = SourceFile(
    file_name=delivery.EXPERT_FILE,
    table="raw_expert_annotations",
    delimiter="\t",
    columns=_columns(("image", str), ("query_id", str), ("expert_1", int), ("expert_2", int), ("expert_3", int)),
    header=None,
    quoted=False,
)
CROWD_ANNOTATIONS = SourceFile(
    file_name=delivery.CROWD_FILE,
    table="raw_crowd_annotations",
    delimiter="\t",
    columns=_columns(("image", str), ("query_id", str), ("crowd_share", float), ("n_yes", int), ("n_no", int)),
    header=None,
    quoted=False,
)
TEST_QUERIES = SourceFile(
    file_name=delivery.TEST_QUERIES_FILE,
    table="raw_test_queries",
    delimiter="|",
    columns=_columns(("row_index", int), ("query_id", str), ("query_text", str), ("image", str)),
    header=("", "query_id", "query_text", "image"),
    quoted=False,
)
TEST_IMAGES = SourceFile(
    file_name=delivery.TEST_IMAGES_FILE,
    table="raw_test_images",
    delimiter=",",
    columns=_columns(("image", str)),
    header=("image",),
    quoted=False,
)

SOURCE_FILES: tuple[SourceFile, ...] = (TRAIN_PAIRS, EXPERT_ANNOTATIONS, CROWD_ANNOTATIONS, TEST_QUERIES, TEST_IMAGES)
