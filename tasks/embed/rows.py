"""The rows the index stores for embedded images and texts: one Arrow table per batch, in the declared schema."""

from __future__ import annotations

from datetime import datetime

import pyarrow as pa

from models.encoders import EncodedImages, ImageEncoder, TextEncoder
from storage.vectors import vector_column
from tasks.embed.plan import ImageJob, TextJob


def declared_labels(encoder: ImageEncoder, encoded: EncodedImages, n: int) -> tuple[list, list]:
    """(top_labels, top_scores) per image as the encoder's contract says: present when it declares a label
    head (and then they must be there), absent (None per image) when it does not."""
    if not encoder.has_label_head:
        return [None] * n, [None] * n
    if encoded.top_labels is None or encoded.top_scores is None:
        raise ValueError(f"image encoder {encoder.version} declares a label head but gave no labels")
    return encoded.top_labels, encoded.top_scores


def image_rows(jobs: list[ImageJob], encoded: EncodedImages, encoder: ImageEncoder, schema: pa.Schema,
               embedded_at: datetime) -> pa.Table:
    """One row per embedded image; the class labels only from an encoder that declares a label head."""
    n = len(jobs)
    top_labels, top_scores = declared_labels(encoder, encoded, n)
    return pa.table(
        {
            "image_id": [j.image_id for j in jobs],
            "split": [j.split for j in jobs],
            "path": [j.path for j in jobs],
            "sha256": [j.sha256 for j in jobs],
            "width": [j.width for j in jobs],
            "height": [j.height for j in jobs],
            "encoder": [encoder.name] * n,
            "encoder_version": [encoder.version] * n,
            "vector": vector_column(encoded.vectors, encoder.dimension),
            "top_labels": top_labels,
            "top_scores": top_scores,
            "embedded_at": [embedded_at] * n,
            "is_blocked": [None] * n,  # decided by the legal stage, after embedding
            "block_reason": [None] * n,
        },
        schema=schema,
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
            "vector": vector_column(encoded, encoder.dimension),
            "embedded_at": [embedded_at] * n,
        },
        schema=schema,
    )
