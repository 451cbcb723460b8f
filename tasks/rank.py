"""Scoring with the champion: rank images for queries, score pairs. The evaluation contract's logic."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa

from models.encoders import TextEncoder, image_encoder_version, text_encoder_version
from storage import model_store, vectors, warehouse
from storage.settings import Settings
from tasks.embed import image_encoder_from_settings, text_encoder_from_settings
from tasks.embed_plan import ImageJob
from tasks.features import image_feature_matrix
from tasks.image_pipeline import read_batches
from tasks.legal import DISCLAIMER

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")

RANKING_SCHEMA = pa.schema([
    ("query_id", pa.string()), ("query_text", pa.string()), ("query_blocked", pa.bool_()),
    ("rank", pa.int32()), ("image", pa.string()), ("score", pa.float32()), ("image_blocked", pa.bool_()),
    ("disclaimer", pa.string()), ("model_version", pa.string()),
])
SCORE_SCHEMA = pa.schema([("image_path", pa.string()), ("query_text", pa.string()), ("score", pa.float32()),
                          ("model_version", pa.string())])


class NoChampionError(RuntimeError):
    pass


@dataclass
class Scorer:
    model: object
    model_version: str
    text_encoder: TextEncoder


@dataclass
class ImageSet:
    image_ids: list[str]
    paths: list[str]
    features: np.ndarray
    n_reused: int
    skipped: list[tuple[str, str]]  # (path, reason)
    sha256s: list[str] = None  # content hash of each image (legal decisions are kept by content)


def find_champion(settings: Settings) -> dict:
    """The champion's registry row, or NoChampionError saying what to run when there is none yet."""
    if not settings.duckdb_path.exists():
        raise NoChampionError(f"no warehouse at {settings.duckdb_path}: run `withsense run` first")
    with warehouse.reading(settings.duckdb_path) as con:
        found = model_store.champion(con)
    if found is None:
        raise NoChampionError("no champion model yet: run `withsense run` to train one")
    return found


def load_scorer(settings: Settings) -> Scorer:
    found = find_champion(settings)
    image_version = image_encoder_version(settings.image_encoder, folder=settings.encoder_folder)
    text_version = text_encoder_version(settings.text_encoder, folder=settings.encoder_folder)
    if (found["image_encoder"], found["text_encoder"]) != (image_version, text_version):
        raise NoChampionError(f"champion {found['model_version']} was trained on {found['image_encoder']} + "
                              f"{found['text_encoder']}; the settings give {image_version} + {text_version}")
    model = model_store.load_model(found["kind"], Path(found["path"]))
    return Scorer(model, found["model_version"], text_encoder_from_settings(settings))


def image_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise FileNotFoundError(f"no image folder at {folder}")
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)


def image_set(settings: Settings, paths: list[Path], text_encoder: TextEncoder) -> ImageSet:
    """Features of any image files: vectors already in the index are reused when the bytes match (same
    sha256, same encoder); the others are embedded now (and not written to the index)."""
    version = image_encoder_version(settings.image_encoder, folder=settings.encoder_folder)
    hashes = [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]
    known: dict[str, tuple] = {}
    table = vectors.existing_table(vectors.connect(settings.lancedb_dir), vectors.IMAGES_TABLE) \
        if settings.lancedb_dir.exists() else None
    if table is not None:
        rows = vectors.read_columns(table, ["sha256", "encoder_version", "vector", "top_labels", "top_scores"])
        for row in rows.to_pylist():
            if row["encoder_version"] == version:
                known[row["sha256"]] = (row["vector"], row["top_labels"], row["top_scores"])
    found: dict[int, tuple] = {i: known[h] for i, h in enumerate(hashes) if h in known}
    missing = [i for i in range(len(paths)) if i not in found]
    if not found and not missing:
        return ImageSet([], [], np.zeros((0, 0), dtype=np.float32), 0, [], [])
    skipped: list[tuple[str, str]] = []
    if missing:
        encoder = image_encoder_from_settings(settings)
        jobs = [ImageJob(image_id=str(i), split="adhoc", path=str(paths[i]), sha256=hashes[i]) for i in missing]
        for batch in read_batches(jobs, encoder.prepare, settings.embed_batch_size, settings.io_workers):
            skipped += [(f.job.path, f.reason) for f in batch.failures]
            if batch.pixels is not None:
                encoded = encoder.encode(batch.pixels)
                for j, job in enumerate(batch.jobs):
                    found[int(job.image_id)] = (encoded.vectors[j], encoded.top_labels[j], encoded.top_scores[j])
    for path, reason in skipped:
        log.warning("skipping image %s: %s", path, reason)
    order = sorted(found)
    if not order:
        return ImageSet([], [], np.zeros((0, 0), dtype=np.float32), 0, skipped, [])
    features, _ = image_feature_matrix(np.stack([np.asarray(found[i][0], dtype=np.float32) for i in order]),
                                       [list(found[i][1]) for i in order], [list(found[i][2]) for i in order],
                                       text_encoder)
    return ImageSet([paths[i].name for i in order], [str(paths[i]) for i in order], features,
                    len(paths) - len(missing), skipped, [hashes[i] for i in order])


def rank_images(scorer: Scorer, images: ImageSet, query_ids: list[str], query_texts: list[str],
                top_k: int | None = None, query_blocked: list[bool] | None = None,
                image_blocked: list[bool] | None = None) -> pa.Table:
    """One row per (query, ranked image), best first. A blocked query gets one row with no rank and the
    disclaimer; a blocked image keeps its rank and score, flagged, with the disclaimer."""
    query_blocked = query_blocked or [False] * len(query_ids)
    image_blocked = image_blocked or [False] * len(images.image_ids)
    k = len(images.image_ids) if top_k is None else min(top_k, len(images.image_ids))
    scores = scorer.model.score_matrix(images.features, scorer.text_encoder.encode(query_texts)) \
        if query_ids and images.image_ids else np.zeros((len(query_ids), 0))
    rows: dict[str, list] = {name: [] for name in RANKING_SCHEMA.names}

    def add(query_id, text, blocked, rank, image, score, img_blocked):
        for name, value in zip(RANKING_SCHEMA.names, (query_id, text, blocked, rank, image, score, img_blocked,
                                                      DISCLAIMER if blocked or img_blocked else None,
                                                      scorer.model_version)):
            rows[name].append(value)

    for q, (query_id, text) in enumerate(zip(query_ids, query_texts)):
        if query_blocked[q]:
            add(query_id, text, True, None, None, None, False)
            continue
        # Stable order: by score, then by image name, so equal scores rank the same way every run.
        order = sorted(range(len(images.image_ids)), key=lambda i: (-scores[q, i], images.image_ids[i]))[:k]
        for rank, i in enumerate(order, start=1):
            add(query_id, text, False, rank, images.image_ids[i], float(scores[q, i]), image_blocked[i])
    return pa.table(rows, schema=RANKING_SCHEMA)


def score_pairs(settings: Settings, scorer: Scorer, image_paths: list[str], query_texts: list[str]) -> pa.Table:
    unique_paths = sorted(set(image_paths))
    images = image_set(settings, [Path(p) for p in unique_paths], scorer.text_encoder)
    by_path = {p: i for i, p in enumerate(images.paths)}
    text_features = scorer.text_encoder.encode(query_texts) if query_texts else np.zeros((0, 0))
    scores = []
    for path, t in zip(image_paths, range(len(query_texts))):
        i = by_path.get(str(Path(path)))
        scores.append(None if i is None else float(scorer.model.score(images.features[i : i + 1], text_features[t : t + 1])[0]))
    return pa.table({"image_path": image_paths, "query_text": query_texts, "score": scores,
                     "model_version": [scorer.model_version] * len(image_paths)}, schema=SCORE_SCHEMA)


@dataclass
class LegalFlags:
    query_blocked: list[bool]
    image_blocked: list[bool]
    image_reasons: list[str | None]


def legal_flags(settings: Settings, scorer: Scorer, images: ImageSet, query_texts: list[str]) -> LegalFlags:
    """Queries through the query filter; images by the decision stored for their bytes (captions and
    classifier), or — for bytes the delivery never had — by the classifier alone."""
    from tasks.legal_stage import blocked_images_by_sha, load_image_classifier, load_query_filter

    query_filter = load_query_filter(settings, scorer.text_encoder)
    classifier = load_image_classifier(settings)
    stored = blocked_images_by_sha(settings)
    probability = classifier.probability(images.features)
    blocked, reasons = [], []
    for sha, p in zip(images.sha256s, probability):
        if sha in stored:
            blocked.append(stored[sha][0])
            reasons.append(stored[sha][1])
        else:
            blocked.append(bool(p >= classifier.threshold))
            reasons.append(f"classifier: child probability {p:.2f}" if p >= classifier.threshold else None)
    return LegalFlags([d.blocked for d in query_filter.decide(query_texts)], blocked, reasons)
