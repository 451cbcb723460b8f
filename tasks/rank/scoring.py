"""Scoring with a fit model: rank images for queries, score pairs. The evaluation contract's core logic,
pure: features and decisions in, Arrow rows out (``tasks.rank.edges`` finds the model, features, flags)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa

from models.encoders import TextEncoder
from tasks.legal.rules import DISCLAIMER

RANKING_SCHEMA = pa.schema([
    ("query_id", pa.string()), ("query_text", pa.string()), ("query_blocked", pa.bool_()),
    ("rank", pa.int32()), ("image", pa.string()), ("score", pa.float32()), ("image_blocked", pa.bool_()),
    ("disclaimer", pa.string()), ("model_version", pa.string()),
])
SCORE_SCHEMA = pa.schema([("image_path", pa.string()), ("query_text", pa.string()), ("score", pa.float32()),
                          ("model_version", pa.string())])


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
    n_reused: int  # vectors taken from the index instead of embedding the file again
    skipped: list[tuple[str, str]]  # (path, reason)
    sha256s: list[str]  # content hash of each image (legal decisions are kept by content)
    vectors: np.ndarray  # the image encoder's own vectors: what the legal image classifier reads


@dataclass
class LegalFlags:
    query_blocked: list[bool]
    image_blocked: list[bool]


def rank_images(scorer: Scorer, images: ImageSet, query_ids: list[str], query_texts: list[str],
                top_k: int | None = None, flags: LegalFlags | None = None) -> pa.Table:
    """One row per (query, ranked image), best first. A blocked query gets one row with no rank and the
    disclaimer; a blocked image keeps its rank and score, flagged, with the disclaimer."""
    query_blocked = flags.query_blocked if flags else [False] * len(query_ids)
    image_blocked = flags.image_blocked if flags else [False] * len(images.image_ids)
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


def score_pairs(scorer: Scorer, images: ImageSet, image_paths: list[str], query_texts: list[str]) -> pa.Table:
    """One row per (image_path, query_text) pair; a null score where the image could not be read."""
    by_path = {p: i for i, p in enumerate(images.paths)}
    text_features = scorer.text_encoder.encode(query_texts) if query_texts else np.zeros((0, 0))
    scores = []
    for t, path in enumerate(image_paths):
        i = by_path.get(str(Path(path)))
        scores.append(None if i is None else
                      float(scorer.model.score(images.features[i : i + 1], text_features[t : t + 1])[0]))
    return pa.table({"image_path": image_paths, "query_text": query_texts, "score": scores,
                     "model_version": [scorer.model_version] * len(image_paths)}, schema=SCORE_SCHEMA)


def decide_flags(query_decisions: list[bool], sha256s: list[str], stored: dict[str, tuple[bool, str | None]],
                 probability: np.ndarray, threshold: float) -> LegalFlags:
    """Images by the decision stored for their bytes (captions and classifier), or — for bytes the
    delivery never had — by the classifier alone."""
    image_blocked = [stored[sha][0] if sha in stored else bool(p >= threshold) for sha, p in zip(sha256s, probability)]
    return LegalFlags(list(query_decisions), image_blocked)
