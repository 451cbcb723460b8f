"""A text encoder that encodes each distinct text once: a ranking encodes the same test queries for the
legal filter, the scores and the stored query vectors, and they are captions the index already holds."""

from __future__ import annotations

import numpy as np

from models.encoders.base import TextEncoder


class CachedTextEncoder:
    """Wraps a :class:`TextEncoder`; vectors already known (``remember``) or encoded once are not encoded
    again. The cache lives as long as the object (one command, one task): it is keyed by text only, so it
    must never be shared between encoders — ``remember`` takes vectors of this encoder's version alone."""

    def __init__(self, encoder: TextEncoder, max_texts: int | None = None):
        self.encoder = encoder
        self.max_texts = max_texts  # a long-lived search process forgets its oldest texts past this many
        self.name, self.version = encoder.name, encoder.version
        self.dimension, self.normalized = encoder.dimension, encoder.normalized
        self._vectors: dict[str, np.ndarray] = {}
        self.n_encoded = 0  # texts actually sent to the model (the others came from the cache)
        # those texts still held, in order, to be kept by whoever stores vectors between runs (forgotten with them)
        self._encoded: dict[str, None] = {}

    def remember(self, texts: list[str], vectors) -> None:
        for text, vector in zip(texts, vectors):
            self._vectors[text] = np.asarray(vector, dtype=np.float32)
        if self.max_texts is not None:
            for oldest in list(self._vectors)[: max(0, len(self._vectors) - self.max_texts)]:
                del self._vectors[oldest]
                self._encoded.pop(oldest, None)

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if self.max_texts is not None and len(set(texts)) > self.max_texts:
            return self.encoder.encode(texts)  # more texts than the cache holds: nothing to share
        missing = list(dict.fromkeys(text for text in texts if text not in self._vectors))
        fresh = dict(zip(missing, np.asarray(self.encoder.encode(missing), dtype=np.float32))) if missing else {}
        self.n_encoded += len(missing)
        self._encoded.update(dict.fromkeys(missing))
        # Answer before remembering: remembering may forget older texts this very call asked for.
        vectors = np.stack([fresh[text] if text in fresh else self._vectors[text] for text in texts])
        self.remember(list(fresh), list(fresh.values()))
        return vectors

    def encoded_here(self) -> tuple[list[str], np.ndarray]:
        """(texts, vectors) this object sent to the model and still holds: what a store may keep for the next run
        (the remembered ones came from a store already)."""
        texts = list(self._encoded)
        if not texts:
            return [], np.zeros((0, self.dimension), dtype=np.float32)
        return texts, np.stack([self._vectors[text] for text in texts])
