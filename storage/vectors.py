"""The LanceDB vector store under HOME/lancedb: declared schemas, upserts on a stable key, deletes.

Every write is a new table version (LanceDB keeps them: a bad run can be rolled back with
``table.restore(version)``); ``compact`` folds the small versions of a run together.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from storage.locations import Location, unreachable

if TYPE_CHECKING:  # lancedb costs ~1.3 s to import: only when the store is opened
    import lancedb

IMAGES_TABLE = "images"
TEXTS_TABLE = "texts"
RANKINGS_TABLE = "rankings"
SEARCH_TABLE = "image_search"  # the images in the champion's joint space: what `search` queries
# Texts the legal checks read that the index does not hold (the written queries, as the checks read them), with
# their vectors: kept between runs, so a run encodes only the texts it has not seen with this encoder.
LEGAL_TEXTS_TABLE = "legal_texts"
LEGAL_TEXT_KEY = "text"
IMAGE_KEY = "image_id"
TEXT_KEY = "query_id"
_DELETE_CHUNK = 500

log = logging.getLogger(__name__)


def images_schema(dimension: int) -> pa.Schema:
    return pa.schema(
        [
            pa.field(IMAGE_KEY, pa.string(), nullable=False),  # the file name the annotations use
            pa.field("split", pa.string()),  # 'train' or 'test' (or a folder name for ad-hoc ranking)
            pa.field("path", pa.string()),  # the file that was embedded
            pa.field("sha256", pa.string()),  # its content: re-embedded only when this changes
            pa.field("width", pa.int32()),
            pa.field("height", pa.int32()),
            pa.field("encoder", pa.string()),
            pa.field("encoder_version", pa.string()),
            pa.field("vector", pa.list_(pa.float32(), dimension)),
            pa.field("top_labels", pa.list_(pa.string())),  # ImageNet classes, best first
            pa.field("top_scores", pa.list_(pa.float32())),
            pa.field("embedded_at", pa.timestamp("us", tz="UTC")),
            pa.field("is_blocked", pa.bool_()),  # legal filter: depicts a child (null until decided)
            pa.field("block_reason", pa.string()),
        ]
    )


def texts_schema(dimension: int) -> pa.Schema:
    return pa.schema(
        [
            pa.field(TEXT_KEY, pa.string(), nullable=False),
            pa.field(IMAGE_KEY, pa.string()),  # the caption's own image (query id prefix)
            pa.field("text", pa.string()),
            pa.field("split", pa.string()),
            pa.field("encoder", pa.string()),
            pa.field("encoder_version", pa.string()),
            pa.field("vector", pa.list_(pa.float32(), dimension)),
            pa.field("embedded_at", pa.timestamp("us", tz="UTC")),
        ]
    )


def legal_texts_schema(dimension: int) -> pa.Schema:
    return pa.schema(
        [
            pa.field(LEGAL_TEXT_KEY, pa.string(), nullable=False),  # the text as the legal checks read it
            pa.field("encoder_version", pa.string()),  # another version's row is replaced when encoded again
            pa.field("vector", pa.list_(pa.float32(), dimension)),
            pa.field("embedded_at", pa.timestamp("us", tz="UTC")),
        ]
    )


def search_schema(dimension: int) -> pa.Schema:
    return pa.schema(
        [
            pa.field(IMAGE_KEY, pa.string(), nullable=False),
            pa.field("path", pa.string()),
            pa.field("is_blocked", pa.bool_()),  # null: not decided yet (search treats it as blocked)
            pa.field("model_version", pa.string()),  # the fit model whose joint space the vector is in
            pa.field("vector", pa.list_(pa.float32(), dimension)),  # unit vector: dot product = cosine
        ]
    )


def replace_ranking(db: lancedb.DBConnection, rows: pa.Table) -> None:
    """The latest nightly ranking (earlier ones stay reachable as table versions, and in Parquet)."""
    replace_table(db, RANKINGS_TABLE, rows)


def replace_table(db: lancedb.DBConnection, name: str, rows: pa.Table) -> lancedb.table.Table:
    """The table's new content in one commit: a reader sees the old version or the new one."""
    return db.create_table(name, data=rows, mode="overwrite")


# --- an ANN index on a large search table ----------------------------------------------------------------
# LanceDB's brute-force scan is fine to ~100k rows (340 ms for 100k × 768 here, 2 cores); past that the
# search table gets an IVF_HNSW_SQ index: an HNSW graph over 8-bit scalar-quantised vectors per IVF
# partition, one partition per ~2M rows (one graph walk answers a query; more partitions build faster but
# a query walks every probed graph). A query walks the graph with a candidate list of ``ANN_EF`` and
# re-ranks ``ANN_REFINE_FACTOR`` × k candidates on the full vectors. Chosen on synthetic tables
# (tasks/rank/index_bench.py; never on the test split). At 100k rows: IVF_PQ built in 128 s and reached
# recall@10 0.85 (0.99 with refine ×10, 11 ms); IVF_SQ 0.96 at 9.5 ms but its scan grows with the rows;
# IVF_HNSW_SQ built in 39 s, recall 0.91 at ef 200 (4.0 ms), 0.98 at ef 400 + refine ×10 (6.5 ms). At 1M:
# 4 partitions of 250k made every query walk 4 graphs (14 ms p50); one graph (493 s to build) gave recall
# 0.89 at ef 400 (9.7 ms), 0.953 at ef 800 (12.9 ms), 0.906 at ef 1000 without refine (9.1 ms): recall first.
ANN_MIN_ROWS = 100_000
ANN_ROWS_PER_PARTITION = 2_000_000
ANN_EF = 800
ANN_REFINE_FACTOR = 10


@dataclass(frozen=True)
class AnnIndexPlan:
    index_type: str
    num_partitions: int
    nprobes: int
    ef: int = ANN_EF
    refine_factor: int = ANN_REFINE_FACTOR

    def describe(self) -> str:
        return (f"{self.index_type}, {self.num_partitions} partitions; queries probe {self.nprobes}, "
                f"ef {self.ef}, refine ×{self.refine_factor}")


def ann_index_plan(n_rows: int, dimension: int, min_rows: int = ANN_MIN_ROWS) -> AnnIndexPlan | None:
    """The index a table of ``n_rows`` vectors gets; None below ``min_rows`` (an exact scan answers)."""
    if n_rows < min_rows:
        return None
    partitions = max(1, math.ceil(n_rows / ANN_ROWS_PER_PARTITION))
    return AnnIndexPlan("IVF_HNSW_SQ", partitions, nprobes=partitions if partitions <= 2 else max(2, partitions // 4))


def build_ann_index(table: lancedb.table.Table, plan: AnnIndexPlan) -> None:
    """(Re)build the table's vector index for dot-product search on unit vectors (= cosine)."""
    from lancedb.index import HnswSq

    table.create_index("vector", config=HnswSq(distance_type="dot", num_partitions=plan.num_partitions),
                       replace=True)


def has_vector_index(table: lancedb.table.Table) -> bool:
    return any("vector" in index.columns for index in table.list_indices())


def nearest(table: lancedb.table.Table, vector, k: int, columns: list[str], plan: AnnIndexPlan | None = None,
            exact: bool = False) -> pa.Table:
    """The ``k`` rows whose vectors have the largest dot product with ``vector``, best first, with
    ``_distance`` = 1 - dot product. With an index and its ``plan``: probe ``plan.nprobes`` partitions and
    re-rank on the full vectors; ``exact`` scans every row whatever the index (the ground truth)."""
    query = table.search(vector).metric("dot").select([*columns, "_distance"]).limit(k)
    if exact:
        query = query.bypass_vector_index()
    elif plan is not None:
        query = query.nprobes(plan.nprobes).ef(plan.ef).refine_factor(plan.refine_factor)
    return query.to_arrow()


def vector_column(matrix, dimension: int) -> pa.FixedSizeListArray:
    """An (n, dimension) float matrix as the fixed-size float32 list column the schemas declare."""
    import numpy as np

    flat = np.asarray(matrix, dtype=np.float32).reshape(-1)
    return pa.FixedSizeListArray.from_arrays(pa.array(flat, pa.float32()), dimension)


def connect(index: Location | Path) -> lancedb.DBConnection:
    """The LanceDB index at a local folder or an object-store URI (storage.locations)."""
    import lancedb

    index = index if isinstance(index, Location) else Location.of(index)
    if index.is_local:
        index.path.mkdir(parents=True, exist_ok=True)
        return lancedb.connect(index.uri)
    try:
        return lancedb.connect(index.uri, storage_options=index.lance_options())
    except (OSError, ValueError, RuntimeError) as error:
        raise unreachable(index, error) from error


def existing_table(db: lancedb.DBConnection, name: str) -> lancedb.table.Table | None:
    return db.open_table(name) if name in db.list_tables().tables else None


def has_columns(table: lancedb.table.Table, schema: pa.Schema) -> bool:
    """Whether the table has exactly the columns of ``schema`` (an older layout must be rebuilt)."""
    return table.schema.names == schema.names


def open_table(db: lancedb.DBConnection, name: str, schema: pa.Schema) -> lancedb.table.Table:
    """Open ``name``, creating it with ``schema``. A table of another schema (e.g. another vector
    dimension after an encoder change) is recreated: its vectors could not be compared anyway."""
    if name in db.list_tables().tables:
        table = db.open_table(name)
        if table.schema.equals(schema, check_metadata=False):
            return table
        log.warning("LanceDB table %s has another schema (encoder changed?): recreating it", name)
        db.drop_table(name)
    return db.create_table(name, schema=schema)


def read_columns(table: lancedb.table.Table, columns: list[str]) -> pa.Table:
    return table.search().select(columns).limit(None).to_arrow()


def read_columns_limited(table: lancedb.table.Table, columns: list[str], limit: int) -> list[dict]:
    return table.search().select(columns).limit(limit).to_arrow().to_pylist()


def read_table_columns(db: lancedb.DBConnection, name: str, columns: list[str]) -> pa.Table:
    """``columns`` of every row of table ``name``; a clear error when the table does not exist yet."""
    table = existing_table(db, name)
    if table is None:
        raise RuntimeError(f"the LanceDB table {name} is missing: run the embed stage first")
    return read_columns(table, columns)


def indexed_text_vectors(index: Location | Path, encoder_version: str) -> tuple[list[str], list]:
    """(texts, vectors) of the ``texts`` table's rows made by that encoder version (empty without one):
    a text the index holds need not be encoded again by the same encoder."""
    return _text_vectors(index, TEXTS_TABLE, encoder_version)


def legal_text_vectors(index: Location | Path, encoder_version: str) -> tuple[list[str], list]:
    """(texts, vectors) the legal checks kept from earlier runs with that encoder version."""
    return _text_vectors(index, LEGAL_TEXTS_TABLE, encoder_version)


def keep_legal_text_vectors(index: Location | Path, encoder_version: str, texts: list[str], matrix) -> int:
    """Keep (upsert by text) vectors the legal checks encoded; returns how many rows were written."""
    if not texts:
        return 0
    from datetime import datetime, timezone

    location = index if isinstance(index, Location) else Location.of(index)
    dimension = len(matrix[0])
    rows = pa.table({LEGAL_TEXT_KEY: pa.array(texts, pa.string()),
                     "encoder_version": pa.array([encoder_version] * len(texts), pa.string()),
                     "vector": vector_column(matrix, dimension),
                     "embedded_at": pa.array([datetime.now(timezone.utc)] * len(texts), pa.timestamp("us", tz="UTC"))})
    upsert(open_table(connect(location), LEGAL_TEXTS_TABLE, legal_texts_schema(dimension)), LEGAL_TEXT_KEY, rows)
    return len(texts)


def _text_vectors(index: Location | Path, table_name: str, encoder_version: str) -> tuple[list[str], list]:
    location = index if isinstance(index, Location) else Location.of(index)
    if not location.exists():
        return [], []
    table = existing_table(connect(location), table_name)
    if table is None:
        return [], []
    rows = read_columns(table, ["text", "vector", "encoder_version"])
    same = [i for i, version in enumerate(rows.column("encoder_version").to_pylist()) if version == encoder_version]
    texts, vectors_ = rows.column("text").to_pylist(), rows.column("vector").to_pylist()
    return [texts[i] for i in same], [vectors_[i] for i in same]


def read_rows(table: lancedb.table.Table, key: str, values: list[str]) -> pa.Table:
    """Full rows whose ``key`` is one of ``values``."""
    if not values:
        return table.schema.empty_table()
    parts = [table.search().where(_in_predicate(key, chunk)).limit(None).to_arrow()
             for chunk in _chunks(values, _DELETE_CHUNK)]
    return pa.concat_tables(parts).select(table.schema.names)


def rewrite_columns(table: lancedb.table.Table, key: str, values_by_key: dict[str, dict]) -> None:
    """Set some columns of existing rows, found by ``key``; every other column (the vector too) is kept."""
    if not values_by_key:
        return
    rows = read_rows(table, key, list(values_by_key)).to_pylist()
    for row in rows:
        row.update(values_by_key[row[key]])
    upsert(table, key, pa.Table.from_pylist(rows, schema=table.schema))


def upsert(table: lancedb.table.Table, key: str, rows: pa.Table) -> None:
    if rows.num_rows == 0:
        return
    (table.merge_insert(key).when_matched_update_all().when_not_matched_insert_all()
     .execute(rows.select(table.schema.names).cast(table.schema)))


def delete_keys(table: lancedb.table.Table, key: str, values: list[str]) -> None:
    for chunk in _chunks(values, _DELETE_CHUNK):
        table.delete(_in_predicate(key, chunk))


def deduplicate(table: lancedb.table.Table, key: str, newest_by: str = "embedded_at") -> int:
    """Keep one row per ``key`` (the newest by ``newest_by``) and return how many rows were removed.

    Two writers that upsert the same new keys at once (two runs on one HOME) can both insert them; the
    table is then left with duplicate keys, and every later ``merge_insert`` on it fails ("Ambiguous merge
    inserts are prohibited"). This repairs such a table in place.
    """
    import pyarrow.compute as pc

    keys = read_columns(table, [key]).column(key)
    counts = pc.value_counts(keys)
    duplicated = [entry["values"].as_py() for entry in counts if entry["counts"].as_py() > 1]
    if not duplicated:
        return 0
    rows = read_rows(table, key, duplicated).to_pylist()
    newest: dict[str, dict] = {}
    for row in rows:
        kept = newest.get(row[key])
        if kept is None or (row[newest_by] is not None and (kept[newest_by] is None or row[newest_by] > kept[newest_by])):
            newest[row[key]] = row
    delete_keys(table, key, duplicated)
    table.add(pa.Table.from_pylist(list(newest.values()), schema=table.schema))
    return len(rows) - len(newest)


def compact(table: lancedb.table.Table) -> None:
    table.optimize()


def _in_predicate(key: str, values: list[str]) -> str:
    # LanceDB's delete and where take a SQL predicate string and have no bound parameters: quote each
    # value as a SQL string literal (single quotes doubled), so a file name can never end the literal.
    literals = ", ".join("'" + value.replace("'", "''") + "'" for value in values)
    return f"{key} IN ({literals})"


def _chunks(values: list[str], size: int):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def damaged_tables(index: Location) -> dict[str, str]:
    """Tables of the index that do not open or read in full, with why (a missing or truncated data or
    manifest file); {} when every table reads (or there is no index yet)."""
    if index.is_local and not index.path.is_dir():
        return {}
    db = connect(index)
    damaged = {}
    for name in db.list_tables().tables:
        try:
            db.open_table(name).to_arrow()
        except (RuntimeError, OSError, ValueError) as error:
            damaged[name] = f"{type(error).__name__}: {error}"
    return damaged


def set_aside_table(index: Location, name: str, stamp: str) -> Path:
    """Move a damaged table's folder aside (no longer a table of the index), kept for inspection."""
    if not index.is_local:
        # An object store cannot rename a prefix in one step, and a copy could be half made: say so.
        raise RuntimeError(f"the LanceDB table {name} at {index.uri} does not read; move or delete the prefix "
                           f"{index.uri}/{name}.lance by hand, and the next run embeds it again")
    lancedb_dir = index.path
    folder = lancedb_dir / f"{name}.lance"
    target = lancedb_dir / f"{name}.lance.corrupt-{stamp}"
    folder.rename(target)
    return target
