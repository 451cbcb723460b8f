"""The embed stage's Prefect tasks: thin wrappers over ``tasks.embed.edges``."""

from __future__ import annotations

import time
from datetime import datetime, timezone

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from models.encoders import encoder_versions_for, image_encoder_for, text_encoder_for
from storage.retry import TRANSIENT_IO_RETRIES
from storage.settings import Settings
from tasks.embed import distributed, edges
from tasks.embed.pipeline import EmbedStats
from tasks.embed.plan import ImageJob, IndexSummary, TextJob


def _loaded(encoder):
    get_run_logger().info("loaded encoder %s (%d-d, backend %s)", encoder.version, encoder.dimension,
                          getattr(encoder, "backend", "torch"))
    return encoder


@task(name="list images and texts to index", cache_policy=NO_CACHE)
def list_index_jobs_task(settings: Settings) -> tuple[list[ImageJob], list[TextJob]]:
    return edges.index_jobs(settings.catalog, settings.data_dir)


@task(name="embed images", cache_policy=NO_CACHE, **TRANSIENT_IO_RETRIES)
def index_images_task(settings: Settings, jobs: list[ImageJob]) -> IndexSummary:
    image_version, _ = encoder_versions_for(settings)
    summary, failures = edges.index_images(
        edges.open_index(settings.catalog), jobs, image_version, lambda: _loaded(image_encoder_for(settings)),
        settings.embed_batch_size, settings.io_workers)
    edges.quarantine_failures(settings.catalog, failures, datetime.now(timezone.utc))
    logger = get_run_logger()
    logger.info(summary.describe())
    if summary.n_embedded:
        logger.info("timings: " + ", ".join(f"{k} {v:.1f}s" for k, v in summary.timings.items()))
    return summary


# --- the same work on a Dask cluster: plan here, chunks on the workers, finish here ---------------------

@task(name="plan image embedding", cache_policy=NO_CACHE, **TRANSIENT_IO_RETRIES)
def plan_image_index_task(settings: Settings, jobs: list[ImageJob]) -> edges.ImageIndexWork:
    image_version, _ = encoder_versions_for(settings)
    db = edges.open_index(settings.catalog)
    work = edges.plan_image_index(db, jobs, image_version)
    if work.plan.to_embed:
        # Loaded once here so that its ONNX export exists before the workers look for it (two workers must
        # not export into one file), and so that the table has the encoder's dimension before they write.
        edges.open_images_table(db, _loaded(image_encoder_for(settings)).dimension)
    return work  # the plan itself is logged by edges.plan_image_index (its logger reaches the run's logs)


@task(name="embed image chunk", cache_policy=NO_CACHE, **TRANSIENT_IO_RETRIES)
def embed_image_chunk_task(settings: Settings, jobs: list[ImageJob], encoder_version: str) -> EmbedStats:
    stats = distributed.embed_chunk_into_index(settings, jobs, encoder_version)
    get_run_logger().info("%s — on %s", stats.describe(), distributed.this_worker())
    return stats


@task(name="finish image index", cache_policy=NO_CACHE, **TRANSIENT_IO_RETRIES)
def finish_image_index_task(settings: Settings, work: edges.ImageIndexWork,
                            chunk_stats: list[EmbedStats]) -> IndexSummary:
    stats = distributed.merged(chunk_stats, wall_seconds=time.time() - work.planned_at)
    summary = edges.finish_image_index(edges.open_index(settings.catalog), work, stats)
    edges.quarantine_failures(settings.catalog, stats.failures, datetime.now(timezone.utc))
    get_run_logger().info(summary.describe())
    return summary


@task(name="embed texts", cache_policy=NO_CACHE, **TRANSIENT_IO_RETRIES)
def index_texts_task(settings: Settings, jobs: list[TextJob]) -> IndexSummary:
    _, text_version = encoder_versions_for(settings)
    summary = edges.index_texts(edges.open_index(settings.catalog), jobs, text_version,
                                lambda: _loaded(text_encoder_for(settings)))
    get_run_logger().info(summary.describe())
    return summary
