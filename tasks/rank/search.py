"""Interactive search over indexed images with a fit model: built once (warm), then each query in
milliseconds. Pure: the caller gives the scorer, the query filter and the images (``withsense.services``)."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from tasks.legal.rules import DISCLAIMER, QueryFilter
from tasks.rank.scoring import Scorer


@dataclass
class SearchHit:
    rank: int
    score: float
    image_id: str | None  # None for a blocked image: a person never sees which one it was
    path: str | None
    blocked: bool


@dataclass
class SearchResult:
    query: str
    blocked: bool
    reason: str
    hits: list[SearchHit]
    milliseconds: float

    def lines(self) -> list[str]:
        if self.blocked:
            return [DISCLAIMER]
        return [f"{h.rank:>3}  {h.score:.3f}  " + (DISCLAIMER if h.blocked else f"{h.image_id}  {h.path}")
                for h in self.hits]


class SearchIndex:
    def __init__(self, scorer: Scorer, query_filter: QueryFilter, image_ids: list[str], paths: list[str],
                 features: np.ndarray, is_blocked: list[bool | None]):
        self.scorer = scorer
        self.query_filter = query_filter
        self.image_ids = image_ids
        self.n_images = len(image_ids)
        self.model_version = scorer.model_version
        self.paths = paths
        # An image the legal stage has not decided yet is treated as blocked: never shown by mistake.
        self.blocked = np.array([flag is not False for flag in is_blocked], dtype=bool)
        self.features = features
        model = self.scorer.model
        # A dual encoder's image side does not depend on the query: project every image once, here.
        self.image_joint = model.embed_images(self.features) if hasattr(model, "embed_images") else None

    def search(self, query: str, top_k: int = 10) -> SearchResult:
        started = time.perf_counter()
        [decision] = self.query_filter.decide([query])
        if decision.blocked:
            return SearchResult(query, True, decision.reason, [], (time.perf_counter() - started) * 1000)
        text = self.scorer.text_encoder.encode([query])
        model = self.scorer.model
        if self.image_joint is not None:
            scores = model.calibrated(model.embed_texts(text) @ self.image_joint.T)[0]
        else:
            scores = model.score_matrix(self.features, text)[0]
        order = np.argsort(-scores, kind="stable")[:top_k]
        hits = [SearchHit(rank, float(scores[i]), None if self.blocked[i] else self.image_ids[i],
                          None if self.blocked[i] else self.paths[i], bool(self.blocked[i]))
                for rank, i in enumerate(order, start=1)]
        return SearchResult(query, False, "", hits, (time.perf_counter() - started) * 1000)


@dataclass
class Neighbour:
    image_id: str
    path: str
    is_blocked: bool | None
    cosine: float


class TableSearch:
    """Search over the search table (every image already in the model's joint space): a query needs only
    the text encoder, the model's text side (``tower``: ``embed_texts``, ``calibrated``) and a nearest-
    neighbour lookup, so nothing is built per process. ``nearest(vector, k)`` returns the k images with the
    largest cosine, best first (LanceDB, through ``withsense.services``)."""

    def __init__(self, text_encoder, tower, model_version: str, query_filter: QueryFilter, nearest, n_images: int):
        self.text_encoder = text_encoder
        self.tower = tower
        self.model_version = model_version
        self.query_filter = query_filter
        self.nearest = nearest
        self.n_images = n_images

    def search(self, query: str, top_k: int = 10) -> SearchResult:
        started = time.perf_counter()
        [decision] = self.query_filter.decide([query])
        if decision.blocked:
            return SearchResult(query, True, decision.reason, [], (time.perf_counter() - started) * 1000)
        vector = self.tower.embed_texts(self.text_encoder.encode([query]))[0]
        found: list[Neighbour] = self.nearest(vector, top_k)
        scores = self.tower.calibrated(np.array([n.cosine for n in found], dtype=np.float32))
        # An image the legal stage has not decided yet is treated as blocked: never shown by mistake.
        hits = [SearchHit(rank, float(score), None if n.is_blocked is not False else n.image_id,
                          None if n.is_blocked is not False else n.path, n.is_blocked is not False)
                for rank, (n, score) in enumerate(zip(found, scores), start=1)]
        return SearchResult(query, False, "", hits, (time.perf_counter() - started) * 1000)
