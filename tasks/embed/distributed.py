"""The embed stage's image work split into chunks for a Dask cluster (``withsense run --task-runner dask``).

The driver plans (``edges.plan_image_index``) and hands each worker a chunk of jobs — file paths and
hashes, never pixels. A worker reads the files itself from the shared storage, runs the same
reader → encoder pipeline as a local run (``pipeline.embed_images``) and upserts its rows straight into
the shared LanceDB images table (concurrent merge-inserts of distinct keys commit one after another), so
no image and no vector passes through the driver. Each worker process loads its encoder once and keeps it
for every chunk it is given.
"""

from __future__ import annotations

import os
import socket
import threading

from models.encoders import ImageEncoder, image_encoder_for
from storage import vectors
from tasks.embed.pipeline import EmbedStats, embed_images
from tasks.embed.plan import ImageJob

_loaded: dict[tuple, ImageEncoder] = {}
_loading = threading.Lock()  # a worker with several threads must still load its encoder once


def chunks(jobs: list[ImageJob], size: int) -> list[list[ImageJob]]:
    """Consecutive chunks of ``size`` jobs (the last may be shorter): one Dask task each."""
    return [jobs[start : start + size] for start in range(0, len(jobs), size)]


def worker_encoder(settings) -> ImageEncoder:
    """This process's image encoder for ``settings`` (loaded on the first chunk, kept for the next ones)."""
    key = (settings.image_encoder, settings.image_backend, str(settings.encoder_folder), str(settings.home),
           settings.dask_worker_threads)
    with _loading:
        if key not in _loaded:
            _loaded[key] = image_encoder_for(settings.model_copy(update={"torch_threads": settings.dask_worker_threads}))
        return _loaded[key]


def this_worker() -> str:
    """Which process did the work ("host pid N"): the logs and the test tell workers apart by it."""
    return f"{socket.gethostname()} pid {os.getpid()}"


def embed_chunk_into_index(settings, jobs: list[ImageJob], encoder_version: str) -> EmbedStats:
    """Embed ``jobs`` on this worker and upsert their rows into the images table; the stats (failures
    included) go back to the driver, which quarantines unreadable files."""
    encoder = worker_encoder(settings)
    if encoder.version != encoder_version:
        raise RuntimeError(f"this worker's image encoder is {encoder.version}, the run planned for {encoder_version}: "
                           "every machine must have the same encoder weights")
    table = vectors.existing_table(vectors.connect(settings.catalog.vector_index), vectors.IMAGES_TABLE)
    if table is None:
        raise RuntimeError(f"the images table is missing at {settings.catalog.vector_index}: the driver creates it "
                           "before it hands out chunks")
    return embed_images(jobs, encoder, lambda rows: vectors.upsert(table, vectors.IMAGE_KEY, rows), table.schema,
                        batch_size=settings.embed_batch_size, workers=settings.io_workers,
                        flush_rows=len(jobs), progress=False)


def merged(stats: list[EmbedStats], wall_seconds: float) -> EmbedStats:
    """The chunks' stats as one (times summed over workers; the wall time is the driver's)."""
    total = EmbedStats(wall_seconds=wall_seconds)
    for part in stats:
        total.n_embedded += part.n_embedded
        total.read_seconds += part.read_seconds
        total.wait_seconds += part.wait_seconds
        total.inference_seconds += part.inference_seconds
        total.write_seconds += part.write_seconds
        total.failures += part.failures
    total.n_failed = len(total.failures)
    return total
