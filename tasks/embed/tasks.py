"""The embed stage's Prefect tasks: thin wrappers over ``tasks.embed.edges``."""

from __future__ import annotations

from datetime import datetime, timezone

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from models.encoders import encoder_versions_for, image_encoder_for, text_encoder_for
from storage.retry import TRANSIENT_IO_RETRIES
from storage.settings import Settings
from tasks.embed import edges
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


@task(name="embed texts", cache_policy=NO_CACHE, **TRANSIENT_IO_RETRIES)
def index_texts_task(settings: Settings, jobs: list[TextJob]) -> IndexSummary:
    _, text_version = encoder_versions_for(settings)
    summary = edges.index_texts(edges.open_index(settings.catalog), jobs, text_version,
                                lambda: _loaded(text_encoder_for(settings)))
    get_run_logger().info(summary.describe())
    return summary
