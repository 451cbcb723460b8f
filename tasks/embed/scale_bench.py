"""Embedding memory and throughput as the number of images grows: 1,000 and 10,000 distinct JPEGs made
from the delivery's images (resized, flipped and cropped, so every file has its own bytes and vector),
each count embedded by the nightly's own indexing code (``edges.index_images``) in a fresh child process
that reports its peak RSS. Peak RSS should not grow with the count (the reader's queue and the writer's
buffer are bounded) and throughput should stay level."""

from __future__ import annotations

import multiprocessing
import resource
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass
class EmbedScaleRow:
    n_images: int
    seconds: float  # everything: encoder load and one warm-up batch, planning, pipeline, compaction
    images_per_second: float  # through the pipeline (files → reader → encoder → LanceDB), load and warm-up excluded
    peak_rss_mb: float


def make_distinct_images(sources: list[Path], n: int, folder: Path, seed: int = 0) -> list[Path]:
    """``n`` JPEGs in ``folder``: the i-th from source i mod len(sources), randomly cropped (80-100% of each
    side), scaled (60-100%) and mirrored; made once and reused (the names carry n's index)."""
    import cv2

    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    made = []
    for i in range(n):
        keep, scale, mirror = rng.uniform(0.8, 1.0, 2), rng.uniform(0.6, 1.0), rng.random() < 0.5
        target = folder / f"synthetic-{i:06d}.jpg"
        made.append(target)
        if target.exists():
            continue
        image = cv2.imread(str(sources[i % len(sources)]), cv2.IMREAD_COLOR)
        height, width = image.shape[:2]
        h, w = int(height * keep[0]), int(width * keep[1])
        top, left = rng.integers(0, height - h + 1), rng.integers(0, width - w + 1)
        image = image[top : top + h, left : left + w]
        image = cv2.resize(image, (max(32, int(w * scale)), max(32, int(h * scale))), interpolation=cv2.INTER_AREA)
        if mirror:
            image = image[:, ::-1]
        cv2.imwrite(str(target), np.ascontiguousarray(image), [cv2.IMWRITE_JPEG_QUALITY, 90])
    return made


def _embed_in_child(settings, paths: list[str], index_dir: str, answer) -> None:
    import hashlib

    from models.encoders import encoder_versions_for, image_encoder_for
    from storage import vectors
    from tasks.embed.edges import index_images
    from tasks.embed.plan import ImageJob

    from models.encoders.base import decode_rgb

    jobs = [ImageJob(image_id=Path(p).name, split="bench", path=p,
                     sha256=hashlib.sha256(Path(p).read_bytes()).hexdigest()) for p in paths]
    version, _ = encoder_versions_for(settings)
    started = time.perf_counter()
    encoder = image_encoder_for(settings)
    # One batch through the encoder before the clock of the pipeline starts: ONNX Runtime's first runs
    # allocate and tune, a fixed cost per process that would make the smaller count look slower.
    encoder.encode(np.stack([encoder.prepare(decode_rgb(Path(p).read_bytes()))
                             for p in paths[: settings.embed_batch_size]]))
    summary, _ = index_images(vectors.connect(Path(index_dir)), jobs, version, lambda: encoder,
                              settings.embed_batch_size, settings.io_workers, progress=False)
    seconds = time.perf_counter() - started
    answer.send((summary.n_embedded, seconds, summary.timings["pipeline"],
                 resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


def embed_in_fresh_process(settings, paths: list[Path], index_dir: Path) -> EmbedScaleRow:
    """Embed ``paths`` into a new index in a spawned process: its peak RSS is this count's alone."""
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_embed_in_child, args=(settings, [str(p) for p in paths], str(index_dir), send))
    child.start()
    n_embedded, seconds, pipeline_seconds, peak_mb = receive.recv()
    child.join()
    if child.exitcode != 0 or n_embedded != len(paths):
        raise RuntimeError(f"the bench's embedding process failed (exit {child.exitcode}, {n_embedded} of "
                           f"{len(paths)} embedded)")
    return EmbedScaleRow(len(paths), seconds, n_embedded / pipeline_seconds, peak_mb)


def markdown(rows: list[EmbedScaleRow]) -> str:
    first, last = rows[0], rows[-1]
    lines = ["| images | indexing time (with encoder load and warm-up) | pipeline throughput | peak RSS |",
             "|---|---|---|---|"]
    lines += [f"| {r.n_images:,} | {r.seconds:.0f} s | {r.images_per_second:.1f} img/s | {r.peak_rss_mb:,.0f} MB |"
              for r in rows]
    lines.append(f"\n{last.n_images:,} vs {first.n_images:,} images: peak RSS "
                 f"{(last.peak_rss_mb / first.peak_rss_mb - 1) * 100:+.1f}%, throughput "
                 f"{(last.images_per_second / first.images_per_second - 1) * 100:+.1f}%")
    return "\n".join(lines)
