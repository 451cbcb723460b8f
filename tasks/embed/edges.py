"""The embed stage's edges: what the delivery has (warehouse), what the index holds (LanceDB), and the
incremental indexing that brings the index in step with the delivery."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from models.encoders import ImageEncoder, TextEncoder
from storage import vectors, warehouse
from storage.catalog import Catalog
from tasks.embed.pipeline import EmbedStats, ImageFailure, embed_images
from tasks.embed.plan import ImageJob, IndexSummary, Plan, TextJob, plan_images, plan_texts
from tasks.embed.rows import text_rows

if TYPE_CHECKING:
    import lancedb

log = logging.getLogger(__name__)
EMBED_CHECK_NAME = "embed_image_read"


# --- what the delivery has ----------------------------------------------------------------------------

def image_jobs_from_warehouse(con, data_dir: Path) -> list[ImageJob]:
    rows = warehouse.query_arrow(con, "embed/images_to_index").to_pylist()
    return [ImageJob(image_id=r["image_id"], split=r["split"], path=str(data_dir / r["path"]), sha256=r["sha256"],
                     width=r["width"], height=r["height"]) for r in rows]


def text_jobs_from_warehouse(con) -> list[TextJob]:
    return [TextJob(**row) for row in warehouse.query_arrow(con, "embed/texts_to_index").to_pylist()]


# --- indexing -----------------------------------------------------------------------------------------

def index_images(db: lancedb.DBConnection, jobs: list[ImageJob], encoder_version: str,
                 load_encoder: Callable[[], ImageEncoder], batch_size: int, workers: int,
                 progress: bool = True) -> tuple[IndexSummary, list[ImageFailure]]:
    """Bring the images table in step with ``jobs`` in this process; the encoder is loaded only if
    something needs embedding."""
    work = plan_image_index(db, jobs, encoder_version)
    stats = EmbedStats()
    if work.plan.to_embed:
        encoder = load_encoder()
        table = open_images_table(db, encoder.dimension)
        stats = embed_images(work.plan.to_embed, encoder, lambda rows: vectors.upsert(table, vectors.IMAGE_KEY, rows),
                             table.schema, batch_size=batch_size, workers=workers, progress=progress)
        log.info(stats.describe())
    return finish_image_index(db, work, stats), stats.failures


@dataclass
class ImageIndexWork:
    """What the images table needs this run (the plan), the encoder it is for, duplicates repaired."""
    plan: Plan
    encoder_version: str
    n_repaired: int
    planned_at: float  # time.time() (wall clock: the finish may run in another process)


def plan_image_index(db: lancedb.DBConnection, jobs: list[ImageJob], encoder_version: str) -> ImageIndexWork:
    _, indexed, repaired = _indexed_state(db, vectors.IMAGES_TABLE, vectors.IMAGE_KEY, vectors.images_schema(1),
                                          ["image_id", "sha256", "encoder_version", "path", "split"])
    plan = plan_images(jobs, indexed, encoder_version)
    log.info(plan.describe("images"))
    return ImageIndexWork(plan=plan, encoder_version=encoder_version, n_repaired=repaired, planned_at=time.time())


def open_images_table(db: lancedb.DBConnection, dimension: int):
    """The images table for vectors of ``dimension`` (created, or recreated for another dimension)."""
    return vectors.open_table(db, vectors.IMAGES_TABLE, vectors.images_schema(dimension))


def finish_image_index(db: lancedb.DBConnection, work: ImageIndexWork, stats: EmbedStats) -> IndexSummary:
    """After the embedding: rewrite moved rows, delete gone and unreadable images, compact, summarise."""
    plan = work.plan
    table = vectors.existing_table(db, vectors.IMAGES_TABLE)
    if table is not None:
        _relocate(table, vectors.IMAGE_KEY, plan, lambda job: job.image_id,
                  lambda job: {"path": job.path, "split": job.split})
        failed_ids = [failure.job.image_id for failure in stats.failures]
        # A file that no longer reads must not keep a vector of its old bytes.
        vectors.delete_keys(table, vectors.IMAGE_KEY, plan.to_delete + failed_ids)
        if plan.to_embed or plan.to_delete or plan.to_relocate:
            vectors.compact(table)
    return IndexSummary(
        table=vectors.IMAGES_TABLE, encoder_version=work.encoder_version, n_embedded=stats.n_embedded,
        n_relocated=len(plan.to_relocate), n_deleted=len(plan.to_delete), n_unchanged=plan.n_unchanged,
        n_failed=stats.n_failed, n_repaired=work.n_repaired, n_rows=table.count_rows() if table is not None else 0,
        seconds=time.time() - work.planned_at,
        timings={"read": stats.read_seconds, "wait": stats.wait_seconds, "inference": stats.inference_seconds,
                 "write": stats.write_seconds, "pipeline": stats.wall_seconds},
    )


def index_texts(db: lancedb.DBConnection, jobs: list[TextJob], encoder_version: str,
                load_encoder: Callable[[], TextEncoder], batch_size: int = 256) -> IndexSummary:
    """Bring the texts table in step with ``jobs``; the encoder is loaded only if something needs embedding."""
    started = time.perf_counter()
    table, indexed, repaired = _indexed_state(db, vectors.TEXTS_TABLE, vectors.TEXT_KEY, vectors.texts_schema(1),
                                              ["query_id", "text", "encoder_version", "image_id", "split"])
    plan = plan_texts(jobs, indexed, encoder_version)
    log.info(plan.describe("texts"))
    inference_seconds = 0.0
    if plan.to_embed:
        encoder = load_encoder()
        schema = vectors.texts_schema(encoder.dimension)
        table = vectors.open_table(db, vectors.TEXTS_TABLE, schema)
        embedded_at = datetime.now(timezone.utc)
        for start in range(0, len(plan.to_embed), batch_size):
            batch = plan.to_embed[start : start + batch_size]
            inferred = time.perf_counter()
            encoded = encoder.encode([job.text for job in batch])
            inference_seconds += time.perf_counter() - inferred
            vectors.upsert(table, vectors.TEXT_KEY, text_rows(batch, encoded, encoder, schema, embedded_at))
    if table is not None:
        _relocate(table, vectors.TEXT_KEY, plan, lambda job: job.query_id,
                  lambda job: {"image_id": job.image_id, "split": job.split})
        vectors.delete_keys(table, vectors.TEXT_KEY, plan.to_delete)
        if plan.to_embed or plan.to_delete or plan.to_relocate:
            vectors.compact(table)
    return IndexSummary(
        table=vectors.TEXTS_TABLE, encoder_version=encoder_version, n_embedded=len(plan.to_embed),
        n_relocated=len(plan.to_relocate), n_deleted=len(plan.to_delete), n_unchanged=plan.n_unchanged, n_failed=0,
        n_repaired=repaired,
        n_rows=table.count_rows() if table is not None else 0, seconds=time.perf_counter() - started,
        timings={"inference": inference_seconds},
    )


def _indexed_state(db, name: str, key: str, layout: pa.Schema, columns: list[str]):
    """(table, the columns a plan compares, rows removed as duplicates) — (None, None, 0) when there is no
    table yet, or when it has an older column layout, so that everything is embedded again into the
    current one. A table with duplicate keys (two runs wrote it at once) keeps its newest row per key."""
    table = vectors.existing_table(db, name)
    if table is not None and not vectors.has_columns(table, layout):
        log.warning("the %s table has an older column layout: everything is embedded again", name)
        table = None
    if table is None:
        return None, None, 0
    repaired = vectors.deduplicate(table, key)
    if repaired:
        log.warning("the %s table held %d duplicate rows (two runs wrote it at once?): kept the newest row per %s",
                    name, repaired, key)
    return table, vectors.read_columns(table, columns), repaired


def _relocate(table, key: str, plan: Plan, key_of, new_values) -> None:
    """Rows whose content is unchanged but whose metadata moved: rewrite metadata, keep the vector."""
    vectors.rewrite_columns(table, key, {key_of(job): new_values(job) for job in plan.to_relocate})


def quarantine_failures(catalog: Catalog, failures: list[ImageFailure], at: datetime) -> None:
    rows = [{"check_name": EMBED_CHECK_NAME, "source_file": f.job.path, "source_line": None,
             "reason": f"image could not be read for embedding: {f.reason}", "record": f.job.image_id,
             "quarantined_at": at} for f in failures]
    if rows:
        with warehouse.transaction(catalog.warehouse) as con:
            warehouse.append_rows(con, "quarantine", pa.Table.from_pylist(rows))


def open_index(catalog: Catalog) -> lancedb.DBConnection:
    return vectors.connect(catalog.vector_index)


def index_jobs(catalog: Catalog, data_dir: Path) -> tuple[list[ImageJob], list[TextJob]]:
    with warehouse.reading(catalog.warehouse) as con:
        return image_jobs_from_warehouse(con, data_dir), text_jobs_from_warehouse(con)
