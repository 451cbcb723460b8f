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


def _withheld(is_blocked: bool | None) -> bool:
    """An image the legal stage has not decided yet (None) is treated as blocked: never shown by mistake."""
    return is_blocked is not False


class _Search:
    """What every search does around its ranking: the legal check of the query first, then each hit shown,
    or the disclaimer in its place for a blocked image."""

    query_filter: QueryFilter

    def _ranked(self, query: str, top_k: int) -> list[tuple[float, str, str, bool]]:
        """(calibrated score, image id, path, withheld) of the ``top_k`` best images, best first."""
        raise NotImplementedError

    def search(self, query: str, top_k: int = 10) -> SearchResult:
        started = time.perf_counter()
        [decision] = self.query_filter.decide([query])
        if decision.blocked:
            return SearchResult(query, True, decision.reason, [], (time.perf_counter() - started) * 1000)
        hits = [SearchHit(rank, score, None if withheld else image_id, None if withheld else path, withheld)
                for rank, (score, image_id, path, withheld) in enumerate(self._ranked(query, top_k), start=1)]
        return SearchResult(query, False, "", hits, (time.perf_counter() - started) * 1000)


class SearchIndex(_Search):
    def __init__(self, scorer: Scorer, query_filter: QueryFilter, image_ids: list[str], paths: list[str],
                 features: np.ndarray, is_blocked: list[bool | None]):
        self.scorer = scorer
        self.query_filter = query_filter
        self.image_ids = image_ids
        self.n_images = len(image_ids)
        self.model_version = scorer.model_version
        self.paths = paths
        self.blocked = np.array([_withheld(flag) for flag in is_blocked], dtype=bool)
        self.features = features
        model = self.scorer.model
        # A dual encoder's image side does not depend on the query: project every image once, here.
        self.image_joint = model.embed_images(self.features) if hasattr(model, "embed_images") else None

    def _ranked(self, query: str, top_k: int) -> list[tuple[float, str, str, bool]]:
        text = self.scorer.text_encoder.encode([query])
        model = self.scorer.model
        if self.image_joint is not None:
            scores = model.calibrated(model.embed_texts(text) @ self.image_joint.T)[0]
        else:
            scores = model.score_matrix(self.features, text)[0]
        order = np.argsort(-scores, kind="stable")[:top_k]
        return [(float(scores[i]), self.image_ids[i], self.paths[i], bool(self.blocked[i])) for i in order]


@dataclass
class Neighbour:
    image_id: str
    path: str
    is_blocked: bool | None
    cosine: float


class TableSearch(_Search):
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

    def _ranked(self, query: str, top_k: int) -> list[tuple[float, str, str, bool]]:
        vector = self.tower.embed_texts(self.text_encoder.encode([query]))[0]
        found: list[Neighbour] = self.nearest(vector, top_k)
        scores = self.tower.calibrated(np.array([n.cosine for n in found], dtype=np.float32))
        return [(float(score), n.image_id, n.path, _withheld(n.is_blocked)) for n, score in zip(found, scores)]
