"""Interactive search over the index with the champion: built once (warm), then each query in milliseconds."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from storage import vectors
from storage.settings import Settings
from tasks.features import image_feature_matrix
from tasks.legal import DISCLAIMER, QueryFilter
from tasks.rank import Scorer, load_scorer


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
    def __init__(self, settings: Settings):
        from tasks.legal_stage import load_query_filter

        self.scorer: Scorer = load_scorer(settings)
        self.query_filter: QueryFilter = load_query_filter(settings, self.scorer.text_encoder)
        table = vectors.existing_table(vectors.connect(settings.lancedb_dir), vectors.IMAGES_TABLE)
        if table is None:
            raise FileNotFoundError(f"no image index at {settings.lancedb_dir}: run `withsense run` first")
        rows = vectors.read_columns(table, ["image_id", "path", "vector", "top_labels", "top_scores", "is_blocked"]).to_pylist()
        self.image_ids = [r["image_id"] for r in rows]
        self.paths = [r["path"] for r in rows]
        # An image the legal stage has not decided yet is treated as blocked: never shown by mistake.
        self.blocked = np.array([r["is_blocked"] is not False for r in rows])
        self.features, _ = image_feature_matrix(np.stack([np.asarray(r["vector"], dtype=np.float32) for r in rows]),
                                                [r["top_labels"] for r in rows], [r["top_scores"] for r in rows],
                                                self.scorer.text_encoder)
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
