"""Incremental indexing of a delivery's images and texts into LanceDB."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa
from prefect import task
from prefect.cache_policies import NO_CACHE
from pydantic import BaseModel

from models.encoders import (ImageEncoder, TextEncoder, image_encoder_version, load_image_encoder,
                             load_text_encoder, text_encoder_version)
from storage import vectors, warehouse
from storage.settings import Settings
from tasks.embed_plan import ImageJob, Plan, TextJob, plan_images, plan_texts
from tasks.image_pipeline import EmbedStats, ImageFailure, embed_images

if TYPE_CHECKING:
    import lancedb

log = logging.getLogger(__name__)
EMBED_CHECK_NAME = "embed_image_read"


class IndexSummary(BaseModel):
    table: str
    encoder_version: str
    n_embedded: int
    n_relocated: int
    n_deleted: int
    n_unchanged: int
    n_failed: int
    n_rows: int
    seconds: float
    timings: dict[str, float] = {}

    def describe(self) -> str:
        if self.n_embedded == self.n_relocated == self.n_deleted == self.n_failed == 0:
            change = "nothing to embed: index up to date"
        else:
            change = (f"embedded {self.n_embedded}, moved {self.n_relocated}, deleted {self.n_deleted}, "
                      f"failed {self.n_failed}")
        return f"{self.table}: {change}; {self.n_unchanged} unchanged; {self.n_rows} rows ({self.seconds:.1f}s)"


# --- what the delivery has ----------------------------------------------------------------------------

def image_jobs_from_warehouse(con: duckdb.DuckDBPyConnection, data_dir: Path) -> list[ImageJob]:
    rows = warehouse.query_arrow(con, "embed/images_to_index").to_pylist()
    return [ImageJob(image_id=r["image_id"], split=r["split"], path=str(data_dir / r["path"]), sha256=r["sha256"],
                     width=r["width"], height=r["height"]) for r in rows]


def text_jobs_from_warehouse(con: duckdb.DuckDBPyConnection) -> list[TextJob]:
    return [TextJob(**row) for row in warehouse.query_arrow(con, "embed/texts_to_index").to_pylist()]


# --- indexing -----------------------------------------------------------------------------------------

def index_images(db: lancedb.DBConnection, jobs: list[ImageJob], encoder_version: str,
                 load_encoder: Callable[[], ImageEncoder], batch_size: int, workers: int,
                 progress: bool = True) -> tuple[IndexSummary, list[ImageFailure]]:
    """Bring the images table in step with ``jobs``; the encoder is loaded only if something needs embedding."""
    started = time.perf_counter()
    table, indexed = _indexed_state(db, vectors.IMAGES_TABLE, vectors.images_schema(1),
                                    ["image_id", "sha256", "encoder_version", "path", "split"])
    plan = plan_images(jobs, indexed, encoder_version)
    log.info(plan.describe("images"))
    stats = EmbedStats()
    if plan.to_embed:
        encoder = load_encoder()
        schema = vectors.images_schema(encoder.dimension)
        table = vectors.open_table(db, vectors.IMAGES_TABLE, schema)
        stats = embed_images(plan.to_embed, encoder, lambda rows: vectors.upsert(table, vectors.IMAGE_KEY, rows),
                             schema, batch_size=batch_size, workers=workers, progress=progress)
        log.info(stats.describe())
    if table is not None:
        _relocate(table, vectors.IMAGE_KEY, plan, lambda job: job.image_id,
                  lambda job: {"path": job.path, "split": job.split})
        failed_ids = [failure.job.image_id for failure in stats.failures]
        # A file that no longer reads must not keep a vector of its old bytes.
        vectors.delete_keys(table, vectors.IMAGE_KEY, plan.to_delete + failed_ids)
        if plan.to_embed or plan.to_delete or plan.to_relocate:
            vectors.compact(table)
    summary = IndexSummary(
        table=vectors.IMAGES_TABLE, encoder_version=encoder_version, n_embedded=stats.n_embedded,
        n_relocated=len(plan.to_relocate), n_deleted=len(plan.to_delete), n_unchanged=plan.n_unchanged,
        n_failed=stats.n_failed, n_rows=table.count_rows() if table is not None else 0,
        seconds=time.perf_counter() - started,
        timings={"read": stats.read_seconds, "wait": stats.wait_seconds, "inference": stats.inference_seconds,
                 "write": stats.write_seconds, "pipeline": stats.wall_seconds},
    )
    return summary, stats.failures


def index_texts(db: lancedb.DBConnection, jobs: list[TextJob], encoder_version: str,
                load_encoder: Callable[[], TextEncoder], batch_size: int = 256) -> IndexSummary:
    """Bring the texts table in step with ``jobs``; the encoder is loaded only if something needs embedding."""
    started = time.perf_counter()
    table, indexed = _indexed_state(db, vectors.TEXTS_TABLE, vectors.texts_schema(1),
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
        n_rows=table.count_rows() if table is not None else 0, seconds=time.perf_counter() - started,
        timings={"inference": inference_seconds},
    )


def text_rows(jobs: list[TextJob], encoded, encoder: TextEncoder, schema: pa.Schema, embedded_at: datetime) -> pa.Table:
    n = len(jobs)
    return pa.table(
        {
            "query_id": [j.query_id for j in jobs],
            "image_id": [j.image_id for j in jobs],
            "text": [j.text for j in jobs],
            "split": [j.split for j in jobs],
            "encoder": [encoder.name] * n,
            "encoder_version": [encoder.version] * n,
            "vector": vectors.vector_column(encoded, encoder.dimension),
            "embedded_at": [embedded_at] * n,
        },
        schema=schema,
    )


def _indexed_state(db, name: str, layout: pa.Schema, columns: list[str]):
    """(table, the columns a plan compares) — (None, None) when there is no table yet, or when it has an
    older column layout, so that everything is embedded again into the current one."""
    table = vectors.existing_table(db, name)
    if table is not None and not vectors.has_columns(table, layout):
        log.warning("the %s table has an older column layout: everything is embedded again", name)
        table = None
    return table, (vectors.read_columns(table, columns) if table is not None else None)


def _relocate(table, key: str, plan: Plan, key_of, new_values) -> None:
    """Rows whose content is unchanged but whose metadata moved: rewrite metadata, keep the vector."""
    if not plan.to_relocate:
        return
    by_key = {key_of(job): job for job in plan.to_relocate}
    rows = vectors.read_rows(table, key, list(by_key)).to_pylist()
    for row in rows:
        row.update(new_values(by_key[row[key]]))
    vectors.upsert(table, key, pa.Table.from_pylist(rows, schema=table.schema))


def quarantine_failures(con: duckdb.DuckDBPyConnection, failures: list[ImageFailure], at: datetime) -> None:
    rows = [{"check_name": EMBED_CHECK_NAME, "source_file": f.job.path, "source_line": None,
             "reason": f"image could not be read for embedding: {f.reason}", "record": f.job.image_id,
             "quarantined_at": at} for f in failures]
    if rows:
        warehouse.append_rows(con, "quarantine", pa.Table.from_pylist(rows))


def image_encoder_from_settings(settings: Settings) -> ImageEncoder:
    return load_image_encoder(settings.image_encoder, backend=settings.image_backend, folder=settings.encoder_folder,
                              onnx_cache_dir=settings.models_dir / "onnx", threads=settings.torch_threads)


def text_encoder_from_settings(settings: Settings) -> TextEncoder:
    return load_text_encoder(settings.text_encoder, folder=settings.encoder_folder, threads=settings.torch_threads)


def _loaded(encoder):
    print(f"loaded encoder {encoder.version} ({encoder.dimension}-d, backend {getattr(encoder, 'backend', 'torch')})")
    return encoder


# --- Prefect tasks ------------------------------------------------------------------------------------

@task(name="list images and texts to index", cache_policy=NO_CACHE)
def list_index_jobs_task(settings: Settings) -> tuple[list[ImageJob], list[TextJob]]:
    with warehouse.reading(settings.duckdb_path) as con:
        return image_jobs_from_warehouse(con, settings.data_dir), text_jobs_from_warehouse(con)


@task(name="embed images", cache_policy=NO_CACHE)
def index_images_task(settings: Settings, jobs: list[ImageJob]) -> IndexSummary:
    summary, failures = index_images(
        vectors.connect(settings.lancedb_dir), jobs,
        image_encoder_version(settings.image_encoder, folder=settings.encoder_folder),
        lambda: _loaded(image_encoder_from_settings(settings)), settings.embed_batch_size, settings.io_workers)
    if failures:
        with warehouse.transaction(settings.duckdb_path) as con:
            quarantine_failures(con, failures, datetime.now(timezone.utc))
    print(summary.describe())
    if summary.n_embedded:
        print("timings: " + ", ".join(f"{k} {v:.1f}s" for k, v in summary.timings.items()))
    return summary


@task(name="embed texts", cache_policy=NO_CACHE)
def index_texts_task(settings: Settings, jobs: list[TextJob]) -> IndexSummary:
    summary = index_texts(vectors.connect(settings.lancedb_dir), jobs,
                          text_encoder_version(settings.text_encoder, folder=settings.encoder_folder),
                          lambda: _loaded(text_encoder_from_settings(settings)))
    print(summary.describe())
    return summary
