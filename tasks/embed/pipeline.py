"""Batch image embedding in the reader → mapper → writer shape.

- reader: a producer thread decodes and prepares images on a small thread pool (libjpeg-turbo and
  OpenCV release the GIL)
  and queues ready batches; the queue is bounded, so memory stays bounded whatever the number of images;
- mapper: the encoder's forward pass on each batch, in the calling thread, while the reader runs ahead;
- writer: buffers rows and flushes them to the index every ``flush_rows``.
The three are timed apart. An unreadable image (a file that cannot be read or whose bytes do not decode)
is skipped with its reason and the batch goes on; any other error (a bug in an encoder's ``prepare``, say)
is not a bad file: it stops the embedding and names the stage and the image.
"""

from __future__ import annotations

import hashlib
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

import numpy as np
import pyarrow as pa
from tqdm import tqdm

from models.encoders import ImageEncoder
from models.encoders.base import ImageDecodeError, decode_rgb
from tasks.embed.plan import ImageJob
from tasks.embed.rows import image_rows

log = logging.getLogger(__name__)


@dataclass
class ImageFailure:
    job: ImageJob
    reason: str


@dataclass
class PreparedBatch:
    jobs: list[ImageJob]
    pixels: np.ndarray | None  # (n, h, w, 3) uint8, None when every image of the batch failed
    failures: list[ImageFailure]
    read_seconds: float  # decode + prepare time summed over the reader threads


@dataclass
class EmbedStats:
    n_embedded: int = 0
    n_failed: int = 0
    read_seconds: float = 0.0  # reader threads' decode + prepare time (overlaps inference)
    wait_seconds: float = 0.0  # time the mapper waited for the reader (not overlapped)
    inference_seconds: float = 0.0
    write_seconds: float = 0.0
    wall_seconds: float = 0.0
    failures: list[ImageFailure] = field(default_factory=list)

    @property
    def images_per_second(self) -> float:
        return self.n_embedded / self.wall_seconds if self.wall_seconds else 0.0

    def describe(self) -> str:
        return (f"embedded {self.n_embedded} images ({self.n_failed} failed) in {self.wall_seconds:.1f}s = "
                f"{self.images_per_second:.1f} img/s; read {self.read_seconds:.1f}s (waited {self.wait_seconds:.1f}s), "
                f"inference {self.inference_seconds:.1f}s, write {self.write_seconds:.1f}s")


class EmbedStageError(RuntimeError):
    """Embedding stopped for a reason that is not a bad image file."""


def load_prepared(job: ImageJob, prepare: Callable[[np.ndarray], np.ndarray]) -> tuple[ImageJob, np.ndarray | None, str | None]:
    """Read the bytes once: hash them (the index records what was really embedded), decode and prepare
    them. (job, pixels, None) — or (job, None, why) when the file cannot be read or does not decode."""
    try:
        with open(job.path, "rb") as handle:
            content = handle.read()
        rgb = decode_rgb(content)
    except (OSError, ImageDecodeError) as error:
        return job, None, f"{type(error).__name__}: {error}"
    height, width = rgb.shape[:2]
    try:
        pixels = prepare(rgb)
    except Exception as error:
        raise EmbedStageError(f"embed stage: preparing {job.path} for the encoder failed "
                              f"({type(error).__name__}: {error}); this is not a bad file") from error
    return replace(job, sha256=hashlib.sha256(content).hexdigest(), width=width, height=height), pixels, None


def read_batches(jobs: list[ImageJob], prepare: Callable[[np.ndarray], np.ndarray], batch_size: int,
                 workers: int, prefetch_batches: int = 3) -> Iterator[PreparedBatch]:
    ready: queue.Queue = queue.Queue(maxsize=prefetch_batches)
    stop = threading.Event()

    def load_timed(job: ImageJob):
        started = time.perf_counter()
        return *load_prepared(job, prepare), time.perf_counter() - started

    def produce() -> None:
        try:
            with ThreadPoolExecutor(max_workers=workers) as pool:
                for start in range(0, len(jobs), batch_size):
                    if stop.is_set():
                        return
                    loaded = list(pool.map(load_timed, jobs[start : start + batch_size]))
                    good = [(job, pixels) for job, pixels, problem, _ in loaded if problem is None]
                    batch = PreparedBatch(
                        jobs=[job for job, _ in good],
                        pixels=np.stack([pixels for _, pixels in good]) if good else None,
                        failures=[ImageFailure(job, problem) for job, _, problem, _ in loaded if problem is not None],
                        read_seconds=sum(seconds for *_, seconds in loaded),
                    )
                    ready.put(batch)
        except BaseException as error:  # surface reader crashes in the consumer, never hang it
            ready.put(error)
        finally:
            ready.put(None)

    producer = threading.Thread(target=produce, name="image-reader", daemon=True)
    producer.start()
    try:
        while True:
            item = ready.get()
            if item is None:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while producer.is_alive():  # drain so a blocked producer can finish
            try:
                ready.get(timeout=0.1)
            except queue.Empty:
                pass
        producer.join()


class BufferedWriter:
    """Collects row tables and hands them to ``write`` in chunks of at least ``flush_rows`` rows."""

    def __init__(self, write: Callable[[pa.Table], None], flush_rows: int):
        self.write = write
        self.flush_rows = flush_rows
        self.pending: list[pa.Table] = []
        self.seconds = 0.0

    def add(self, rows: pa.Table) -> None:
        self.pending.append(rows)
        if sum(t.num_rows for t in self.pending) >= self.flush_rows:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        started = time.perf_counter()
        self.write(pa.concat_tables(self.pending))
        self.pending = []
        self.seconds += time.perf_counter() - started


def embed_images(jobs: list[ImageJob], encoder: ImageEncoder, write: Callable[[pa.Table], None], schema: pa.Schema,
                 batch_size: int = 32, workers: int = 2, flush_rows: int = 256, progress: bool = True) -> EmbedStats:
    stats = EmbedStats()
    writer = BufferedWriter(write, flush_rows)
    embedded_at = datetime.now(timezone.utc)
    started = time.perf_counter()
    bar = tqdm(total=len(jobs), unit="img", desc="embedding images", disable=not progress or not jobs, mininterval=1.0)
    batches = read_batches(jobs, encoder.prepare, batch_size, workers)
    while True:
        waited = time.perf_counter()
        batch = next(batches, None)
        stats.wait_seconds += time.perf_counter() - waited
        if batch is None:
            break
        stats.read_seconds += batch.read_seconds
        for failure in batch.failures:
            log.warning("skipping image %s (%s): %s", failure.job.image_id, failure.job.path, failure.reason)
        stats.failures += batch.failures
        if batch.pixels is not None:
            inferred = time.perf_counter()
            encoded = encoder.encode(batch.pixels)
            stats.inference_seconds += time.perf_counter() - inferred
            writer.add(image_rows(batch.jobs, encoded, encoder, schema, embedded_at))
            stats.n_embedded += len(batch.jobs)
        bar.update(len(batch.jobs) + len(batch.failures))
    writer.flush()
    bar.close()
    stats.n_failed = len(stats.failures)
    stats.write_seconds = writer.seconds
    stats.wall_seconds = time.perf_counter() - started
    return stats
